/**
 * Finite capacity: a job runs through the work centres in the order the ops
 * file lists them. Each work centre takes the job on the day the previous one
 * finished (the first on the day the materials are ready) and fills its free
 * minutes day by day, first fit, until the job's minutes are covered; a job
 * longer than a day's free minutes spills into the following workdays.
 *
 * Free minutes of a day = minutesPerDay - booked (never below 0); a plant
 * holiday, a non-workday or a date in the centre's `closed` list has none.
 */
import type { IsoDate, WorkCalendar } from './calendar.js';
import type { OpsFile, WorkCentreOps } from './ops-schema.js';
import { PromiseError } from './promise-error.js';

/** About ten years of workdays: a job that needs longer is a mistake in the quantity or the data. */
const MAX_STAGE_DAYS = 2_600;

/** Minutes this promise takes from a work centre on a day. */
export interface CapacityBooking {
  workCentre: string;
  date: IsoDate;
  minutes: number;
}

/** The job's pass through one work centre. */
export interface Stage {
  workCentre: string;
  /** The job's minutes at this centre (per-product minutes x quantity). */
  minutes: number;
  /** The day the job reached this centre (materials ready, or the previous centre's end). */
  from: IsoDate;
  /** First day with minutes taken. */
  start: IsoDate;
  /** Last day with minutes taken: the next centre starts on this day. */
  end: IsoDate;
  bookings: CapacityBooking[];
}

export interface Schedule {
  /** Stages in ops-file order; centres the job does not need are left out. */
  stages: Stage[];
  /** The day the last stage ends (the start day when there is no work at all). */
  end: IsoDate;
}

/**
 * Runs `minutes` of work through one centre from `from` on.
 *
 * @param empty - pretend nothing is booked and nothing closed (the reference
 *   for "how many days did the queue at this centre add")
 */
export function runStage(
  id: string,
  centre: WorkCentreOps,
  minutes: number,
  from: IsoDate,
  calendar: WorkCalendar,
  empty = false,
): Stage {
  const bookings: CapacityBooking[] = [];
  let remaining = minutes;
  let day = calendar.workdayFrom(from);
  for (let days = 0; ; days++) {
    if (days > MAX_STAGE_DAYS) {
      throw new PromiseError('quantity', `work centre "${id}" cannot fit ${minutes} minutes within ten years; is the quantity right?`);
    }
    const open = empty || !centre.closed?.includes(day);
    const free = open ? Math.max(0, centre.minutesPerDay - (empty ? 0 : centre.booked?.[day] ?? 0)) : 0;
    const take = Math.min(free, remaining);
    if (take > 0) {
      bookings.push({ workCentre: id, date: day, minutes: take });
      remaining -= take;
    }
    if (remaining <= 0) break;
    day = calendar.nextWorkday(day);
  }
  const start = bookings[0]?.date ?? day;
  return { workCentre: id, minutes, from, start, end: day, bookings };
}

/** Runs the job (minutes per work centre) through every centre it needs, from `from` on. */
export function runStages(ops: OpsFile, jobMinutes: ReadonlyMap<string, number>, from: IsoDate, calendar: WorkCalendar): Schedule {
  const stages: Stage[] = [];
  let day = from;
  for (const [id, centre] of Object.entries(ops.workCentres)) {
    const minutes = jobMinutes.get(id) ?? 0;
    if (minutes <= 0) continue;
    const stage = runStage(id, centre, minutes, day, calendar);
    stages.push(stage);
    day = stage.end;
  }
  return { stages, end: day };
}
