/**
 * After checkout, driven as the factory, the shopper and the merchant would:
 * real HTTP, PGlite in a temp folder, a webhook receiver on 127.0.0.1:0.
 * The server's clock is fixed at Tue 1 Dec 2026 09:00 Berlin and moved by
 * the tests. A walnut desk waits for its top: 6 + 2 workdays, so it is due
 * by Fri 11 Dec at the latest.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { CreatedMerchant } from '../../src/server/order-store.js';
import type { RunningServer } from '../../src/server/serve.js';
import { deskRequest, type JsonAnswer, post, testServer } from './server-fixture.js';

let clock = new Date('2026-12-01T08:00:00Z');
const now = (): Date => clock;

interface Received {
  body: string;
  signature: string;
}
/** A webhook receiver: answers `statuses` in turn (then 200), keeps what it got. */
async function receiver(statuses: number[] = []): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['x-bto-signature']) });
      res.writeHead(statuses.shift() ?? 200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

let server: RunningServer;
let hook: Awaited<ReturnType<typeof receiver>>;
let deskMerchant: CreatedMerchant;
let downMerchant: CreatedMerchant;
let pcMerchant: CreatedMerchant;

before(async () => {
  hook = await receiver([500]); // the first call fails: the retry must deliver
  server = await testServer({ now, sweepMs: 0, webhook: { attempts: 3, baseDelayMs: 10, timeoutMs: 2000 } });
  const merchants = server.tracking.orders;
  deskMerchant = await merchants.createMerchant({ name: 'desk shop', products: ['desk'], webhookUrl: hook.url });
  // A port nobody listens on: every attempt fails and is logged.
  const closed = await receiver();
  const downUrl = closed.url;
  await new Promise<void>((resolve) => closed.server.close(() => resolve()));
  downMerchant = await merchants.createMerchant({ name: 'desk erp', products: ['desk'], webhookUrl: downUrl });
  pcMerchant = await merchants.createMerchant({ name: 'pc shop', products: ['pc'] });
});
after(async () => {
  await server.close();
  hook.server.close();
});

async function bookDesk(selection: Record<string, unknown>, country = 'DE'): Promise<Record<string, any>> {
  const q = await post(server.url, '/api/quote', deskRequest({ selection, destination: { country } }));
  assert.equal(q.status, 200, JSON.stringify(q.body));
  const o = await post(server.url, '/api/orders', { quoteId: q.body.quoteId, signature: q.body.signature }, { 'idempotency-key': `k-${q.body.quoteId}` });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  return o.body;
}
const event = (orderId: string, body: unknown, key: string | null = deskMerchant.key): Promise<JsonAnswer> =>
  post(server.url, `/api/orders/${orderId}/events`, body, key === null ? {} : { authorization: `Bearer ${key}` });
async function get(path: string, key?: string): Promise<JsonAnswer> {
  const res = await fetch(server.url + path, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

describe('milestone events over HTTP', () => {
  test('auth: no key, a wrong key -> 401; another merchant\'s order -> 404 exactly like an unknown order', async () => {
    const order = await bookDesk({ top: 'white' });
    const body = { type: 'qc_passed', eventId: 'qc-1', occurredAt: '2026-12-01T08:30:00+01:00' };
    const none = await event(order.orderId, body, null);
    assert.equal(none.status, 401);
    assert.equal(none.body.field, 'Authorization');
    assert.equal((await event(order.orderId, body, 'bto_wrong')).status, 401);
    const other = await event(order.orderId, body, pcMerchant.key);
    const unknown = await event('o_doesnotexist', body, pcMerchant.key);
    assert.equal(other.status, 404);
    assert.equal(unknown.status, 404);
    assert.equal(other.body.error, unknown.body.error);
    assert.ok(!JSON.stringify(other.body).includes('desk'), 'nothing about the order leaks');
    assert.equal((await get('/api/metrics')).status, 401);
    const rows = await server.service.store.db.query<{ key_hash: string }>('SELECT key_hash FROM merchants');
    assert.ok(!JSON.stringify(rows).includes(deskMerchant.key), 'keys are stored hashed');
  });

  test('bad bodies get a 4xx naming the field', async () => {
    const order = await bookDesk({ top: 'white' });
    const bad = async (body: unknown, status: number, field: string) => {
      const res = await event(order.orderId, body);
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.equal(res.body.field, field, JSON.stringify(res.body));
    };
    await bad({ type: 'shipped', eventId: 's', occurredAt: '2026-12-01T08:30:00+01:00', carrier: 'DHL' }, 400, 'tracking');
    await bad({ type: 'qc_passed', eventId: 'q', occurredAt: 'yesterday' }, 400, 'occurredAt');
    await bad({ type: 'qc_passed', eventId: 'q', occurredAt: '2026-12-01T08:30:00+01:00', extra: 1 }, 400, 'extra');
    await bad({ type: 'materials_ready', eventId: 'm', occurredAt: '2026-12-01T08:30:00+01:00', component: 'top-walnut' }, 422, 'component');
    await bad({ type: 'production_done', eventId: 'p', occurredAt: '2026-12-01T08:30:00+01:00', workCentre: 'welding' }, 422, 'workCentre');
    await bad({ type: 'qc_passed', eventId: 'q', occurredAt: '2027-12-01T10:00:00+01:00' }, 422, 'occurredAt');
    const res = await event(order.orderId, '{"type":');
    assert.equal(res.status, 400);
  });

  test('events out of order and duplicated: idempotent by event id, the same forecast either way', async () => {
    const order = await bookDesk({ top: 'walnut' });
    clock = new Date('2026-12-10T15:00:00Z');
    const events = [
      { type: 'materials_ready', eventId: 'top-in', occurredAt: '2026-12-08T09:00:00+01:00', component: 'top-walnut' },
      { type: 'production_done', eventId: 'fin-done', occurredAt: '2026-12-09T16:00:00+01:00', workCentre: 'finishing' },
      { type: 'production_done', eventId: 'asm-done', occurredAt: '2026-12-10T15:00:00+01:00', workCentre: 'assembly' },
    ];
    // Newest first, then the oldest twice.
    const answers = [];
    for (const e of [events[2], events[1], events[0]]) answers.push(await event(order.orderId, e));
    assert.deepEqual(answers.map((a) => a.status), [201, 201, 201]);
    const again = await event(order.orderId, events[0]);
    assert.equal(again.status, 200);
    assert.equal(again.body.duplicate, true);
    assert.deepEqual(again.body.forecast, answers[2].body.forecast);
    assert.equal(again.body.forecast.stage, 'production_done');
    assert.equal(again.body.forecast.shipDate.earliest, '2026-12-11');
    const forged = await event(order.orderId, { ...events[0], occurredAt: '2026-12-01T09:00:00+01:00' });
    assert.equal(forged.status, 409);
    assert.equal(forged.body.field, 'eventId');
    const stored = await server.service.store.db.query('SELECT 1 FROM order_events WHERE order_id = $1', [order.orderId]);
    assert.equal(stored.length, 3);
    // The original promise is untouched.
    const [row] = await server.service.store.db.query<{ body: Record<string, any> }>('SELECT body FROM orders WHERE id = $1', [order.orderId]);
    assert.deepEqual(row.body.promise, order.promise);
  });

  test('a late supplier part moves the forecast, fires a signed webhook (retried) and logs a receiver that is down', async () => {
    clock = new Date('2026-12-01T08:00:00Z');
    const order = await bookDesk({ top: 'walnut' });
    assert.equal(order.promise.materialsReady.latest, '2026-12-11');
    // Mon 14 Dec: the frame and coating came from stock long ago; the walnut top has not arrived.
    clock = new Date('2026-12-15T09:00:00Z');
    const res = await event(order.orderId, { type: 'materials_ready', eventId: 'frame', occurredAt: '2026-12-01T10:00:00+01:00', component: 'frame-pro' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.atRisk, true);
    assert.ok(res.body.forecast.delivery.latest > order.promise.delivery.latest);
    assert.deepEqual(res.body.alerts.map((a: { key: string }) => a.key).sort(), ['forecast_past_promise', 'supplier_late:top-walnut']);
    await server.tracking.settled();

    const mine = hook.received.filter((r) => JSON.parse(r.body).orderId === order.orderId);
    assert.equal(mine.length, 3, 'two alerts, one of them retried after a 500');
    for (const r of mine) {
      assert.equal(r.signature, `sha256=${createHmac('sha256', deskMerchant.webhookSecret).update(r.body).digest('hex')}`);
    }
    const log = await server.tracking.orders.deliveries(order.orderId);
    const down = log.filter((d) => d.status === null);
    assert.equal(down.length, 6, 'the receiver that is down: 3 attempts per alert');
    assert.ok(down.every((d) => !d.delivered && d.error));
    assert.equal(log.filter((d) => d.delivered).length, 2);

    // The same cause does not alert twice.
    await event(order.orderId, { type: 'materials_ready', eventId: 'coat', occurredAt: '2026-12-01T10:00:00+01:00', component: 'coating-black' });
    await server.tracking.settled();
    assert.equal(hook.received.filter((r) => JSON.parse(r.body).orderId === order.orderId).length, 3);

    // The shopper sees it, honestly, by token only.
    const status = await get(`/api/orders/status/${order.statusToken}`);
    assert.equal(status.status, 200);
    assert.equal(status.body.slipped, true);
    assert.match(status.body.message, /Running late because Walnut board reached us late/);
    assert.deepEqual(status.body.promised.delivery, order.promise.delivery);
    assert.equal(status.body.timeline.length, 2);
    assert.equal((await get(`/api/orders/status/${'A'.repeat(43)}`)).status, 404);
    assert.equal((await get('/api/orders/status/short')).status, 404);
  });

  test('the sweep fires time-based escalations without any event', async () => {
    clock = new Date('2026-12-01T08:00:00Z');
    const order = await bookDesk({ top: 'walnut' });
    clock = new Date('2026-12-16T09:00:00Z');
    await server.tracking.sweep();
    await server.tracking.settled();
    assert.deepEqual((await server.tracking.orders.alerts(order.orderId)).map((a) => a.key).sort(), ['forecast_past_promise', 'supplier_late:top-walnut']);
  });
});
