/**
 * Which web pages may call the API from a browser: the merchant's shop
 * origins (BTO_ORIGINS, comma-separated), always the service's own origin,
 * and, when nothing is configured, any port on localhost/127.0.0.1 so the
 * demo store works out of the box.
 */

/** Parses BTO_ORIGINS: "https://shop.example, https://www.shop.example" (trailing slashes dropped). */
export function parseOrigins(text: string | undefined): string[] | undefined {
  const list = (text ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
  return list.length ? list : undefined;
}

const LOOPBACK = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** True when a browser page at `origin` may call the service at `self` (its own origin). */
export function originAllowed(origin: string, self: string, configured: readonly string[] | undefined): boolean {
  if (origin === self) return true;
  return configured ? configured.includes(origin) : LOOPBACK.test(origin);
}
