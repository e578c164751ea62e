/**
 * The fallback the widget shows when the quote service cannot be reached:
 * an estimate from the rules file alone, never a blank. It knows no stock,
 * no booked capacity and no holidays, so it is always labelled as an
 * estimate and never used to accept an order.
 *
 * Semantics: the order counts from its own day when that is Monday-Friday
 * (after `cutoff`, when one is given, from the next one); every part takes
 * its static `leadTimeDays` (workdays) and the slowest sets the materials
 * date; production takes one day per 480 work minutes (at least one) plus a
 * day of checking; transit defaults to 2-5 workdays.
 */
import type { CompiledModel, Value } from '../rules/model.js';
import { type IsoDate, workCalendar } from './calendar.js';
import type { PromiseDriver } from './drivers.js';
import { billOfMaterials, workMinutes } from './materials.js';
import { orderDayOf, parseInstant, plantDateOf } from './plant-time.js';
import type { DateRange } from './promise.js';
import { PromiseError } from './promise-error.js';

export interface EstimateRequest {
  model: CompiledModel;
  configuration: Readonly<Record<string, Value>>;
  quantity?: number;
  orderTime: Date | string;
  /** Zone the dates are given in. Default "UTC" (the widget passes the plant's zone when it knows it). */
  timeZone?: string;
  /** Cut-off HH:MM in `timeZone`; without one, any time of a workday counts from that day. */
  cutoff?: string;
  /** Workdays of production and checking. Default: one per 480 work minutes (at least one), plus one. */
  productionDays?: number;
  /** Transit [min, max] in workdays. Default [2, 5]. */
  transitDays?: readonly [number, number];
}

export interface DeliveryEstimate {
  kind: 'estimate';
  /** Always shown with the dates: they come from standard lead times, not from the plant's plan. */
  label: string;
  timeZone: string;
  orderDay: IsoDate;
  materialsReady: DateRange;
  shipDate: DateRange;
  delivery: DateRange;
  /** The slowest part (its static lead time in `days`), when any part has one. */
  drivers: PromiseDriver[];
}

const MINUTES_PER_DAY = 480;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** Estimates delivery from the rules file's static lead times. */
export function estimateDelivery(request: EstimateRequest): DeliveryEstimate {
  const { model, configuration } = request;
  const quantity = request.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1) throw new PromiseError('quantity', `quantity must be a whole number from 1, got ${quantity}`);
  const instant = parseInstant(request.orderTime);
  if (!instant) throw new PromiseError('orderTime', `orderTime must be an ISO 8601 instant with an offset, got ${JSON.stringify(String(request.orderTime))}`);
  const timeZone = request.timeZone ?? 'UTC';
  const calendar = workCalendar(timeZone, WEEKDAYS);
  const orderDay = request.cutoff
    ? orderDayOf(instant, calendar, request.cutoff).orderDay
    : calendar.workdayFrom(plantDateOf(instant, timeZone));

  const parts = billOfMaterials(model, configuration);
  let slowest: PromiseDriver | undefined;
  for (const id of parts.keys()) {
    const spec = model.components[id];
    const days = Math.ceil(spec?.leadTimeDays ?? 0);
    if (days > 0 && (!slowest || days > slowest.days)) slowest = { kind: 'component', id, label: spec?.label ?? id, days };
  }
  const materials = calendar.addWorkdays(orderDay, slowest?.days ?? 0);
  const minutes = [...workMinutes(model, parts).values()].reduce((sum, m) => sum + m * quantity, 0);
  const production = request.productionDays ?? Math.max(1, Math.ceil(minutes / MINUTES_PER_DAY)) + 1;
  const ship = calendar.addWorkdays(materials, production);
  const [minTransit, maxTransit] = request.transitDays ?? [2, 5];
  return {
    kind: 'estimate',
    label: 'Estimate from standard lead times',
    timeZone,
    orderDay,
    materialsReady: { earliest: materials, latest: materials },
    shipDate: { earliest: ship, latest: ship },
    delivery: { earliest: calendar.addWorkdays(ship, minTransit), latest: calendar.addWorkdays(ship, maxTransit) },
    drivers: slowest ? [slowest] : [],
  };
}
