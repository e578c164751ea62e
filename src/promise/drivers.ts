/**
 * What drives the date, in words a widget can use: "Walnut board adds 6
 * days", "Finishing is booked up: adds 2 days".
 *
 * `days` is always the effect on the earliest date, in workdays:
 * - a part bought from a supplier: how much later production ends when that
 *   part alone is missing, compared with everything in stock (the same
 *   booked capacity in both runs, so a part whose wait is absorbed by a queue
 *   shows only the days it really adds);
 * - a work centre: how much later the job leaves it than it would with the
 *   centre empty and open (the queue and closures it meets);
 * - qc: the plant's qcDays; transit: the shortest transit, in carrier
 *   workdays (the delivery range holds the longest).
 * Parts and work centres that add nothing are left out; the rest come
 * first, biggest effect first, then qc and transit.
 */
import type { IsoDate, WorkCalendar } from './calendar.js';
import { type Schedule, runStage } from './capacity.js';
import type { PartSupply } from './materials.js';
import type { OpsFile } from './ops-schema.js';

export interface PromiseDriver {
  kind: 'component' | 'workCentre' | 'transit' | 'qc';
  /** Component id, work centre id, shipping zone key ("DE", "*") or "qc". */
  id: string;
  label: string;
  /** Workdays this adds to the earliest date (see the file comment). */
  days: number;
}

/**
 * @param finishFrom - the day production ends when materials are ready on the given day
 */
export function partDrivers(
  parts: readonly PartSupply[],
  orderDay: IsoDate,
  finishFrom: (materialsReady: IsoDate) => IsoDate,
  calendar: WorkCalendar,
): PromiseDriver[] {
  const reference = finishFrom(orderDay);
  const byArrival = new Map<IsoDate, number>();
  const drivers: PromiseDriver[] = [];
  for (const part of parts) {
    if (part.fromStock || part.arrives.earliest <= orderDay) continue;
    let days = byArrival.get(part.arrives.earliest);
    if (days === undefined) {
      days = calendar.workdaysBetween(reference, finishFrom(part.arrives.earliest));
      byArrival.set(part.arrives.earliest, days);
    }
    if (days > 0) drivers.push({ kind: 'component', id: part.id, label: part.label, days });
  }
  return drivers;
}

export function workCentreDrivers(schedule: Schedule, ops: OpsFile, calendar: WorkCalendar): PromiseDriver[] {
  const drivers: PromiseDriver[] = [];
  for (const stage of schedule.stages) {
    const centre = ops.workCentres[stage.workCentre];
    const unhindered = runStage(stage.workCentre, centre, stage.minutes, stage.from, calendar, true).end;
    const days = calendar.workdaysBetween(unhindered, stage.end);
    if (days > 0) drivers.push({ kind: 'workCentre', id: stage.workCentre, label: centre.label ?? stage.workCentre, days });
  }
  return drivers;
}

/** Biggest effect first; ties keep their order (parts in bill-of-materials order, then centres in ops order). */
export function rankDrivers(drivers: readonly PromiseDriver[]): PromiseDriver[] {
  return [...drivers].sort((a, b) => b.days - a.days);
}
