/**
 * msw handlers for the shopper's status API (GET /api/orders/status/{token}),
 * with bodies shaped exactly as order-tracking.ts builds them.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { OrderStatusBody } from '../../src/orders/status.js';

export const STATUS_URL = '/api/orders/status/:token';
export const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDE'.slice(0, 43);

/** A walnut desk ordered Tue 1 Dec 2026, promised Thu 10 – Fri 11 Dec; top arrived, in production. */
export const onTime: OrderStatusBody = {
  orderId: 'ord_ontime1',
  product: 'desk',
  createdAt: '2026-12-01T08:00:00.000Z',
  stage: 'production_started',
  promised: { orderDay: '2026-12-01', shipDate: { earliest: '2026-12-08', latest: '2026-12-09' }, delivery: { earliest: '2026-12-10', latest: '2026-12-11' } },
  forecast: {
    materialsReady: { earliest: '2026-12-03', latest: '2026-12-03' },
    shipDate: { earliest: '2026-12-08', latest: '2026-12-09' },
    delivery: { earliest: '2026-12-10', latest: '2026-12-11' },
    slipDays: 0,
  },
  slipped: false,
  message: 'On track: we expect delivery between 2026-12-10 and 2026-12-11 (promised by 2026-12-11).',
  timeline: [
    { type: 'materials_ready', occurredAt: '2026-12-03T09:30:00+01:00', label: 'Materials ready: Walnut top' },
    { type: 'production_started', occurredAt: '2026-12-04T08:00:00+01:00', label: 'Started: Assembly' },
  ],
};

/** The walnut top came 3 workdays late: now expected Mon 14 – Wed 16 Dec. */
export const slipped: OrderStatusBody = {
  ...onTime,
  orderId: 'ord_late1',
  stage: 'shipped',
  forecast: {
    materialsReady: { earliest: '2026-12-08', latest: '2026-12-08' },
    shipDate: { earliest: '2026-12-11', latest: '2026-12-11' },
    delivery: { earliest: '2026-12-14', latest: '2026-12-16' },
    slipDays: 3,
  },
  slipped: true,
  message: 'Running late because Walnut top reached us late: we promised delivery by 2026-12-11 and now expect it between 2026-12-14 and 2026-12-16.',
  timeline: [
    { type: 'materials_ready', occurredAt: '2026-12-08T10:00:00+01:00', label: 'Materials ready: Walnut top' },
    { type: 'production_started', occurredAt: '2026-12-09T08:00:00+01:00', label: 'Started: Assembly' },
    { type: 'production_done', occurredAt: '2026-12-10T15:00:00+01:00', label: 'Finished: Assembly' },
    { type: 'qc_passed', occurredAt: '2026-12-10T16:00:00+01:00', label: 'Quality check passed' },
    { type: 'shipped', occurredAt: '2026-12-11T11:00:00+01:00', label: 'Shipped', carrier: 'DHL Freight', tracking: 'JJD0099887766' },
  ],
};

/** Answers `bodies` in turn (the last one repeats); counts calls. */
export function statusService(...bodies: OrderStatusBody[]): { handler: HttpHandler; calls(): number } {
  let calls = 0;
  const handler = http.get(STATUS_URL, () => HttpResponse.json(bodies[Math.min(calls++, bodies.length - 1)], { headers: { 'cache-control': 'no-store' } }));
  return { handler, calls: () => calls };
}

/** Every token is unknown: the service's 404. */
export function unknownToken(): HttpHandler {
  return http.get(STATUS_URL, () => HttpResponse.json({ error: 'unknown_order', message: 'no order has this status token', field: 'token' }, { status: 404 }));
}

/** The network is down. */
export function statusDown(): HttpHandler {
  return http.get(STATUS_URL, () => HttpResponse.error());
}
