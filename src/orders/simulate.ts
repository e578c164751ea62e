/**
 * A season of orders against a plant, to show what learning does to the
 * promise. In memory (no store, no HTTP): the same promise engine, bookings
 * (applyBookings), re-forecast, escalation, facts, metrics and learning as
 * the service, so a season of hundreds of orders runs in seconds.
 *
 * The season: `orders` orders at random instants on the plant's workdays
 * over `weeks` weeks from `start`. Each order:
 *   - configuration: per module, a value drawn with popularity weights
 *     1, 1/2, 1/3... in the rules file's option order, completed by the
 *     engine (picks dropped from the last until the engine can complete);
 *   - destination: DE 55 %, AT 10 %, FR 10 %, NL 8 %, CH 7 %, US 10 %;
 *   - promise: promiseDelivery against the ops of the moment plus every
 *     booking so far; the order books what it planned;
 *   - truth, the same in every run for a seed: each bought part arrives after
 *     its *declared* supplierDays plus a delay drawn from its supplier's
 *     profile; production takes the planned span from the day the last part
 *     is in (never before the planned ship day); transit is drawn from the
 *     zone's carrier profile;
 *   - milestones: materials_ready per bought part, shipped, delivered; the
 *     forecast and escalations run at each one and on the morning after the
 *     latest expected materials day (as the service's sweep would).
 * Supplier profiles (the declared distribution), by component in sorted
 * order, cycling: reliable (delay -1..+2, mostly 0), late (0..+6, often
 * past the spread), padded (-4..0). Carriers: transit uniform in the
 * declared range, plus 1-2 extra days 15 % of the time outside DE.
 *
 * Two runs per season: "declared" keeps the ops file's lead times;
 * "learned" re-learns every Monday from `learnAfterWeeks` on, from the
 * orders delivered by then, and applies the proposals. Both are measured on
 * the orders placed after the first learning day, so they compare the same
 * orders.
 *
 * Pure: seeded PRNG, no clock, no I/O.
 */
import { mulberry32 } from './seeded-random.js';
import type { IsoDate } from '../promise/calendar.js';
import { applyBookings } from '../promise/bookings.js';
import type { OpsFile } from '../promise/ops-schema.js';
import { plantDateOf, plantInstant } from '../promise/plant-time.js';
import { type DeliveryPromise, calendarsOf, promiseDelivery, shippingZoneFor } from '../promise/promise.js';
import type { Engine } from '../rules/engine.js';
import type { CompiledModel, Value } from '../rules/model.js';
import { type OrderFacts, orderFacts } from './facts.js';
import { type LearningOptions, type Proposal, applyLearning, proposeLeadTimes } from './learning.js';
import { type GroupStats, groupStats } from './metrics.js';
import { escalations, type OrderPlan, reforecast } from './reforecast.js';
import type { MilestoneEvent } from './timeline.js';

export interface SimulationOptions {
  model: CompiledModel;
  engine: Engine;
  ops: OpsFile;
  orders: number;
  seed: number;
  /** Season length. Default 16. */
  weeks?: number;
  /** The season's first day (a plant date). Default 2027-02-01. */
  start?: IsoDate;
  /** Learning starts after this many weeks. Default 4. */
  learnAfterWeeks?: number;
  learning?: LearningOptions;
  /** Supplier profile per component (overrides the cycling default). */
  profiles?: Record<string, SupplierProfile>;
}

export type SupplierProfile = 'reliable' | 'late' | 'padded';

/** Delay in workdays against the declared supplierDays -> weight. */
export const SUPPLIER_PROFILES: Record<SupplierProfile, [number, number][]> = {
  reliable: [[-1, 1], [0, 6], [1, 2], [2, 1]],
  late: [[0, 3], [1, 2], [2, 2], [3, 2], [4, 1], [6, 1]],
  padded: [[-4, 2], [-3, 3], [-2, 3], [-1, 1], [0, 1]],
};

const COUNTRIES: [string, number][] = [['DE', 55], ['AT', 10], ['FR', 10], ['NL', 8], ['CH', 7], ['US', 10]];

export interface RunResult {
  label: string;
  stats: GroupStats;
  /** Orders that had an escalation before delivery. */
  flagged: number;
  /** Late orders whose first alert came on or before the promised latest date. */
  lateWarned: number;
  /** The proposals in force at the end of the run (empty: declared). */
  proposals: Proposal[];
}

export interface SimulationResult {
  declared: RunResult;
  learned: RunResult;
  /** Orders measured (placed after the first learning day). */
  measured: number;
}


