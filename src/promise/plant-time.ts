/**
 * Between instants and plant days: which plant day an order falls on, and
 * the instant of a plant-local time such as the 14:00 cut-off. Both go
 * through `TZDate`, which knows each zone's DST rules, so "14:00 in Berlin"
 * is 13:00Z in winter and 12:00Z in summer, and an order stamped in New York
 * lands on the Berlin day it really is.
 */
import { TZDate } from '@date-fns/tz';
import { type IsoDate, type WorkCalendar, isoDateOf, noonOf } from './calendar.js';

/** An ISO 8601 instant must say its offset: without one, `Date` would read it in the host's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads an order time. Strings must be ISO 8601 with a date, a time and an
 * offset (`2026-12-01T13:59:59+01:00`, `...Z`); anything else is refused
 * rather than guessed.
 */
export function parseInstant(value: Date | string): Date | undefined {
  const instant = typeof value === 'string' ? (INSTANT.test(value.trim()) ? new Date(value.trim()) : undefined) : value;
  return instant && !Number.isNaN(instant.getTime()) ? instant : undefined;
}

/** The plant day (ISO date in `timeZone`) of an instant. */
export function plantDateOf(instant: Date, timeZone: string): IsoDate {
  return isoDateOf(new TZDate(instant.getTime(), timeZone));
}

/**
 * The instant at which the plant's clock shows `time` (HH:MM) on `date`.
 * A time skipped by a DST change (02:30 on the last Sunday of March in
 * Berlin) is read as the same distance after the jump, as TZDate does.
 */
export function plantInstant(date: IsoDate, time: string, timeZone: string): Date {
  const noon = noonOf(date, timeZone);
  const [hours, minutes] = time.split(':').map(Number);
  const local = new TZDate(noon.getFullYear(), noon.getMonth(), noon.getDate(), hours, minutes, 0, timeZone);
  return new Date(local.getTime());
}

export interface OrderDay {
  /** The plant workday the order counts from. */
  orderDay: IsoDate;
  /** The cut-off on `orderDay`: an order in before this instant gets the same order day. */
  cutoffDeadline: Date;
}

/**
 * The plant day an order counts from: its own day when that is a workday and
 * the order came in strictly before the cut-off, else the next workday.
 */
export function orderDayOf(instant: Date, calendar: WorkCalendar, cutoff: string): OrderDay {
  const zone = calendar.timeZone;
  const today = plantDateOf(instant, zone);
  const inTime = calendar.isWorkday(today) && instant.getTime() < plantInstant(today, cutoff, zone).getTime();
  const orderDay = inTime ? today : calendar.nextWorkday(today);
  return { orderDay, cutoffDeadline: plantInstant(orderDay, cutoff, zone) };
}
