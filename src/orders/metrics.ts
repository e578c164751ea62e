/**
 * Promise accuracy, from order facts and quotes: per period, product,
 * option, destination and supplier, the on-time rate (delivered on or before
 * the promised latest date), early (before the promised earliest) and late
 * counts, order-to-delivery days (median, p90), lead-time variability (the
 * spread of delivered minus promised latest), supplier reliability (actual
 * vs declared supplier days) and option popularity (quoted vs ordered, and
 * how often each option was in a selection the service refused as clashing,
 * with the clashes that happen most).
 * Served as JSON by GET /api/metrics and printed by `bto report`.
 *
 * Pure.
 */
import type { Value } from '../rules/model.js';
import type { OrderFacts } from './facts.js';

/** The q-quantile (0..1) of `values` by the nearest-rank method; undefined for none. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const mean = (values: readonly number[]): number | undefined => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : undefined);
const round = (n: number | undefined, digits = 2): number | null => (n === undefined ? null : Math.round(n * 10 ** digits) / 10 ** digits);

function stdev(values: readonly number[]): number | undefined {
  const m = mean(values);
  if (m === undefined) return undefined;
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
}

export interface GroupStats {
  key: string;
  orders: number;
  delivered: number;
  onTime: number;
  early: number;
  late: number;
  /** onTime / delivered; null before any delivery. */
  onTimeRate: number | null;
  atRisk: number;
  leadDays: { median: number | null; p90: number | null };
  promisedLeadDays: { median: number | null };
  /** Delivered minus promised latest, calendar days. */
  deviationDays: { mean: number | null; stdev: number | null; min: number | null; max: number | null };
}

export interface SupplierStats {
  component: string;
  label: string;
  /** Orders that waited for this part from its supplier. */
  ordered: number;
  arrivals: number;
  declaredDays: { supplierDays: number; spreadDays: number };
  actualDays: { median: number | null; p90: number | null; max: number | null };
  /** Share of arrivals within the declared supplierDays + spreadDays. */
  reliability: number | null;
  /** Mean of actual minus declared supplierDays, in workdays. */
  meanDelayDays: number | null;
}

export interface OptionStats {
  product: string;
  option: string;
  /** Quotes in which the shopper picked it. */
  quoted: number;
  /** Orders whose configuration has it. */
  ordered: number;
  conversion: number | null;
  /** Quote requests refused as clashing (422 invalid_selection) that named it, as the culprit or the selection it clashed with. */
  clashes: number;
}

/** A clash that happened, counted: an option against another option, or against a rule when the explanation names no other selection. */
export interface ClashStats {
  product: string;
  option: string;
  kind: 'option' | 'rule';
  /** The other option (`module=value`) or the rule id. */
  with: string;
  count: number;
}

export interface Metrics {
  totals: GroupStats;
  byPeriod: GroupStats[];
  byProduct: GroupStats[];
  byOption: GroupStats[];
  byDestination: GroupStats[];
  bySupplier: GroupStats[];
  suppliers: SupplierStats[];
  popularity: OptionStats[];
  /** The most frequent clashes, most frequent first (at most TOP_CLASHES). */
  topClashes: ClashStats[];
  atRisk: { orderId: string; product: string; promisedLatest: string }[];
}

/** A quote as popularity counts it. */
export interface QuoteFacts {
  product: string;
  selection: Readonly<Record<string, Value>>;
}

/** A refused selection as popularity counts it (the server's clashes table). */
export interface ClashFacts {
  product: string;
  module: string;
  value: Value;
  other?: { module: string; value: Value };
  rule?: string;
}

/** How many clashes `topClashes` lists. */
export const TOP_CLASHES = 10;

/** ISO week of a date or instant, e.g. "2026-W49" (UTC). */
export function isoWeek(text: string): string {
  const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function groupStats(key: string, orders: readonly OrderFacts[]): GroupStats {
  const delivered = orders.filter((o) => o.deliveredOn !== undefined);
  const onTime = delivered.filter((o) => o.deliveredOn! <= o.promise.delivery.latest).length;
  const early = delivered.filter((o) => o.deliveredOn! < o.promise.delivery.earliest).length;
  const lead = delivered.map((o) => o.leadDays!);
  const deviation = delivered.map((o) => o.deviationDays!);
  return {
    key,
    orders: orders.length,
    delivered: delivered.length,
    onTime,
    early,
    late: delivered.length - onTime,
    onTimeRate: delivered.length ? round(onTime / delivered.length, 4) : null,
    atRisk: orders.filter((o) => o.atRisk && o.deliveredOn === undefined).length,
    leadDays: { median: round(quantile(lead, 0.5)), p90: round(quantile(lead, 0.9)) },
    promisedLeadDays: { median: round(quantile(orders.map((o) => o.promisedLeadDays), 0.5)) },
    deviationDays: {
      mean: round(mean(deviation)),
      stdev: round(stdev(deviation)),
      min: deviation.length ? Math.min(...deviation) : null,
      max: deviation.length ? Math.max(...deviation) : null,
    },
  };
}

function groupBy(orders: readonly OrderFacts[], keys: (o: OrderFacts) => readonly string[]): GroupStats[] {
  const groups = new Map<string, OrderFacts[]>();
  for (const order of orders) for (const key of new Set(keys(order))) groups.set(key, [...(groups.get(key) ?? []), order]);
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, list]) => groupStats(key, list));
}

