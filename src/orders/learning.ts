/**
 * Learned lead times: from delivered orders, corrected supplier days and
 * spreads per part and transit days per shipping zone, so that promises
 * become honest where they were optimistic and tighter where padded.
 *
 *   supplierDays = median of the actual workdays (the likely case)
 *   spreadDays   = the `coverage` quantile minus supplierDays (the latest
 *                  promise covers that share of past arrivals)
 *   transitDays  = [the (1 - coverage) quantile, the coverage quantile]
 *
 * A part or zone with fewer than `minSamples` observations keeps its
 * declared values. Proposals say what they would change; `applyLearning`
 * returns new ops data (the given ops are left as they were) for the
 * merchant to accept.
 *
 * Pure.
 */
import type { OpsFile } from '../promise/ops-schema.js';
import type { OrderFacts } from './facts.js';
import { quantile } from './metrics.js';

export interface LearningOptions {
  /** Share of past observations the latest date should cover. Default 0.97. */
  coverage?: number;
  /** Fewer observations than this: no proposal. Default 5. */
  minSamples?: number;
}

export type Proposal =
  | {
      kind: 'component';
      id: string;
      samples: number;
      current: { supplierDays: number; spreadDays: number };
      proposed: { supplierDays: number; spreadDays: number };
    }
  | { kind: 'zone'; id: string; samples: number; current: [number, number]; proposed: [number, number] };

/** Corrections the facts support; unchanged values are left out. */
export function proposeLeadTimes(orders: readonly OrderFacts[], options: LearningOptions = {}): Proposal[] {
  const coverage = options.coverage ?? 0.97;
  const minSamples = options.minSamples ?? 5;
  const parts = new Map<string, { current: { supplierDays: number; spreadDays: number }; actual: number[] }>();
  const zones = new Map<string, { current: [number, number]; actual: number[] }>();
  for (const order of orders) {
    for (const part of order.parts) {
      if (part.fromStock || part.actualDays === undefined) continue;
      const entry = parts.get(part.component) ?? { current: { supplierDays: part.supplierDays, spreadDays: part.spreadDays }, actual: [] };
      entry.actual.push(part.actualDays);
      parts.set(part.component, entry);
    }
    if (order.transitActual !== undefined) {
      const entry = zones.get(order.zone) ?? { current: order.transitDeclared, actual: [] };
      entry.actual.push(order.transitActual);
      zones.set(order.zone, entry);
    }
  }
  const proposals: Proposal[] = [];
  for (const [id, { current, actual }] of [...parts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (actual.length < minSamples) continue;
    const supplierDays = quantile(actual, 0.5)!;
    const proposed = { supplierDays, spreadDays: Math.max(0, quantile(actual, coverage)! - supplierDays) };
    if (proposed.supplierDays !== current.supplierDays || proposed.spreadDays !== current.spreadDays) {
      proposals.push({ kind: 'component', id, samples: actual.length, current, proposed });
    }
  }
  for (const [id, { current, actual }] of [...zones].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (actual.length < minSamples) continue;
    const proposed: [number, number] = [quantile(actual, 1 - coverage)!, quantile(actual, coverage)!];
    if (proposed[0] !== current[0] || proposed[1] !== current[1]) proposals.push({ kind: 'zone', id, samples: actual.length, current, proposed });
  }
  return proposals;
}

/** The ops data with the proposals applied (a new object). */
export function applyLearning(ops: OpsFile, proposals: readonly Proposal[]): OpsFile {
  const next = structuredClone(ops);
  for (const p of proposals) {
    if (p.kind === 'component') {
      next.components[p.id] = { ...(next.components[p.id] ?? {}), supplierDays: p.proposed.supplierDays, spreadDays: p.proposed.spreadDays };
    } else if (Object.hasOwn(next.shipping, p.id)) {
      next.shipping[p.id] = { ...next.shipping[p.id], transitDays: p.proposed };
    }
  }
  return next;
}

/** One line per proposal, e.g. `top-oak: supplierDays 12 -> 14, spreadDays 3 -> 2 (41 arrivals)`. */
export function describeProposal(p: Proposal): string {
  if (p.kind === 'component') {
    return `part ${p.id}: supplierDays ${p.current.supplierDays} -> ${p.proposed.supplierDays}, spreadDays ${p.current.spreadDays} -> ${p.proposed.spreadDays} (${p.samples} arrivals)`;
  }
  return `zone ${p.id}: transitDays [${p.current.join(', ')}] -> [${p.proposed.join(', ')}] (${p.samples} deliveries)`;
}
