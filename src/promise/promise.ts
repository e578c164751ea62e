/**
 * The delivery promise: the one function that widget mocks, the quote
 * service and the CLI call to say when a configuration arrives.
 *
 * It plans the way a planner would (capable-to-promise), in plant days:
 *   orderDay        the order's plant day, or the next workday when it comes
 *                   in on a non-workday or at/after the cut-off
 *   materialsReady  the last part's arrival: stock on orderDay, otherwise
 *                   supplierDays workdays later (latest: + spreadDays)
 *   production      work centres in ops-file order, first fit of free minutes
 *   shipDate        last work centre's end + qcDays workdays
 *   delivery        shipDate + transit in carrier workdays
 * Earliest dates follow the earliest arrivals and the shortest transit,
 * latest dates the latest arrivals and the longest transit; each runs the
 * capacity plan against the same booked minutes. The bookings returned are
 * the earliest plan's: what the plant schedules when the order is accepted.
 *
 * Pure: no clock (the order time is an input), no I/O, no DOM, no Node.
 */
import type { CompiledModel, Value } from '../rules/model.js';
import { type IsoDate, type WorkCalendar, workCalendar } from './calendar.js';
import { type CapacityBooking, runStages } from './capacity.js';
import { type PromiseDriver, partDrivers, rankDrivers, workCentreDrivers } from './drivers.js';
import { billOfMaterials, supplyParts, workMinutes } from './materials.js';
import type { OpsFile, ShippingZone } from './ops-schema.js';
import { orderDayOf, parseInstant } from './plant-time.js';
import { PromiseError } from './promise-error.js';

export interface Destination {
  /** ISO 3166-1 alpha-2 country code, e.g. "DE" (case-insensitive). */
  country: string;
  /** Not used by the baseline rules; carried for zone rules planners may add. */
  postalCode?: string;
}

export interface PromiseRequest {
  model: CompiledModel;
  ops: OpsFile;
  /** A complete configuration, module id -> value (e.g. from `engine.complete(selection)`). */
  configuration: Readonly<Record<string, Value>>;
  /** Products ordered, a whole number >= 1. Default 1. */
  quantity?: number;
  destination: Destination;
  /** When the order is placed: a Date or an ISO 8601 instant with an offset. */
  orderTime: Date | string;
}

/** Two plant dates, earliest <= latest. */
export interface DateRange {
  earliest: IsoDate;
  latest: IsoDate;
}

/** Units of a part this promise takes from stock. */
export interface StockBooking {
  component: string;
  quantity: number;
}

export interface PromiseBookings {
  capacity: CapacityBooking[];
  stock: StockBooking[];
}

export interface DeliveryPromise {
  kind: 'promise';
  /** The plant's zone: every date below is a day in it. */
  timeZone: string;
  orderDay: IsoDate;
  /** ISO instant (UTC): an order placed before it keeps this promise; after it, orderDay moves on. */
  cutoffDeadline: string;
  materialsReady: DateRange;
  /** First day of work in the earliest plan; absent when the configuration needs no work minutes. */
  productionStart?: IsoDate;
  shipDate: DateRange;
  delivery: DateRange;
  /** The shipping zone used: the country code, or "*". */
  shippingZone: string;
  drivers: PromiseDriver[];
  bookings: PromiseBookings;
}

/** Plant and carrier calendars of an ops file. */
export function calendarsOf(ops: OpsFile): { plant: WorkCalendar; carrier: WorkCalendar } {
  const { timeZone, workdays, holidays } = ops.plant;
  return {
    plant: workCalendar(timeZone, workdays, holidays),
    // Carriers deliver Monday to Friday unless the ops file says otherwise; their days are read in the plant's zone.
    carrier: workCalendar(timeZone, ops.carrier?.workdays ?? ['mon', 'tue', 'wed', 'thu', 'fri'], ops.carrier?.holidays),
  };
}

