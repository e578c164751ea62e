/**
 * The order timeline after checkout, declared once: the milestone events a
 * factory (or its ERP) posts, shared by the server's routes, the CLI and the
 * shopper's status element. Every event carries its own id (the poster's:
 * the same id twice is the same event, so retries are harmless) and the
 * instant it happened (not when it was received: events may arrive late and
 * out of order, and the forecast reads the set of events, never their
 * arrival order).
 *
 * Pure: zod/mini only.
 */
import { z } from 'zod/mini';

/** An ISO 8601 instant with an offset (`2026-12-03T09:30:00+01:00`, `...Z`). */
const instant = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i, 'an ISO 8601 instant with an offset, e.g. 2026-12-03T09:30:00+01:00'),
  z.refine((text) => !Number.isNaN(Date.parse(text)), 'there is no such instant'),
  z.describe('When it happened: an ISO 8601 instant with an offset.'),
);

const eventId = z.string().check(
  z.minLength(1),
  z.maxLength(100),
  z.regex(/^[\x21-\x7e]+$/, 'visible ASCII characters only'),
  z.describe('The poster\'s id of this event, unique per order: posting it again is a no-op.'),
);

const label = (what: string) => z.string().check(z.minLength(1), z.maxLength(100), z.describe(what));

/** Milestone types in the order an order normally reaches them. */
export const MILESTONES = ['materials_ready', 'production_started', 'production_done', 'qc_passed', 'shipped', 'delivered'] as const;
export type MilestoneType = (typeof MILESTONES)[number];

/** POST /api/orders/{id}/events body: one milestone. */
export const milestoneEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('materials_ready'),
    eventId,
    occurredAt: instant,
    component: label('The part that arrived (a component id of the rules file).'),
  }),
  z.strictObject({ type: z.literal('production_started'), eventId, occurredAt: instant, workCentre: label('The work centre (ops file id).') }),
  z.strictObject({ type: z.literal('production_done'), eventId, occurredAt: instant, workCentre: label('The work centre (ops file id).') }),
  z.strictObject({ type: z.literal('qc_passed'), eventId, occurredAt: instant }),
  z.strictObject({
    type: z.literal('shipped'),
    eventId,
    occurredAt: instant,
    carrier: label('The carrier, e.g. "DHL Freight".'),
    tracking: label('The carrier\'s tracking number.'),
  }),
  z.strictObject({ type: z.literal('delivered'), eventId, occurredAt: instant }),
]);

export type MilestoneEvent = z.infer<typeof milestoneEventSchema>;

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const dateRange = z.object({ earliest: isoDate, latest: isoDate });

/** A part that is overdue: not arrived after its latest expected day. */
export const latePartSchema = z.object({
  component: z.string(),
  label: z.string(),
  expectedLatest: isoDate,
  /** Workdays past `expectedLatest` (today's plant day, or the day it arrived). */
  daysLate: z.number(),
  arrived: z.boolean(),
});

/** The current forecast, stored beside the original promise (which is never rewritten). */
export const forecastSchema = z.object({
  /** How far the order got: the last milestone reached, or "booked". */
  stage: z.enum(['booked', ...MILESTONES]),
  materialsReady: dateRange,
  shipDate: dateRange,
  delivery: dateRange,
  /** Carrier workdays the forecast's latest delivery is past the promised latest (negative: ahead). */
  slipDays: z.number(),
  lateParts: z.array(latePartSchema),
  /** The plant day of the last event, or the order day when there is none. */
  lastEventDay: isoDate,
  /** The plant day the forecast was made on. */
  asOf: isoDate,
});

export type Forecast = z.infer<typeof forecastSchema>;
export type LatePart = z.infer<typeof latePartSchema>;

/** An escalation that fired; `key` is stable so one cause alerts once per order. */
export const alertSchema = z.object({
  key: z.string(),
  rule: z.enum(['forecast_past_promise', 'supplier_late', 'silent']),
  message: z.string(),
  days: z.number(),
  component: z.optional(z.string()),
});

export type Alert = z.infer<typeof alertSchema>;

/** Events by instant (then id, for a stable order); duplicates by id dropped, the first kept. */
export function timelineOf(events: readonly MilestoneEvent[]): MilestoneEvent[] {
  const seen = new Set<string>();
  const unique = events.filter((e) => !seen.has(e.eventId) && seen.add(e.eventId));
  return unique.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
}
