/**
 * The quote API contract, declared once and shared by the browser client, the
 * reference server, the msw handlers and the OpenAPI document. zod/mini keeps
 * it small enough to ship in the widget.
 */
import { z } from 'zod/mini';

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.describe('A day (YYYY-MM-DD) in the plant time zone.'));
const dateRange = z.object({ earliest: isoDate, latest: isoDate });
const value = z.union([z.string(), z.number(), z.null()]);

/** A selection: module id -> option id, number, or null (empty optional module). */
export const selectionSchema = z.record(z.string().check(z.minLength(1), z.maxLength(100)), value);

export const destinationSchema = z.object({
  country: z.string().check(z.regex(/^[A-Za-z]{2}$/), z.describe('ISO 3166-1 alpha-2 country code, e.g. "DE".')),
  postalCode: z.optional(z.string().check(z.maxLength(20))),
});

/** POST /api/quote body. Prices and dates are never taken from the browser. */
export const quoteRequestSchema = z.strictObject({
  product: z.string().check(z.minLength(1), z.maxLength(100), z.describe('The product id (rules file product.id).')),
  selection: selectionSchema,
  quantity: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1000))),
  destination: destinationSchema,
});

export const priceSchema = z.object({
  amount: z.number().check(z.int(), z.describe('Total in minor units (cents).')),
  currency: z.string(),
  lines: z.array(
    z.object({
      label: z.string(),
      module: z.optional(z.string()),
      value: z.optional(value),
      amount: z.number().check(z.int()),
    }),
  ),
});

export const driverSchema = z.object({
  kind: z.enum(['component', 'workCentre', 'transit', 'qc']),
  id: z.string(),
  label: z.string(),
  days: z.number(),
});

/** The promise as the API shows it (the plant's bookings stay on the server). */
export const promiseSchema = z.object({
  kind: z.literal('promise'),
  timeZone: z.string(),
  orderDay: isoDate,
  cutoffDeadline: z.string().check(z.describe('ISO instant: order before it for this promise to hold.')),
  materialsReady: dateRange,
  productionStart: z.optional(isoDate),
  shipDate: dateRange,
  delivery: dateRange,
  shippingZone: z.string(),
  drivers: z.array(driverSchema),
});

/** POST /api/quote answer: what was promised, signed. */
export const quoteSchema = z.object({
  quoteId: z.string(),
  product: z.string(),
  selection: selectionSchema,
  configuration: selectionSchema,
  quantity: z.number().check(z.int()),
  destination: destinationSchema,
  price: priceSchema,
  promise: promiseSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  signature: z.string().check(z.describe('HMAC-SHA256 (hex) over the quote, by the server.')),
});

/** POST /api/orders body, with an `Idempotency-Key` header. */
export const orderRequestSchema = z.strictObject({
  quoteId: z.string().check(z.minLength(1), z.maxLength(100)),
  signature: z.string().check(z.minLength(1), z.maxLength(200)),
});

export const orderSchema = z.object({
  orderId: z.string(),
  quoteId: z.string(),
  status: z.literal('booked'),
  /** Unguessable key for the shopper's order-status page. */
  statusToken: z.string(),
  price: priceSchema,
  promise: promiseSchema,
  createdAt: z.string(),
});

/** Every 4xx/5xx body. `field` names the offending input (`selection.frame`, `destination.country`, ...). */
export const errorSchema = z.object({
  error: z.string(),
  message: z.string(),
  field: z.optional(z.string()),
  /** On 409 after a booking race: a fresh quote for the same configuration. */
  quote: z.optional(quoteSchema),
});

export type QuoteRequest = z.infer<typeof quoteRequestSchema>;
export type Quote = z.infer<typeof quoteSchema>;
export type QuotedPromise = z.infer<typeof promiseSchema>;
export type OrderRequest = z.infer<typeof orderRequestSchema>;
export type Order = z.infer<typeof orderSchema>;
export type ApiError = z.infer<typeof errorSchema>;