const optionKey = (product: string, module: string, value: Value): string => `${product}:${module}=${String(value)}`;

/** Counts per option and per clash pair; the pair's options in a stable order so a↔b and b↔a add up. */
function countClashes(clashes: readonly ClashFacts[]): { perOption: Map<string, number>; top: ClashStats[] } {
  const perOption = new Map<string, number>();
  const pairs = new Map<string, ClashStats>();
  const bump = (key: string) => perOption.set(key, (perOption.get(key) ?? 0) + 1);
  for (const c of clashes) {
    const option = `${c.module}=${String(c.value)}`;
    bump(optionKey(c.product, c.module, c.value));
    let pair: Omit<ClashStats, 'count'> | undefined;
    if (c.other) {
      const other = `${c.other.module}=${String(c.other.value)}`;
      if (c.other.module !== c.module) bump(optionKey(c.product, c.other.module, c.other.value));
      const [a, b] = option < other ? [option, other] : [other, option];
      pair = { product: c.product, option: a, kind: 'option', with: b };
    } else if (c.rule !== undefined) {
      pair = { product: c.product, option, kind: 'rule', with: c.rule };
    }
    if (!pair) continue;
    const key = JSON.stringify([pair.product, pair.option, pair.kind, pair.with]);
    const entry = pairs.get(key) ?? { ...pair, count: 0 };
    entry.count++;
    pairs.set(key, entry);
  }
  const order = (x: ClashStats) => `${x.product}\u0000${x.option}\u0000${x.kind}\u0000${x.with}`;
  const top = [...pairs.values()].sort((a, b) => b.count - a.count || (order(a) < order(b) ? -1 : 1)).slice(0, TOP_CLASHES);
  return { perOption, top };
}

export function metrics(orders: readonly OrderFacts[], quotes: readonly QuoteFacts[] = [], clashes: readonly ClashFacts[] = []): Metrics {
  const suppliers = new Map<string, { label: string; declared: { supplierDays: number; spreadDays: number }; ordered: number; actual: number[] }>();
  for (const order of orders) {
    for (const part of order.parts) {
      if (part.fromStock) continue;
      const entry = suppliers.get(part.component) ?? { label: part.label, declared: { supplierDays: part.supplierDays, spreadDays: part.spreadDays }, ordered: 0, actual: [] };
      entry.ordered++;
      if (part.actualDays !== undefined) entry.actual.push(part.actualDays);
      suppliers.set(part.component, entry);
    }
  }
  const quoted = new Map<string, number>();
  for (const q of quotes) for (const [m, v] of Object.entries(q.selection)) quoted.set(optionKey(q.product, m, v), (quoted.get(optionKey(q.product, m, v)) ?? 0) + 1);
  const ordered = new Map<string, number>();
  for (const o of orders) for (const [m, v] of Object.entries(o.configuration)) ordered.set(optionKey(o.product, m, v), (ordered.get(optionKey(o.product, m, v)) ?? 0) + 1);
  const clashed = countClashes(clashes);

  return {
    totals: groupStats('all', orders),
    byPeriod: groupBy(orders, (o) => [isoWeek(o.promise.orderDay)]),
    byProduct: groupBy(orders, (o) => [o.product]),
    byOption: groupBy(orders, (o) => Object.entries(o.configuration).map(([m, v]) => optionKey(o.product, m, v))),
    byDestination: groupBy(orders, (o) => [o.zone === '*' ? `* (${o.country})` : o.zone]),
    bySupplier: groupBy(orders, (o) => o.parts.filter((p) => !p.fromStock).map((p) => p.component)),
    suppliers: [...suppliers]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([component, s]) => ({
        component,
        label: s.label,
        ordered: s.ordered,
        arrivals: s.actual.length,
        declaredDays: s.declared,
        actualDays: { median: round(quantile(s.actual, 0.5)), p90: round(quantile(s.actual, 0.9)), max: s.actual.length ? Math.max(...s.actual) : null },
        reliability: s.actual.length ? round(s.actual.filter((d) => d <= s.declared.supplierDays + s.declared.spreadDays).length / s.actual.length, 4) : null,
        meanDelayDays: round(mean(s.actual.map((d) => d - s.declared.supplierDays))),
      })),
    popularity: [...new Set([...quoted.keys(), ...ordered.keys(), ...clashed.perOption.keys()])]
      .sort(
        (a, b) =>
          (ordered.get(b) ?? 0) - (ordered.get(a) ?? 0) ||
          (quoted.get(b) ?? 0) - (quoted.get(a) ?? 0) ||
          (clashed.perOption.get(b) ?? 0) - (clashed.perOption.get(a) ?? 0) ||
          (a < b ? -1 : 1),
      )
      .map((key) => {
        const [product, option] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
        const q = quoted.get(key) ?? 0;
        const o = ordered.get(key) ?? 0;
        return { product, option, quoted: q, ordered: o, conversion: q ? round(o / q, 4) : null, clashes: clashed.perOption.get(key) ?? 0 };
      }),
    topClashes: clashed.top,
    atRisk: orders
      .filter((o) => o.atRisk && o.deliveredOn === undefined)
      .map((o) => ({ orderId: o.orderId, product: o.product, promisedLatest: o.promise.delivery.latest }))
      .sort((a, b) => (a.promisedLatest < b.promisedLatest ? -1 : 1)),
  };
}
