/**
 * Quote -> order through real HTTP (the service on port 0): booking,
 * tampered and expired quotes, idempotent retries, and a restart that keeps
 * quotes, orders and bookings (PGlite folder in a temp dir).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod/mini';
import { orderSchema, quoteSchema } from '../../src/quote/contract.js';
import type { RunningServer } from '../../src/server/serve.js';
import { RACE_DIR, deskRequest, post, tempDir, testServer } from './server-fixture.js';

/** A clock the tests move: starts at the real time. */
let offsetMs = 0;
const now = (): Date => new Date(Date.now() + offsetMs);

const dataDir = tempDir('bto-orders-');
let server: RunningServer;
before(async () => {
  server = await testServer({ dataDir, now });
});
after(() => server.close());

const quote = async (over: Record<string, unknown> = {}) => {
  const res = await post(server.url, '/api/quote', deskRequest(over));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return z.parse(quoteSchema, res.body);
};
const order = (body: unknown, key: string) => post(server.url, '/api/orders', body, { 'idempotency-key': key });

describe('quote -> order over HTTP', () => {
  test('an order books what the quote planned: 201, a status token stored only as its hash', async () => {
    const q = await quote();
    const res = await order({ quoteId: q.quoteId, signature: q.signature }, 'happy-1');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const o = z.parse(orderSchema, res.body);
    assert.equal(o.quoteId, q.quoteId);
    assert.deepEqual(o.price, q.price);
    assert.deepEqual(o.promise, q.promise);
    assert.equal(Buffer.from(o.statusToken, 'base64url').length, 32);
    const rows = await server.service.store.db.query<{ status_token_hash: string; body: unknown }>('SELECT status_token_hash FROM orders WHERE id = $1', [o.orderId]);
    assert.equal(rows[0].status_token_hash, createHash('sha256').update(o.statusToken).digest('hex'));
    const dump = JSON.stringify([await server.service.store.db.query('SELECT * FROM orders'), await server.service.store.db.query('SELECT * FROM idempotency_keys')]);
    assert.ok(!dump.includes(o.statusToken), 'the token itself is stored nowhere');
  });

  test('the booking is in the store: the next quote plans on top of it', async () => {
    const before = await quote({ quantity: 8 });
    const booked = await server.service.store.db.query<{ minutes: number }>('SELECT sum(minutes)::float8 AS minutes FROM capacity WHERE product = $1', ['desk']);
    assert.ok(booked[0].minutes > 0);
    const res = await order({ quoteId: before.quoteId, signature: before.signature }, 'big-1');
    assert.equal(res.status, 201);
    const after = await quote({ quantity: 8 });
    assert.ok(after.promise.shipDate.earliest >= before.promise.shipDate.earliest);
  });

  test('a tampered signature is refused with 403 and books nothing', async () => {
    const q = await quote();
    const flipped = (q.signature[0] === 'a' ? 'b' : 'a') + q.signature.slice(1);
    for (const signature of [flipped, 'not-hex', q.signature.slice(0, 32)]) {
      const res = await order({ quoteId: q.quoteId, signature }, `tampered-${signature.length}-${signature[0]}`);
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.field, 'signature');
    }
    const orders = await server.service.store.db.query('SELECT 1 FROM orders WHERE quote_id = $1', [q.quoteId]);
    assert.equal(orders.length, 0);
  });

  test('a quote changed in the store fails its signature', async () => {
    const q = await quote();
    await server.service.store.db.query(`UPDATE quotes SET body = jsonb_set(body, '{price,amount}', '1') WHERE id = $1`, [q.quoteId]);
    const res = await order({ quoteId: q.quoteId, signature: q.signature }, 'tampered-store');
    assert.equal(res.status, 403);
  });

  test('an expired quote is refused with 410', async () => {
    const q = await quote();
    offsetMs = 31 * 60_000;
    try {
      const res = await order({ quoteId: q.quoteId, signature: q.signature }, 'expired-1');
      assert.equal(res.status, 410, JSON.stringify(res.body));
      assert.equal(res.body.error, 'quote_expired');
    } finally {
      offsetMs = 0;
    }
  });

  test('a retry with the same Idempotency-Key gets the same answer and books once', async () => {
    const q = await quote();
    const body = { quoteId: q.quoteId, signature: q.signature };
    const first = await order(body, 'retry-1');
    const again = await Promise.all([order(body, 'retry-1'), order(body, 'retry-1'), order(body, 'retry-1')]);
    assert.equal(first.status, 201);
    for (const res of again) {
      assert.equal(res.status, 201);
      assert.deepEqual(res.body, first.body);
    }
    const rows = await server.service.store.db.query('SELECT id FROM orders WHERE quote_id = $1', [q.quoteId]);
    assert.equal(rows.length, 1);
  });

  test('concurrent first attempts with one key book once', async () => {
    const q = await quote();
    const body = { quoteId: q.quoteId, signature: q.signature };
    const answers = await Promise.all(Array.from({ length: 5 }, () => order(body, 'retry-2')));
    assert.ok(answers.every((a) => a.status === 201 && a.body.orderId === answers[0].body.orderId));
  });

  test('one quote, a second key: 409 quote_used', async () => {
    const q = await quote();
    const body = { quoteId: q.quoteId, signature: q.signature };
    assert.equal((await order(body, 'used-1')).status, 201);
    const second = await order(body, 'used-2');
    assert.equal(second.status, 409);
    assert.equal(second.body.error, 'quote_used');
  });
});