/** The zone for a country: its own entry, else "*". */
export function shippingZoneFor(ops: OpsFile, country: string): [string, ShippingZone] {
  if (typeof country !== 'string') throw new PromiseError('destination', 'destination.country must be a country code such as "DE"');
  const code = country.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && Object.hasOwn(ops.shipping, code)) return [code, ops.shipping[code]];
  if (Object.hasOwn(ops.shipping, '*')) return ['*', ops.shipping['*']];
  throw new PromiseError('destination', `we do not ship to ${JSON.stringify(country)} (zones: ${Object.keys(ops.shipping).join(', ')})`);
}

/** Computes the delivery promise for an order. Throws PromiseError for an input it cannot answer. */
export function promiseDelivery(request: PromiseRequest): DeliveryPromise {
  const { model, ops, configuration, destination } = request;
  const quantity = request.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1) throw new PromiseError('quantity', `quantity must be a whole number from 1, got ${quantity}`);
  const instant = parseInstant(request.orderTime);
  if (!instant) {
    throw new PromiseError('orderTime', `orderTime must be an ISO 8601 instant with an offset, e.g. 2026-12-01T13:59:59+01:00, got ${JSON.stringify(String(request.orderTime))}`);
  }
  const [zoneKey, zone] = shippingZoneFor(ops, destination.country);
  const calendars = calendarsOf(ops);
  const { plant } = calendars;
  const { orderDay, cutoffDeadline } = orderDayOf(instant, plant, ops.plant.cutoff);

  const perProduct = billOfMaterials(model, configuration);
  const parts = supplyParts(model, ops, perProduct, quantity, orderDay, plant);
  const minutes = new Map([...workMinutes(model, perProduct)].map(([centre, m]) => [centre, m * quantity]));
  for (const centre of minutes.keys()) {
    if (!Object.hasOwn(ops.workCentres, centre)) throw new PromiseError('ops', `the ops file has no work centre "${centre}"`);
  }

  const materialsReady = {
    earliest: parts.reduce((day, p) => (p.arrives.earliest > day ? p.arrives.earliest : day), orderDay),
    latest: parts.reduce((day, p) => (p.arrives.latest > day ? p.arrives.latest : day), orderDay),
  };
  const earliestPlan = runStages(ops, minutes, materialsReady.earliest, plant);
  const latestPlan = runStages(ops, minutes, materialsReady.latest, plant);
  const qc = ops.plant.qcDays;
  const shipDate = { earliest: plant.addWorkdays(earliestPlan.end, qc), latest: plant.addWorkdays(latestPlan.end, qc) };
  const [minTransit, maxTransit] = zone.transitDays;
  const delivery = {
    earliest: calendars.carrier.addWorkdays(shipDate.earliest, minTransit),
    latest: calendars.carrier.addWorkdays(shipDate.latest, maxTransit),
  };

  const finishFrom = (day: IsoDate): IsoDate => runStages(ops, minutes, day, plant).end;
  const drivers = [
    ...rankDrivers([...partDrivers(parts, orderDay, finishFrom, plant), ...workCentreDrivers(earliestPlan, ops, plant)]),
    ...(qc > 0 ? [{ kind: 'qc' as const, id: 'qc', label: 'Quality check and packing', days: qc }] : []),
    { kind: 'transit' as const, id: zoneKey, label: `Shipping to ${zone.label ?? (zoneKey === '*' ? destination.country.toUpperCase() : zoneKey)}`, days: minTransit },
  ];

  return {
    kind: 'promise',
    timeZone: plant.timeZone,
    orderDay,
    cutoffDeadline: cutoffDeadline.toISOString(),
    materialsReady,
    ...(earliestPlan.stages.length > 0 ? { productionStart: earliestPlan.stages[0].start } : {}),
    shipDate,
    delivery,
    shippingZone: zoneKey,
    drivers,
    bookings: {
      capacity: earliestPlan.stages.flatMap((stage) => stage.bookings),
      stock: parts.filter((p) => p.fromStock).map((p) => ({ component: p.id, quantity: p.quantity })),
    },
  };
}
