/**
 * A promise in the words a shopper reads: "Arrives Tue 8 Dec – Fri 11 Dec;
 * order within 3 h 12 min to ship Monday; Walnut board adds 6 days". Shared
 * by the CLI and the widget's badge so that both say the same thing.
 *
 * Dates of a promise are plant days (ISO dates), not instants: they are
 * formatted as calendar dates, never shifted into the reader's zone.
 */
import { differenceInCalendarDays } from 'date-fns';
import { type IsoDate, noonOf } from './calendar.js';
import type { PromiseDriver } from './drivers.js';
import type { DeliveryEstimate } from './estimate.js';
import { plantDateOf } from './plant-time.js';
import type { DateRange, DeliveryPromise } from './promise.js';

/** Formats a plant day, e.g. "Tue 8 Dec" (en-GB). */
export function formatDay(date: IsoDate, locale = 'en-GB', style: 'short' | 'weekday' = 'short'): string {
  const [y, m, d] = date.split('-').map(Number);
  // A calendar date has no zone: format it as a UTC date so that no zone can move it to another day.
  const at = new Date(Date.UTC(y, m - 1, d, 12));
  const options: Intl.DateTimeFormatOptions =
    style === 'weekday' ? { weekday: 'long', timeZone: 'UTC' } : { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(at).replace(',', '');
}

/** "Tue 8 Dec – Fri 11 Dec", or one day when both ends agree. */
export function formatRange(range: DateRange, locale = 'en-GB'): string {
  const from = formatDay(range.earliest, locale);
  return range.earliest === range.latest ? from : `${from} – ${formatDay(range.latest, locale)}`;
}

/** A wait in hours and minutes: "3 h 12 min", "45 min", "2 d 3 h" (minutes rounded down). */
export function formatWait(milliseconds: number): string {
  const minutes = Math.max(0, Math.floor(milliseconds / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/** "Walnut board adds 6 days"; qc and transit are part of every date and are not called out. */
export function describeDriver(driver: PromiseDriver): string {
  return `${driver.label} adds ${driver.days} day${driver.days === 1 ? '' : 's'}`;
}

/** The parts and work centres that push the date out, biggest first. */
export function delayDrivers(drivers: readonly PromiseDriver[]): PromiseDriver[] {
  return drivers.filter((d) => (d.kind === 'component' || d.kind === 'workCentre') && d.days > 0);
}

/**
 * The one-line summary. `now` is the moment the shopper reads it (the order
 * time, for the CLI); the cut-off clause is left out once the deadline has
 * passed.
 */
export function promiseSentence(promise: DeliveryPromise | DeliveryEstimate, now: Date, locale = 'en-GB'): string {
  if (promise.kind === 'estimate') {
    const slowest = promise.drivers[0];
    return `Estimated arrival ${formatRange(promise.delivery, locale)} (${promise.label.toLowerCase()})${slowest ? `; ${slowest.label} takes about ${slowest.days} days` : ''}`;
  }
  const parts = [`Arrives ${formatRange(promise.delivery, locale)}`];
  const cutoff = cutoffClause(promise, now, locale);
  if (cutoff) parts.push(cutoff);
  const top = delayDrivers(promise.drivers)[0];
  if (top) parts.push(describeDriver(top));
  return parts.join('; ');
}

/** The parts of a promise the sentence reads (a quote's promise has no bookings). */
export type PromiseDates = Pick<DeliveryPromise, 'timeZone' | 'cutoffDeadline' | 'shipDate'>;

/**
 * "order within 3 h 12 min to ship Monday", or undefined once the deadline
 * has passed (the promise no longer holds; ask for a new one).
 */
export function cutoffClause(promise: PromiseDates, now: Date, locale = 'en-GB'): string | undefined {
  const left = Date.parse(promise.cutoffDeadline) - now.getTime();
  if (!(left > 0)) return undefined;
  // A weekday alone is clear within the coming week; further out it needs the date.
  const today = plantDateOf(now, promise.timeZone);
  const soon = differenceInCalendarDays(noonOf(promise.shipDate.earliest, promise.timeZone), noonOf(today, promise.timeZone)) < 7;
  const ship = formatDay(promise.shipDate.earliest, locale, soon ? 'weekday' : 'short');
  const when = left < 86_400_000 ? `within ${formatWait(left)}` : `by ${formatDeadline(promise.cutoffDeadline, promise.timeZone, locale)}`;
  return `order ${when} to ship ${ship}`;
}

/** The deadline on the plant's clock: "Mon 7 Dec 14:00 CET". */
function formatDeadline(instant: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  })
    .format(new Date(instant))
    .replace(',', '');
}
