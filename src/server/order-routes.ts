/**
 * The routes after checkout, mounted by app.ts when the service tracks orders:
 *   POST /api/orders/{id}/events   merchant key; a milestone (idempotent by eventId)
 *   GET  /api/orders/status/{token} the shopper's view, by status token only
 *   GET  /api/metrics              merchant key; promise accuracy (JSON)
 * Validation at the edge; OrderTracking underneath.
 */
import type { Hono } from 'hono';
import { milestoneEventSchema } from '../orders/timeline.js';
import { ApiError } from './api-error.js';
import type { OrderTracking } from './order-tracking.js';
import { parseBody } from './parse-body.js';

const ORDER_ID = /^[A-Za-z0-9_-]{1,100}$/;

export function registerOrderRoutes(app: Hono, tracking: OrderTracking): void {
  app.post('/api/orders/:id/events', async (c) => {
    // The key first: an unauthenticated caller learns nothing about the order or the body.
    const merchant = await tracking.merchant(c.req.header('authorization'));
    const orderId = c.req.param('id');
    if (!ORDER_ID.test(orderId)) throw new ApiError(404, 'unknown_order', `there is no order "${orderId.slice(0, 100)}"`, 'orderId');
    const event = await parseBody(c.req.raw, milestoneEventSchema);
    const answer = await tracking.postEvent(merchant, orderId, event);
    return c.json(answer.body, answer.status);
  });

  app.get('/api/orders/status/:token', async (c) => {
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.json(await tracking.status(c.req.param('token')));
  });

  app.get('/api/metrics', async (c) => {
    const merchant = await tracking.merchant(c.req.header('authorization'));
    c.header('cache-control', 'no-store');
    return c.json(await tracking.metrics(merchant));
  });
}
