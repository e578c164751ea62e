/**
 * Re-forecast: where an order stands and when it will now arrive, from the
 * original promise's inputs and the milestones posted so far. It re-runs the
 * promise engine's own pieces (calendars, supply, finite capacity, transit)
 * with what is now known:
 *   - a part that arrived is there from that day; a part that has not
 *     arrived cannot arrive before today (a late part moves everything after
 *     it), and keeps its spread after that;
 *   - a finished work centre fixes its end; the work centres after it run
 *     from that day against the ops given; a started one runs from its start
 *     but cannot end before today;
 *   - QC passed: it ships from that day; shipped: only transit is left;
 *     delivered: the delivery date is known.
 * A bound whose materials day did not move keeps the original plan (the
 * order keeps its booked slots), so with no news the forecast is the promise.
 *
 * Invariants: the forecast is a function of the set of events (order of
 * arrival and duplicates do not matter) and of today's plant day; the
 * original promise is an input, never changed.
 *
 * Pure: no clock (now is an input), no I/O.
 */
import type { IsoDate } from '../promise/calendar.js';
import { runStages } from '../promise/capacity.js';
import { billOfMaterials, supplyParts, workMinutes } from '../promise/materials.js';
import type { EscalationRules, OpsFile } from '../promise/ops-schema.js';
import { plantDateOf } from '../promise/plant-time.js';
import { type DateRange, type Destination, calendarsOf, shippingZoneFor } from '../promise/promise.js';
import type { CompiledModel, Value } from '../rules/model.js';
import { type Alert, type Forecast, type LatePart, MILESTONES, type MilestoneEvent, timelineOf } from './timeline.js';

/** The promise as stored with the order (the quote's promise). */
export interface PromisedDates {
  timeZone: string;
  orderDay: IsoDate;
  materialsReady: DateRange;
  shipDate: DateRange;
  delivery: DateRange;
}

/** Everything the original promise was made from, plus the promise itself. */
export interface OrderPlan {
  model: CompiledModel;
  /** Ops to plan the remaining work against (the server: today's bookings without this order's own). */
  ops: OpsFile;
  configuration: Readonly<Record<string, Value>>;
  quantity: number;
  destination: Destination;
  promise: PromisedDates;
  /** Parts the order took from stock when it was booked (the quote's stock bookings). */
  stockParts: readonly string[];
}

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

