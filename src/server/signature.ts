/**
 * Signing what was promised: HMAC-SHA256 with the server's secret over a
 * canonical JSON (keys sorted at every level), so the same quote always gives
 * the same bytes however its object was built. Verification recomputes the
 * HMAC from the stored quote and compares in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** JSON with object keys sorted recursively; undefined members dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}

/** Hex HMAC-SHA256 of the canonical JSON of `payload`. */
export function sign(secret: string, payload: unknown): string {
  return createHmac('sha256', secret).update(canonicalJson(payload)).digest('hex');
}

/** True when `signature` is the HMAC of `payload`; constant time for signatures of the right length. */
export function verify(secret: string, payload: unknown, signature: string): boolean {
  const expected = Buffer.from(sign(secret, payload), 'hex');
  if (!/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