describe('restart', () => {
  test('quotes, orders and bookings survive a restart of the service on the same folder', async () => {
    const q = await quote();
    const first = await order({ quoteId: q.quoteId, signature: q.signature }, 'restart-1');
    assert.equal(first.status, 201);
    const minutes = await server.service.store.db.query<{ m: number }>('SELECT sum(minutes)::float8 AS m FROM capacity');
    const late = await quote();
    await server.close();
    server = await testServer({ dataDir, now });
    const replay = await order({ quoteId: q.quoteId, signature: q.signature }, 'restart-1');
    assert.equal(replay.status, 201);
    assert.deepEqual(replay.body, first.body, 'the idempotent answer is still there');
    const after = await server.service.store.db.query<{ m: number }>('SELECT sum(minutes)::float8 AS m FROM capacity');
    assert.equal(after[0].m, minutes[0].m);
    // The signing secret persisted too: a quote from before the restart can still be ordered.
    assert.equal((await order({ quoteId: late.quoteId, signature: late.signature }, 'restart-2')).status, 201);
  });
});

describe('capacity taken meanwhile', () => {
  test('409 capacity_taken with a fresh quote; the fresh quote can be ordered', async () => {
    const race = await testServer({ rulesDir: RACE_DIR });
    try {
      const ask = () => post(race.url, '/api/quote', { product: 'race', selection: { colour: 'red' }, quantity: 15, destination: { country: 'DE' } });
      const a = (await ask()).body;
      const b = (await ask()).body;
      assert.equal((await post(race.url, '/api/orders', { quoteId: a.quoteId, signature: a.signature }, { 'idempotency-key': 'a' })).status, 201);
      const lost = await post(race.url, '/api/orders', { quoteId: b.quoteId, signature: b.signature }, { 'idempotency-key': 'b' });
      assert.equal(lost.status, 409);
      assert.equal(lost.body.error, 'capacity_taken');
      const fresh = z.parse(quoteSchema, lost.body.quote);
      assert.ok(fresh.promise.shipDate.earliest > b.promise.shipDate.earliest, 'the fresh quote plans later');
      const retry = await post(race.url, '/api/orders', { quoteId: b.quoteId, signature: b.signature }, { 'idempotency-key': 'b' });
      assert.deepEqual(retry.body, lost.body, 'the 409 is the key\'s answer');
      assert.equal((await post(race.url, '/api/orders', { quoteId: fresh.quoteId, signature: fresh.signature }, { 'idempotency-key': 'c' })).status, 201);
    } finally {
      await race.close();
    }
  });
});
