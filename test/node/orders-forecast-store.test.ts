/** The stored forecast only moves forward: one made from fewer events never overwrites a newer one. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Forecast } from '../../src/orders/timeline.js';
import { openPglite } from '../../src/server/database.js';
import { migrate } from '../../src/server/migrations.js';
import { OrderStore } from '../../src/server/order-store.js';

test('a forecast from fewer events (a slower service process) does not overwrite a newer one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bto-forecast-'));
  const db = await openPglite(dir);
  try {
    await migrate(db);
    await db.query(`INSERT INTO quotes (id, product, body, bookings, expires_at) VALUES ('q1', 'desk', '{}', '{}', now())`);
    await db.query(`INSERT INTO orders (id, quote_id, idempotency_key, product, status_token_hash, body) VALUES ('o1', 'q1', 'k1', 'desk', 'h1', '{}')`);
    const store = new OrderStore(db);
    const made = (tag: string) => ({ tag }) as unknown as Forecast;
    await store.saveForecast('o1', made('two events'), false, 2);
    await store.saveForecast('o1', made('one event'), false, 1);
    assert.deepEqual((await store.forecast('o1'))?.forecast, { tag: 'two events' });
    await store.saveForecast('o1', made('three events'), true, 3);
    assert.deepEqual(await store.forecast('o1'), { forecast: { tag: 'three events' }, atRisk: true });
  } finally {
    await db.close?.();
    await rm(dir, { recursive: true, force: true });
  }
});
