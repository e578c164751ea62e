/**
 * A working calendar: which days a plant (or a carrier) works, and workday
 * arithmetic over them.
 *
 * Days are ISO dates (`YYYY-MM-DD`) in the calendar's time zone: a promise
 * speaks in the plant's days, never in instants, so that "ships Monday" means
 * Monday in the plant whatever the shopper's zone. Stepping from day to day
 * goes through @date-fns/tz (`TZDate`) and date-fns `addDays`, which move the
 * wall clock and not a count of milliseconds: a day is 23 or 25 hours long
 * across a DST change and adding 86,400,000 ms would land on the wrong date.
 * Each day is anchored at noon, which no time zone skips.
 *
 * Invariants: `isWorkday(d)` iff d's weekday is a workday and d is not a
 * holiday; every answer is memoised per calendar, because a promise walks the
 * same few weeks again and again.
 */
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import type { Weekday } from './ops-schema.js';

/** A calendar date without a time: `YYYY-MM-DD`, read as a day in the zone of whoever uses it. */
export const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD`, read in the zone of the calendar it belongs to. */
export type IsoDate = string;

/** `Date.getDay()` numbering: Sunday 0 ... Saturday 6. */
const DAY_NUMBER: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Memo tables are dropped past this size, so a long-running server cannot grow them without end. */
const MEMO_LIMIT = 20_000;

/** Guards the day loops: no calendar closes for this long unless it is misconfigured. */
const MAX_CLOSED_RUN = 3_700;

/** Noon of `date` in `timeZone`. */
export function noonOf(date: IsoDate, timeZone: string): TZDate {
  const m = isoDatePattern.exec(date);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0, timeZone);
}

/** The ISO date a zoned date shows on its wall clock. */
export function isoDateOf(date: TZDate): IsoDate {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export class WorkCalendar {
  /** IANA zone the dates are read in. */
  readonly timeZone: string;
  private readonly open: boolean[] = [false, false, false, false, false, false, false];
  private readonly closed: ReadonlySet<IsoDate>;
  private readonly following = new Map<IsoDate, IsoDate>();
  private readonly dayNumbers = new Map<IsoDate, number>();
  private readonly nextWork = new Map<IsoDate, IsoDate>();

  /**
   * @param timeZone - IANA zone the dates are read in
   * @param workdays - weekdays that are worked
   * @param holidays - dates not worked although their weekday is
   */
  constructor(timeZone: string, workdays: readonly Weekday[], holidays: readonly IsoDate[] = []) {
    this.timeZone = timeZone;
    for (const day of workdays) this.open[DAY_NUMBER[day]] = true;
    if (!this.open.includes(true)) throw new RangeError('a working calendar needs at least one workday');
    this.closed = new Set(holidays);
  }

  /** Sunday 0 ... Saturday 6. */
  dayNumber(date: IsoDate): number {
    let n = this.dayNumbers.get(date);
    if (n === undefined) {
      n = noonOf(date, this.timeZone).getDay();
      remember(this.dayNumbers, date, n);
    }
    return n;
  }

  /** The calendar day after `date` (worked or not). */
  nextDay(date: IsoDate): IsoDate {
    let next = this.following.get(date);
    if (next === undefined) {
      next = isoDateOf(addDays(noonOf(date, this.timeZone), 1));
      remember(this.following, date, next);
    }
    return next;
  }

  isWorkday(date: IsoDate): boolean {
    return this.open[this.dayNumber(date)] && !this.closed.has(date);
  }

  /** The first workday strictly after `date`. */
  nextWorkday(date: IsoDate): IsoDate {
    let found = this.nextWork.get(date);
    if (found === undefined) {
      found = this.nextDay(date);
      for (let guard = 0; !this.isWorkday(found); guard++) {
        if (guard > MAX_CLOSED_RUN) throw new RangeError(`no workday within ten years after ${date}: check the holidays`);
        found = this.nextDay(found);
      }
      remember(this.nextWork, date, found);
    }
    return found;
  }

  /** `date` itself when it is a workday, else the next workday. */
  workdayFrom(date: IsoDate): IsoDate {
    return this.isWorkday(date) ? date : this.nextWorkday(date);
  }

  /** The workday `count` workdays after `date` (0: `date` itself, worked or not). */
  addWorkdays(date: IsoDate, count: number): IsoDate {
    let day = date;
    for (let i = 0; i < count; i++) day = this.nextWorkday(day);
    return day;
  }

  /**
   * Workdays d with from < d <= to: how many workdays `to` is after `from`
   * (negative when `to` comes first).
   */
  workdaysBetween(from: IsoDate, to: IsoDate): number {
    if (from === to) return 0;
    if (to < from) return -this.workdaysBetween(to, from);
    let count = 0;
    for (let day = this.nextDay(from); day <= to; day = this.nextDay(day)) if (this.isWorkday(day)) count++;
    return count;
  }
}

function remember<K, V>(memo: Map<K, V>, key: K, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

const calendars = new Map<string, WorkCalendar>();

/**
 * A shared calendar for these settings. Calendars are cached by their
 * settings (not by object identity), so a store that rebuilds the ops data
 * after each booking still reuses the warm memo tables.
 */
export function workCalendar(timeZone: string, workdays: readonly Weekday[], holidays: readonly IsoDate[] = []): WorkCalendar {
  const key = `${timeZone}|${workdays.join(',')}|${holidays.join(',')}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size >= 64) calendars.clear();
    calendar = new WorkCalendar(timeZone, workdays, holidays);
    calendars.set(key, calendar);
  }
  return calendar;
}