/** A PRNG for one purpose of one order: the same in every run of a seed. */
function streamOf(seed: number, ...keys: (string | number)[]): () => number {
  let h = 2166136261 ^ seed;
  for (const ch of keys.join('\u0000')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return mulberry32(h);
}

function weighted<T>(random: () => number, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

interface SeasonOrder {
  index: number;
  at: Date;
  configuration: Record<string, Value>;
  country: string;
}

/** The season's orders: when, what and where (independent of the ops data). */
function seasonOrders(options: SimulationOptions): SeasonOrder[] {
  const { model, engine, ops, seed } = options;
  const { plant } = calendarsOf(ops);
  const weeks = options.weeks ?? 16;
  const workdays: IsoDate[] = [];
  for (let day = plant.workdayFrom(options.start ?? '2027-02-01'); workdays.length < weeks * ops.plant.workdays.length; day = plant.nextWorkday(day)) workdays.push(day);
  const orders: SeasonOrder[] = [];
  for (let index = 0; index < options.orders; index++) {
    const random = streamOf(seed, 'order', index);
    const day = workdays[Math.floor(random() * workdays.length)];
    const minutes = 7 * 60 + Math.floor(random() * 11 * 60);
    const at = plantInstant(day, `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`, ops.plant.timeZone);
    const picks: [string, Value][] = model.modules.map((mod) => [mod.id, weighted(random, mod.values.map((v, i) => [v.id as Value, 1 / (i + 1)]))]);
    let configuration: Record<string, Value> | null = null;
    for (let keep = picks.length; keep >= 0 && !configuration; keep--) configuration = engine.complete(Object.fromEntries(picks.slice(0, keep)));
    if (!configuration) continue;
    orders.push({ index, at, configuration, country: weighted(random, COUNTRIES) });
  }
  return orders.sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index);
}

function profileOf(options: SimulationOptions, component: string): SupplierProfile {
  if (options.profiles?.[component]) return options.profiles[component];
  const ids = Object.keys(options.ops.components).sort();
  const i = ids.indexOf(component);
  return (['reliable', 'late', 'padded'] as const)[(i < 0 ? component.length : i) % 3];
}

interface Placed {
  order: SeasonOrder;
  plan: OrderPlan;
  promise: DeliveryPromise;
  zone: string;
  transitDeclared: [number, number];
  events: MilestoneEvent[];
  deliveredAt: Date;
  firstAlert?: IsoDate;
}

/** One run of the season; `learn` turns on weekly learning. */
function run(options: SimulationOptions, orders: readonly SeasonOrder[], learn: boolean): { placed: Placed[]; learnFrom: Date; proposals: Proposal[] } {
  const { model } = options;
  const declared = options.ops;
  const { plant, carrier } = calendarsOf(declared);
  const zoneTz = declared.plant.timeZone;
  let ops = declared;
  let proposals: Proposal[] = [];
  const start = plant.workdayFrom(options.start ?? '2027-02-01');
  const learnFrom = plantInstant(plant.addWorkdays(start, (options.learnAfterWeeks ?? 4) * declared.plant.workdays.length), '06:00', zoneTz);
  let nextLearning = learnFrom;
  const placed: Placed[] = [];
  const at = (day: IsoDate, time: string) => plantInstant(day, time, zoneTz).toISOString();

  for (const order of orders) {
    while (learn && order.at.getTime() >= nextLearning.getTime()) {
      const known = placed.filter((p) => p.deliveredAt.getTime() <= nextLearning.getTime()).map((p) => factsOf(p));
      // Proposals are against the declared values: learning replaces them, it does not compound.
      const learned = proposeLeadTimes(known.map((f) => ({ ...f, parts: f.parts.map((part) => ({ ...part, ...declaredPart(declared, part.component) })) })), options.learning);
      const fresh = applyLearning(declared, learned);
      ops = { ...ops, components: mergeLeadTimes(ops.components, fresh.components), shipping: fresh.shipping };
      proposals = learned;
      nextLearning = new Date(nextLearning.getTime() + 7 * 86_400_000);
    }
    const destination = { country: order.country };
    const promise = promiseDelivery({ model, ops, configuration: order.configuration, quantity: 1, destination, orderTime: order.at });
    const [zone, shipping] = shippingZoneFor(ops, order.country);
    const plan: OrderPlan = {
      model,
      ops,
      configuration: order.configuration,
      quantity: 1,
      destination,
      promise,
      stockParts: promise.bookings.stock.map((s) => s.component),
    };
    ops = applyBookings(ops, promise.bookings);

    // The truth: part arrivals, production, transit.
    const events: MilestoneEvent[] = [];
    let materials = promise.orderDay;
    for (const part of promise.bookings.stock.length >= 0 ? partsBought(plan) : []) {
      const random = streamOf(options.seed, 'part', order.index, part);
      const delay = weighted(random, SUPPLIER_PROFILES[profileOf(options, part)]);
      const base = declaredPart(declared, part).supplierDays ?? model.components[part]?.leadTimeDays ?? 0;
      const arrives = plant.addWorkdays(promise.orderDay, Math.max(0, base + delay));
      events.push({ type: 'materials_ready', eventId: `m-${part}`, occurredAt: at(arrives, '10:00'), component: part });
      if (arrives > materials) materials = arrives;
    }
    const span = plant.workdaysBetween(promise.materialsReady.earliest, promise.shipDate.earliest);
    const built = plant.addWorkdays(materials, span);
    const shipDay = built > promise.shipDate.earliest ? built : promise.shipDate.earliest;
    const random = streamOf(options.seed, 'transit', order.index);
    const [min, max] = shippingZoneFor(declared, order.country)[1].transitDays;
    let transit = min + Math.floor(random() * (max - min + 1));
    if (zone !== 'DE' && random() < 0.15) transit += 1 + Math.floor(random() * 2);
    const deliveredDay = carrier.addWorkdays(shipDay, transit);
    events.push({ type: 'shipped', eventId: 'ship', occurredAt: at(shipDay, '15:00'), carrier: 'Sim Freight', tracking: `SIM${order.index}` });
    events.push({ type: 'delivered', eventId: 'deliver', occurredAt: at(deliveredDay, '12:00') });

    // Escalations as the service would see them: at each milestone and on the morning after the latest expected materials day.
    const checks = [
      ...events.map((e) => new Date(e.occurredAt)),
      plantInstant(plant.nextWorkday(promise.materialsReady.latest), '08:00', zoneTz),
    ].sort((a, b) => a.getTime() - b.getTime());
    let firstAlert: IsoDate | undefined;
    for (const check of checks) {
      const known = events.filter((e) => Date.parse(e.occurredAt) <= check.getTime());
      if (known.some((e) => e.type === 'delivered')) break;
      if (escalations(plan, reforecast(plan, known, check)).length) {
        firstAlert = plantDateOf(check, zoneTz);
        break;
      }
    }
    placed.push({ order, plan, promise, zone, transitDeclared: shipping.transitDays, events, deliveredAt: new Date(events[events.length - 1].occurredAt), firstAlert });
  }
  return { placed, learnFrom, proposals };
}

function factsOf(p: Placed): OrderFacts {
  return orderFacts({
    orderId: `sim-${p.order.index}`,
    product: p.plan.model.product.id,
    createdAt: p.order.at.toISOString(),
    plan: p.plan,
    shippingZone: p.zone,
    transitDeclared: p.transitDeclared,
    events: p.events,
    atRisk: p.firstAlert !== undefined,
  });
}

function declaredPart(ops: OpsFile, component: string): { supplierDays?: number; spreadDays: number } {
  const part = Object.hasOwn(ops.components, component) ? ops.components[component] : undefined;
  return { supplierDays: part?.supplierDays, spreadDays: part?.spreadDays ?? 0 };
}

/** Current stock with lead times from `learned`. */
function mergeLeadTimes(current: OpsFile['components'], learned: OpsFile['components']): OpsFile['components'] {
  const next = { ...current };
  for (const [id, part] of Object.entries(learned)) {
    next[id] = { ...(next[id] ?? {}), supplierDays: part.supplierDays, spreadDays: part.spreadDays };
  }
  return next;
}

function partsBought(plan: OrderPlan): string[] {
  const stock = new Set(plan.stockParts);
  const parts = new Set<string>();
  for (const mod of plan.model.modules) {
    const value = mod.values.find((v) => v.id === plan.configuration[mod.id]);
    for (const c of value?.components ?? []) if (!stock.has(c)) parts.add(c);
  }
  return [...parts];
}

function summarise(label: string, placed: readonly Placed[], learnFrom: Date, proposals: Proposal[]): RunResult {
  const measured = placed.filter((p) => p.order.at.getTime() >= learnFrom.getTime());
  const facts = measured.map(factsOf);
  const late = measured.filter((p) => p.events[p.events.length - 1].occurredAt && factsOf(p).deliveredOn! > p.promise.delivery.latest);
  return {
    label,
    stats: groupStats(label, facts),
    flagged: measured.filter((p) => p.firstAlert).length,
    lateWarned: late.filter((p) => p.firstAlert && p.firstAlert <= p.promise.delivery.latest).length,
    proposals,
  };
}

/** Runs the season without and with learning. */
export function simulateSeason(options: SimulationOptions): SimulationResult {
  const orders = seasonOrders(options);
  const a = run(options, orders, false);
  const b = run(options, orders, true);
  return {
    declared: summarise('declared lead times', a.placed, a.learnFrom, []),
    learned: summarise('learned weekly', b.placed, b.learnFrom, b.proposals),
    measured: orders.filter((o) => o.at.getTime() >= a.learnFrom.getTime()).length,
  };
}
