/**
 * What a learned lead time would change, in terms a merchant can weigh
 * before accepting it: how many days the latest promise moves for orders
 * that wait on the part (or ship to the zone), and how many past arrivals
 * (deliveries) the latest promise covered before and would cover after.
 *
 * Pure.
 */
import type { OrderFacts } from './facts.js';
import type { Proposal } from './learning.js';

export interface ProposalEffect {
  /** Latest workdays promised: supplierDays + spreadDays (part) or the transit maximum (zone). */
  latestDays: { current: number; proposed: number };
  /** Likely workdays: supplierDays (part) or the transit minimum (zone). */
  likelyDays: { current: number; proposed: number };
  /** Share of observed arrivals (deliveries) within the latest days, 0..1. */
  covered: { current: number; proposed: number };
  /** Orders so far that waited on the part (shipped to the zone). */
  orders: number;
  /** "later" when promises for such orders get later (they were optimistic), "earlier" when tighter (padded), "same" otherwise. */
  promises: 'later' | 'earlier' | 'same';
}

export function proposalEffect(orders: readonly OrderFacts[], p: Proposal): ProposalEffect {
  const share = (values: number[], latest: number): number => (values.length ? Math.round((values.filter((v) => v <= latest).length / values.length) * 1000) / 1000 : 0);
  let actual: number[];
  let count: number;
  let latestDays: ProposalEffect['latestDays'];
  let likelyDays: ProposalEffect['likelyDays'];
  if (p.kind === 'component') {
    const parts = orders.flatMap((o) => o.parts.filter((part) => part.component === p.id && !part.fromStock));
    count = parts.length;
    actual = parts.flatMap((part) => (part.actualDays === undefined ? [] : [part.actualDays]));
    latestDays = { current: p.current.supplierDays + p.current.spreadDays, proposed: p.proposed.supplierDays + p.proposed.spreadDays };
    likelyDays = { current: p.current.supplierDays, proposed: p.proposed.supplierDays };
  } else {
    const zone = orders.filter((o) => o.zone === p.id);
    count = zone.length;
    actual = zone.flatMap((o) => (o.transitActual === undefined ? [] : [o.transitActual]));
    latestDays = { current: p.current[1], proposed: p.proposed[1] };
    likelyDays = { current: p.current[0], proposed: p.proposed[0] };
  }
  const move = latestDays.proposed - latestDays.current;
  return {
    latestDays,
    likelyDays,
    covered: { current: share(actual, latestDays.current), proposed: share(actual, latestDays.proposed) },
    orders: count,
    promises: move > 0 ? 'later' : move < 0 ? 'earlier' : 'same',
  };
}

/** A proposal as GET /api/learning shows it. */
export type ReviewedProposal = Proposal & { description: string; effect: ProposalEffect };

export interface ProductLearning {
  product: string;
  /** Delivered orders the proposals are learned from. */
  delivered: number;
  proposals: ReviewedProposal[];
}

/** GET /api/learning: per product the merchant sees. */
export interface LearningReview {
  coverage: number;
  minSamples: number;
  products: ProductLearning[];
}
