/**
 * What happened to one order, as plain numbers: the facts metrics and
 * learning read. Built from an order's plan (the promise and what it was made
 * from) and its events, by the server from its store and by the simulation
 * from its season, so both measure the same way.
 *
 * Days: `leadDays` and `deviationDays` are calendar days (what a shopper
 * feels); supplier and transit days are workdays of the plant and the
 * carrier (what the ops file declares), so learned values drop straight in.
 *
 * Pure.
 */
import type { IsoDate } from '../promise/calendar.js';
import { billOfMaterials, supplyParts } from '../promise/materials.js';
import type { OpsFile } from '../promise/ops-schema.js';
import { plantDateOf } from '../promise/plant-time.js';
import { calendarsOf } from '../promise/promise.js';
import type { Value } from '../rules/model.js';
import type { OrderPlan, PromisedDates } from './reforecast.js';
import { type MilestoneEvent, timelineOf } from './timeline.js';

export interface PartFact {
  component: string;
  label: string;
  fromStock: boolean;
  /** Declared when the order was planned. */
  supplierDays: number;
  spreadDays: number;
  /** Plant workdays from the order day to the materials_ready event, when there is one. */
  actualDays?: number;
}

export interface OrderFacts {
  orderId: string;
  product: string;
  createdAt: string;
  configuration: Readonly<Record<string, Value>>;
  /** Shipping zone of the promise ("DE", "*"). */
  zone: string;
  country: string;
  promise: PromisedDates;
  parts: PartFact[];
  /** Declared carrier workdays [min, max] for the zone when planned. */
  transitDeclared: [number, number];
  /** Carrier workdays from shipped to delivered, when both are known. */
  transitActual?: number;
  deliveredOn?: IsoDate;
  /** Calendar days from the order day to delivery. */
  leadDays?: number;
  /** Calendar days from the order day to the promised latest delivery. */
  promisedLeadDays: number;
  /** Calendar days delivered minus promised latest (negative: before the latest date). */
  deviationDays?: number;
  atRisk: boolean;
}

/** Calendar days from `a` to `b` (ISO dates). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** How each part of a plan was supplied (stock as booked, otherwise the declared supplier days). */
export function partsOf(plan: Pick<OrderPlan, 'model' | 'ops' | 'configuration' | 'quantity' | 'promise' | 'stockParts'>): PartFact[] {
  const { plant } = calendarsOf(plan.ops);
  const bom = billOfMaterials(plan.model, plan.configuration);
  const stock = new Set(plan.stockParts);
  const ops: OpsFile = {
    ...plan.ops,
    components: Object.fromEntries(
      [...bom.keys()].map((id) => [id, { ...(Object.hasOwn(plan.ops.components, id) ? plan.ops.components[id] : {}), stock: stock.has(id) ? Number.MAX_SAFE_INTEGER : 0 }]),
    ),
  };
  return supplyParts(plan.model, ops, bom, plan.quantity, plan.promise.orderDay, plant).map((p) => ({
    component: p.id,
    label: p.label,
    fromStock: p.fromStock,
    supplierDays: p.supplierDays,
    spreadDays: p.spreadDays,
  }));
}

export interface FactsInput {
  orderId: string;
  product: string;
  createdAt: string;
  plan: Pick<OrderPlan, 'model' | 'ops' | 'configuration' | 'quantity' | 'promise' | 'stockParts' | 'destination'>;
  shippingZone: string;
  /** Declared transit of the zone when the order was planned. */
  transitDeclared: [number, number];
  events: readonly MilestoneEvent[];
  atRisk?: boolean;
}

export function orderFacts(input: FactsInput): OrderFacts {
  const { plan } = input;
  const { plant, carrier } = calendarsOf(plan.ops);
  const zone = plan.promise.timeZone;
  const timeline = timelineOf(input.events);
  const dayOf = (e: MilestoneEvent): IsoDate => plantDateOf(new Date(e.occurredAt), zone);
  const last = (match: (e: MilestoneEvent) => boolean): IsoDate | undefined => {
    const found = timeline.filter(match);
    return found.length ? dayOf(found[found.length - 1]) : undefined;
  };
  const orderDay = plan.promise.orderDay;
  const parts = partsOf(plan).map((p) => {
    const arrived = p.fromStock ? undefined : last((e) => e.type === 'materials_ready' && e.component === p.component);
    return arrived ? { ...p, actualDays: plant.workdaysBetween(orderDay, arrived) } : p;
  });
  const shipped = last((e) => e.type === 'shipped');
  const delivered = last((e) => e.type === 'delivered');
  return {
    orderId: input.orderId,
    product: input.product,
    createdAt: input.createdAt,
    configuration: plan.configuration,
    zone: input.shippingZone,
    country: plan.destination.country.toUpperCase(),
    promise: plan.promise,
    parts,
    transitDeclared: input.transitDeclared,
    ...(shipped && delivered ? { transitActual: carrier.workdaysBetween(shipped, delivered) } : {}),
    ...(delivered
      ? { deliveredOn: delivered, leadDays: daysBetween(orderDay, delivered), deviationDays: daysBetween(plan.promise.delivery.latest, delivered) }
      : {}),
    promisedLeadDays: daysBetween(orderDay, plan.promise.delivery.latest),
    atRisk: input.atRisk ?? false,
  };
}
