/**
 * Learned lead times over real HTTP and PGlite, as a merchant uses them:
 * six walnut desks ordered Tue 1 Dec 2026 whose tops (declared 6 + 2
 * workdays) all came after 9 workdays; GET /api/learning proposes 9 + 0 and
 * says promises get later and cover every past arrival (and DE transit,
 * always 1 workday, tightens to [1, 1]); POST /api/learning/apply stores
 * them, the next quote promises from them, and a restarted service over the
 * same store still does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CreatedMerchant } from '../../src/server/order-store.js';
import type { RunningServer } from '../../src/server/serve.js';
import { deskRequest, type JsonAnswer, post, tempDir, testServer } from './server-fixture.js';

let clock = new Date('2026-12-01T08:00:00Z');
const now = (): Date => clock;
const dataDir = tempDir('bto-learning-');

let server: RunningServer;
let desk: CreatedMerchant;
let pc: CreatedMerchant;

async function get(path: string, key?: string): Promise<JsonAnswer> {
  const res = await fetch(server.url + path, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}
const walnutQuote = async (): Promise<Record<string, any>> => {
  const q = await post(server.url, '/api/quote', deskRequest({ selection: { top: 'walnut' } }));
  assert.equal(q.status, 200, JSON.stringify(q.body));
  return q.body;
};

before(async () => {
  server = await testServer({ now, sweepMs: 0, dataDir });
  desk = await server.tracking.orders.createMerchant({ name: 'desk shop', products: ['desk'] });
  pc = await server.tracking.orders.createMerchant({ name: 'pc shop', products: ['pc'] });
  const orders: string[] = [];
  for (let i = 0; i < 6; i++) {
    const q = await walnutQuote();
    const o = await post(server.url, '/api/orders', { quoteId: q.quoteId, signature: q.signature }, { 'idempotency-key': `learn-${i}` });
    assert.equal(o.status, 201, JSON.stringify(o.body));
    orders.push(o.body.orderId);
  }
  clock = new Date('2027-01-11T08:00:00Z');
  for (const [i, id] of orders.entries()) {
    for (const body of [
      { type: 'materials_ready', eventId: 'top', occurredAt: '2026-12-14T09:00:00+01:00', component: 'top-walnut' }, // 9 workdays after Tue 1 Dec
      { type: 'shipped', eventId: 'ship', occurredAt: '2026-12-17T15:00:00+01:00', carrier: 'DHL', tracking: `T${i}` },
      { type: 'delivered', eventId: 'done', occurredAt: '2026-12-18T11:00:00+01:00' },
    ]) {
      const res = await post(server.url, `/api/orders/${id}/events`, body, { authorization: `Bearer ${desk.key}` });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  }
});
after(() => server.close());

describe('learning API', () => {
  test('a merchant key is required', async () => {
    assert.equal((await get('/api/learning')).status, 401);
    assert.equal((await post(server.url, '/api/learning/apply', {})).status, 401);
    assert.equal((await post(server.url, '/api/learning/apply', {}, { authorization: 'Bearer nope' })).status, 401);
  });

  test('GET /api/learning: the walnut top is 9 + 0 workdays, promises get later, coverage 0 -> 1', async () => {
    const res = await get('/api/learning', desk.key);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(res.body.products.map((p: { product: string }) => p.product), ['desk']);
    const [product] = res.body.products;
    assert.equal(product.delivered, 6);
    const walnut = product.proposals.find((p: { id: string }) => p.id === 'top-walnut');
    assert.deepEqual(
      { kind: walnut.kind, samples: walnut.samples, current: walnut.current, proposed: walnut.proposed },
      { kind: 'component', samples: 6, current: { supplierDays: 6, spreadDays: 2 }, proposed: { supplierDays: 9, spreadDays: 0 } },
    );
    assert.equal(walnut.description, 'part top-walnut: supplierDays 6 -> 9, spreadDays 2 -> 0 (6 arrivals)');
    assert.deepEqual(walnut.effect, {
      latestDays: { current: 8, proposed: 9 },
      likelyDays: { current: 6, proposed: 9 },
      covered: { current: 0, proposed: 1 },
      orders: 6,
      promises: 'later',
    });
    const de = product.proposals.find((p: { kind: string; id: string }) => p.kind === 'zone' && p.id === 'DE');
    assert.deepEqual([de.current, de.proposed, de.effect.promises], [[1, 2], [1, 1], 'earlier']);
  });

  test('another merchant sees and applies only its own products', async () => {
    const res = await get('/api/learning', pc.key);
    assert.deepEqual(res.body.products, [{ product: 'pc', delivered: 0, proposals: [] }]);
    const applied = await post(server.url, '/api/learning/apply', {}, { authorization: `Bearer ${pc.key}` });
    assert.equal(applied.status, 200);
    assert.deepEqual(applied.body.applied, []);
    const again = await get('/api/learning', desk.key);
    assert.ok(again.body.products[0].proposals.some((p: { id: string }) => p.id === 'top-walnut'), 'desk proposals untouched');
  });

  test('a bad body is a 400 naming the field', async () => {
    const res = await post(server.url, '/api/learning/apply', { products: 'desk' }, { authorization: `Bearer ${desk.key}` });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.match(JSON.stringify(res.body), /products/);
  });

  test('POST /api/learning/apply: stored, the next quote uses the learned days, and a restart keeps them', async () => {
    const before = await walnutQuote();
    const res = await post(server.url, '/api/learning/apply', { products: ['desk'] }, { authorization: `Bearer ${desk.key}` });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.applied.map((p: { product: string }) => p.product), ['desk']);
    assert.ok(res.body.applied[0].proposals.some((p: { id: string }) => p.id === 'top-walnut'));

    const afterApply = await walnutQuote();
    // The top now takes 9 workdays, not 6..8, and DE transit 1 day, not 1..2: the window starts later and is tighter.
    assert.deepEqual(before.promise.materialsReady, { earliest: '2027-01-19', latest: '2027-01-21' });
    assert.deepEqual(afterApply.promise.materialsReady, { earliest: '2027-01-22', latest: '2027-01-22' });
    assert.deepEqual([before.promise.delivery, afterApply.promise.delivery], [{ earliest: '2027-01-21', latest: '2027-01-26' }, { earliest: '2027-01-26', latest: '2027-01-26' }]);
    assert.equal(afterApply.promise.drivers.find((d: { id: string }) => d.id === 'top-walnut').days, 9);
    // Nothing left to learn for the walnut top: its values are now the learned ones.
    const review = await get('/api/learning', desk.key);
    assert.equal(review.body.products[0].proposals.find((p: { id: string }) => p.id === 'top-walnut'), undefined);

    await server.close();
    server = await testServer({ now, sweepMs: 0, dataDir });
    const restarted = await walnutQuote();
    assert.deepEqual(restarted.promise.delivery, afterApply.promise.delivery);
  });
});
