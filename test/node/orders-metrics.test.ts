/**
 * GET /api/metrics on a known set of orders (a fresh store): three white
 * desks to Germany, one delivered early (before the promised earliest date),
 * one on the promised latest date, one three days late; one oak desk quoted
 * and not ordered.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { daysBetween } from '../../src/orders/facts.js';
import { quantile } from '../../src/orders/metrics.js';
import type { RunningServer } from '../../src/server/serve.js';
import { deskRequest, post, testServer } from './server-fixture.js';

let clock = new Date('2026-12-01T08:00:00Z');
let server: RunningServer;
let key: string;
before(async () => {
  server = await testServer({ now: () => clock, sweepMs: 0 });
  key = (await server.tracking.orders.createMerchant({ name: 'm' })).key;
});
after(() => server.close());

const plus = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

test('on-time rate, early and late counts, lead times, suppliers and popularity', async () => {
  const orders: Record<string, any>[] = [];
  for (let i = 0; i < 3; i++) {
    const q = await post(server.url, '/api/quote', deskRequest({ selection: { top: 'white' } }));
    const o = await post(server.url, '/api/orders', { quoteId: q.body.quoteId, signature: q.body.signature }, { 'idempotency-key': `m-${i}` });
    assert.equal(o.status, 201);
    orders.push(o.body);
  }
  await post(server.url, '/api/quote', deskRequest({ selection: { top: 'oak' } }));
  clock = new Date('2027-01-30T12:00:00Z');
  const delivered = [plus(orders[0].promise.delivery.earliest, -1), orders[1].promise.delivery.latest, plus(orders[2].promise.delivery.latest, 3)];
  for (const [i, day] of delivered.entries()) {
    const res = await post(server.url, `/api/orders/${orders[i].orderId}/events`, { type: 'delivered', eventId: 'd', occurredAt: `${day}T11:00:00+01:00` }, { authorization: `Bearer ${key}` });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
  const res = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.status, 200);
  const m = (await res.json()) as Record<string, any>;
  assert.deepEqual(
    [m.totals.orders, m.totals.delivered, m.totals.onTime, m.totals.early, m.totals.late, m.totals.onTimeRate],
    [3, 3, 2, 1, 1, 0.6667],
  );
  const lead = delivered.map((d, i) => daysBetween(orders[i].promise.orderDay, d));
  assert.equal(m.totals.leadDays.median, quantile(lead, 0.5));
  assert.equal(m.totals.leadDays.p90, quantile(lead, 0.9));
  assert.equal(m.totals.deviationDays.max, 3);
  assert.deepEqual(m.byDestination.map((g: { key: string }) => g.key), ['DE']);
  assert.equal(m.byPeriod.length, 1);
  assert.equal(m.byProduct[0].key, 'desk');
  const white = m.popularity.find((p: { option: string }) => p.option === 'top=white');
  const oak = m.popularity.find((p: { option: string }) => p.option === 'top=oak');
  assert.deepEqual([white.quoted, white.ordered], [3, 3]);
  assert.deepEqual([oak.quoted, oak.ordered, oak.conversion], [1, 0, 0]);
  assert.ok(Array.isArray(m.suppliers));
});
