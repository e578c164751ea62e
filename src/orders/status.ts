/**
 * GET /api/orders/status/{token}: what the shopper sees of one order, as a
 * zod/mini schema. The server builds it (order-tracking.ts, `OrderStatus`);
 * `<bto-order-status>` validates the body with it before showing anything.
 *
 * Pure: zod/mini only.
 */
import { z } from 'zod/mini';
import { MILESTONES } from './timeline.js';

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const dateRange = z.object({ earliest: isoDate, latest: isoDate });

export const orderStatusSchema = z.object({
  orderId: z.string(),
  product: z.string(),
  createdAt: z.string(),
  /** How far the order got: the last milestone reached, or "booked". */
  stage: z.enum(['booked', ...MILESTONES]),
  /** The promise made at checkout (never rewritten). */
  promised: z.object({ orderDay: isoDate, shipDate: dateRange, delivery: dateRange }),
  /** Today's forecast from what is known; slipDays: carrier workdays past the promised latest delivery. */
  forecast: z.object({ materialsReady: dateRange, shipDate: dateRange, delivery: dateRange, slipDays: z.number() }),
  slipped: z.boolean(),
  /** The server's sentence (English, ISO dates). */
  message: z.string(),
  timeline: z.array(
    z.object({
      type: z.enum(MILESTONES),
      occurredAt: z.string(),
      label: z.string(),
      carrier: z.optional(z.string()),
      tracking: z.optional(z.string()),
    }),
  ),
});

export type OrderStatusBody = z.infer<typeof orderStatusSchema>;
