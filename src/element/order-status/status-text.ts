/**
 * What `<bto-order-status>` says, from a validated status body: dates in the
 * shopper's locale ("Mon 14 Dec"), ranges, and the honest headline. Plain
 * functions, no DOM, so they are tested and reused as they are.
 */
import type { OrderStatusBody } from '../../orders/status.js';

type DateRange = OrderStatusBody['promised']['delivery'];

/** An ISO date (a plant/carrier day, no time zone) as "Mon 14 Dec" in `locale`. */
export function formatDay(iso: string, locale?: string): string {
  // Noon UTC, formatted in UTC: the same day everywhere.
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
}

/** "Mon 14 Dec – Wed 16 Dec", or one day when both ends are the same. */
export function formatRange(range: DateRange, locale?: string): string {
  return range.earliest === range.latest ? formatDay(range.earliest, locale) : `${formatDay(range.earliest, locale)} – ${formatDay(range.latest, locale)}`;
}

/** An instant (an event's time) in the shopper's zone: "14 Dec, 09:30". */
export function formatInstant(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

const workdays = (n: number): string => `${n} workday${n === 1 ? '' : 's'}`;

/** The headline: on track, running late (by how much), delivered. */
export function headline(status: OrderStatusBody, locale?: string): { text: string; late: boolean } {
  const slip = Math.max(0, status.forecast.slipDays);
  if (status.stage === 'delivered') {
    const day = formatDay(status.forecast.delivery.latest, locale);
    return status.slipped
      ? { text: `Delivered on ${day}, ${workdays(slip)} after what we promised. We are sorry for the wait.`, late: true }
      : { text: `Delivered on ${day}, as promised.`, late: false };
  }
  if (status.slipped) {
    return {
      text: `Running late: now expected ${formatRange(status.forecast.delivery, locale)}, ${workdays(slip)} after what we promised. This page updates as your order moves.`,
      late: true,
    };
  }
  return { text: `On track: expected ${formatRange(status.forecast.delivery, locale)}.`, late: false };
}
