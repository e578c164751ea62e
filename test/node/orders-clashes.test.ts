/**
 * Option popularity's clashes: quote requests refused with 422
 * invalid_selection are recorded by the service and counted by
 * GET /api/metrics, per option and as the pairs that clash most.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { metrics } from '../../src/orders/metrics.js';
import type { RunningServer } from '../../src/server/serve.js';
import { deskRequest, post, testServer } from './server-fixture.js';

let server: RunningServer;
let key: string;
before(async () => {
  server = await testServer({ now: () => new Date('2026-12-01T08:00:00Z'), sweepMs: 0 });
  key = (await server.tracking.orders.createMerchant({ name: 'm' })).key;
});
after(() => server.close());

async function getMetrics(): Promise<Record<string, any>> {
  const res = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.status, 200);
  return (await res.json()) as Record<string, any>;
}

test('refused quotes show as clashes in option popularity, the most frequent pair first', async () => {
  const refused = [
    { top: 'walnut', frame: 'basic' },
    { frame: 'basic', top: 'walnut' }, // the same pair, named the other way round
    { top: 'walnut', frame: 'basic' },
    { width: 180, frame: 'basic' },
  ];
  for (const selection of refused) {
    const res = await post(server.url, '/api/quote', deskRequest({ selection }));
    assert.equal(res.status, 422);
    assert.equal(res.body.error, 'invalid_selection');
  }
  // Not clashes: an unknown value, and a quote that fits.
  assert.equal((await post(server.url, '/api/quote', deskRequest({ selection: { top: 'teak' } }))).body.error, 'unknown_value');
  assert.equal((await post(server.url, '/api/quote', deskRequest({ selection: { top: 'walnut' } }))).status, 200);

  const m = await getMetrics();
  const option = (name: string) => m.popularity.find((p: { option: string }) => p.option === name);
  assert.equal(option('frame=basic').clashes, 4);
  assert.equal(option('top=walnut').clashes, 3);
  assert.deepEqual([option('top=walnut').quoted, option('top=walnut').ordered], [1, 0]);
  assert.equal(option('width=180').clashes, 1);
  assert.equal(option('width=180').quoted, 0);
  assert.deepEqual(m.topClashes, [
    { product: 'desk', option: 'frame=basic', kind: 'option', with: 'top=walnut', count: 3 },
    { product: 'desk', option: 'frame=basic', kind: 'option', with: 'width=180', count: 1 },
  ]);
});

test('a merchant sees only the clashes of its products', async () => {
  const other = (await server.tracking.orders.createMerchant({ name: 'bikes only', products: ['bicycle'] })).key;
  const res = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${other}` } });
  const m = (await res.json()) as Record<string, any>;
  assert.deepEqual(m.topClashes, []);
  assert.ok(m.popularity.every((p: { product: string; clashes: number }) => p.product !== 'desk'));
});

test('the refusal stands when the clash cannot be recorded', async () => {
  await server.service.store.db.query('ALTER TABLE clashes RENAME TO clashes_away');
  try {
    const res = await post(server.url, '/api/quote', deskRequest({ selection: { top: 'walnut', frame: 'basic' } }));
    assert.equal(res.status, 422);
    assert.equal(res.body.field, 'selection.frame');
    assert.match(res.body.message, /dual-motor/);
  } finally {
    await server.service.store.db.query('ALTER TABLE clashes_away RENAME TO clashes');
  }
});

test('a clash the explanation pins on a rule alone pairs the option with the rule', () => {
  const m = metrics([], [], [
    { product: 'desk', module: 'top', value: 'glass', rule: 'no-glass' },
    { product: 'desk', module: 'top', value: 'glass', rule: 'no-glass' },
    { product: 'desk', module: 'width', value: 200, other: { module: 'frame', value: 'basic' }, rule: 'basic-width' },
  ]);
  assert.deepEqual(m.topClashes, [
    { product: 'desk', option: 'top=glass', kind: 'rule', with: 'no-glass', count: 2 },
    { product: 'desk', option: 'frame=basic', kind: 'option', with: 'width=200', count: 1 },
  ]);
  assert.deepEqual(
    m.popularity.map((p) => [p.option, p.clashes]),
    [['top=glass', 2], ['frame=basic', 1], ['width=200', 1]],
  );
});