/** The forecast for `plan` given `events`, as of `now`. */
export function reforecast(plan: OrderPlan, events: readonly MilestoneEvent[], now: Date): Forecast {
  const { model, ops, configuration, quantity, destination, promise } = plan;
  const { plant, carrier } = calendarsOf(ops);
  const zone = promise.timeZone;
  const today = plantDateOf(now, zone);
  const todayWork = plant.workdayFrom(today);
  const timeline = timelineOf(events);
  const dayOf = (e: MilestoneEvent): IsoDate => plantDateOf(new Date(e.occurredAt), zone);
  /** The last day an event matching `match` happened, if any. */
  const lastDay = (match: (e: MilestoneEvent) => boolean): IsoDate | undefined =>
    timeline.filter(match).reduce<IsoDate | undefined>((day, e) => (day && day > dayOf(e) ? day : dayOf(e)), undefined);
  const stageIndex = timeline.reduce((best, e) => Math.max(best, MILESTONES.indexOf(e.type)), -1);

  // Parts: the order's own supply (stock as booked), then what the events say.
  const bom = billOfMaterials(model, configuration);
  const stock = new Set(plan.stockParts);
  const supplyOps: OpsFile = {
    ...ops,
    components: Object.fromEntries(
      [...bom.keys()].map((id) => [id, { ...(Object.hasOwn(ops.components, id) ? ops.components[id] : {}), stock: stock.has(id) ? Number.MAX_SAFE_INTEGER : 0 }]),
    ),
  };
  const parts = supplyParts(model, supplyOps, bom, quantity, promise.orderDay, plant);
  const firstDownstream = timeline.find((e) => MILESTONES.indexOf(e.type) >= 1);
  const lateParts: LatePart[] = [];
  let materials = { earliest: promise.orderDay, latest: promise.orderDay };
  for (const part of parts) {
    const arrived = lastDay((e) => e.type === 'materials_ready' && e.component === part.id);
    let range: DateRange;
    if (arrived) range = { earliest: arrived, latest: arrived };
    else if (firstDownstream) {
      // Production began: the part was there, at the latest on that day.
      const by = dayOf(firstDownstream);
      range = { earliest: earlier(part.arrives.earliest, by), latest: earlier(part.arrives.latest, by) };
    } else if (part.fromStock) range = part.arrives;
    else {
      const earliest = later(part.arrives.earliest, todayWork);
      range = { earliest, latest: later(part.arrives.latest, plant.addWorkdays(earliest, part.spreadDays)) };
    }
    if (!part.fromStock) {
      const seenOn = arrived ?? (firstDownstream ? undefined : today);
      if (seenOn && seenOn > part.arrives.latest) {
        lateParts.push({
          component: part.id,
          label: part.label,
          expectedLatest: part.arrives.latest,
          daysLate: plant.workdaysBetween(part.arrives.latest, seenOn),
          arrived: arrived !== undefined,
        });
      }
    }
    materials = { earliest: later(materials.earliest, range.earliest), latest: later(materials.latest, range.latest) };
  }

  // Production and QC: ship dates.
  const qc = ops.plant.qcDays;
  const minutes = new Map([...workMinutes(model, bom)].map(([centre, m]) => [centre, m * quantity]));
  const centres = Object.keys(ops.workCentres).filter((c) => (minutes.get(c) ?? 0) > 0);
  const finish = (from: IsoDate, remaining: readonly string[]): IsoDate =>
    runStages(ops, new Map(remaining.map((c) => [c, minutes.get(c) ?? 0])), from, plant).end;
  let shipDate: DateRange;
  const shipped = lastDay((e) => e.type === 'shipped');
  const qcPassed = lastDay((e) => e.type === 'qc_passed');
  if (shipped) shipDate = { earliest: shipped, latest: shipped };
  else if (qcPassed) {
    const earliest = later(qcPassed, todayWork);
    shipDate = { earliest, latest: later(earliest, plant.addWorkdays(qcPassed, 1)) };
  } else {
    // The furthest work centre with news: done fixes its end, started its start.
    let progress: { index: number; day: IsoDate; done: boolean } | undefined;
    centres.forEach((centre, index) => {
      const done = lastDay((e) => e.type === 'production_done' && e.workCentre === centre);
      const started = lastDay((e) => e.type === 'production_started' && e.workCentre === centre);
      if (done) progress = { index, day: done, done: true };
      else if (started) progress = { index, day: started, done: false };
    });
    const bound = (which: 'earliest' | 'latest'): IsoDate => {
      if (progress) {
        const remaining = centres.slice(progress.done ? progress.index + 1 : progress.index);
        const from = progress.done ? later(progress.day, todayWork) : progress.day;
        const end = remaining.length ? later(finish(from, remaining), todayWork) : progress.day;
        return later(plant.addWorkdays(end, qc), todayWork);
      }
      if (materials[which] === promise.materialsReady[which]) return later(promise.shipDate[which], todayWork);
      return later(plant.addWorkdays(finish(materials[which], centres), qc), todayWork);
    };
    const earliest = bound('earliest');
    shipDate = { earliest, latest: later(earliest, bound('latest')) };
  }

  // Transit: delivery.
  const [, shipping] = shippingZoneFor(ops, destination.country);
  const [minTransit, maxTransit] = shipping.transitDays;
  let delivery: DateRange;
  const delivered = lastDay((e) => e.type === 'delivered');
  if (delivered) delivery = { earliest: delivered, latest: delivered };
  else {
    const notBefore = carrier.workdayFrom(today);
    const earliest = later(carrier.addWorkdays(shipDate.earliest, minTransit), shipped ? notBefore : shipDate.earliest);
    delivery = { earliest, latest: later(earliest, carrier.addWorkdays(shipDate.latest, maxTransit)) };
  }

  return {
    stage: stageIndex < 0 ? 'booked' : MILESTONES[stageIndex],
    materialsReady: materials,
    shipDate,
    delivery,
    slipDays: carrier.workdaysBetween(promise.delivery.latest, delivery.latest),
    lateParts,
    lastEventDay: timeline.reduce((day, e) => later(day, dayOf(e)), promise.orderDay),
    asOf: today,
  };
}

/** Defaults of the ops file's `escalation` section. */
export const ESCALATION_DEFAULTS: Required<EscalationRules> = { forecastPastPromise: true, supplierLateDays: 1, silentDays: 0 };

/**
 * The escalation rules that fire for a forecast. Keys are stable per cause
 * (`supplier_late:top-walnut`), so a caller that remembers the keys it
 * alerted alerts once per cause.
 */
export function escalations(plan: Pick<OrderPlan, 'ops' | 'promise'>, forecast: Forecast): Alert[] {
  const rules = { ...ESCALATION_DEFAULTS, ...plan.ops.escalation };
  const { plant } = calendarsOf(plan.ops);
  const alerts: Alert[] = [];
  const promised = plan.promise.delivery.latest;
  if (rules.forecastPastPromise && forecast.delivery.latest > promised) {
    const delivered = forecast.stage === 'delivered';
    alerts.push({
      key: 'forecast_past_promise',
      rule: 'forecast_past_promise',
      days: forecast.slipDays,
      message: delivered
        ? `delivered on ${forecast.delivery.latest}, ${forecast.slipDays} workday(s) after the promised latest date ${promised}`
        : `forecast latest delivery ${forecast.delivery.latest} is ${forecast.slipDays} workday(s) past the promised latest date ${promised}`,
    });
  }
  if (rules.supplierLateDays > 0) {
    for (const part of forecast.lateParts) {
      if (part.arrived || part.daysLate < rules.supplierLateDays) continue;
      alerts.push({
        key: `supplier_late:${part.component}`,
        rule: 'supplier_late',
        component: part.component,
        days: part.daysLate,
        message: `${part.label} (${part.component}) is ${part.daysLate} workday(s) late: expected by ${part.expectedLatest}`,
      });
    }
  }
  if (rules.silentDays > 0 && forecast.stage !== 'delivered') {
    const quiet = plant.workdaysBetween(forecast.lastEventDay, forecast.asOf);
    if (quiet >= rules.silentDays) {
      alerts.push({
        key: `silent:${forecast.lastEventDay}`,
        rule: 'silent',
        days: quiet,
        message: `no milestone for ${quiet} workday(s) since ${forecast.lastEventDay}`,
      });
    }
  }
  return alerts;
}
