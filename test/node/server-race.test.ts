/**
 * The booking race: 200 shoppers hold quotes for the same free day, which
 * fits exactly 20 orders (test/fixtures/race), and all order at once.
 * Exactly 20 are accepted, the other 180 get 409 with a fresh quote, and the
 * day is booked to its capacity, not a minute over: on the embedded store,
 * and on a PostgreSQL server shared by two service processes.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, describe, test } from 'node:test';
import { openPostgres } from '../../src/server/database.js';
import { type PgServer, startPgServer } from './pg-server.js';
import { RACE_DIR, post, tempDir, testServer } from './server-fixture.js';

const SHOPPERS = 200;
const SLOTS = 20;
const DAY_MINUTES = 1200;

/** Quotes 200 times (round robin over `urls`), then orders all at once (each at the next url); returns the statuses. */
async function race(urls: string[]): Promise<{ statuses: number[]; day: string }> {
  const request = { product: 'race', selection: { colour: 'red' }, destination: { country: 'DE' } };
  const quotes = await Promise.all(Array.from({ length: SHOPPERS }, (_, i) => post(urls[i % urls.length], '/api/quote', request)));
  for (const q of quotes) assert.equal(q.status, 200, JSON.stringify(q.body));
  const days = new Set(quotes.map((q) => q.body.promise.productionStart));
  assert.equal(days.size, 1, 'every quote plans the same day');
  const answers = await Promise.all(
    quotes.map((q, i) =>
      post(urls[(i + 1) % urls.length], '/api/orders', { quoteId: q.body.quoteId, signature: q.body.signature }, { 'idempotency-key': `race-${i}` }),
    ),
  );
  for (const a of answers) if (a.status === 409) assert.equal(a.body.error, 'capacity_taken');
  return { statuses: answers.map((a) => a.status), day: [...days][0] as string };
}

const count = (statuses: number[], status: number): number => statuses.filter((s) => s === status).length;

describe('200 orders racing for 20 slots', () => {
  test('embedded store (PGlite): exactly 20 accepted, 180 refused, no overbooking', async () => {
    const server = await testServer({ rulesDir: RACE_DIR, dataDir: tempDir('bto-race-') });
    try {
      const { statuses, day } = await race([server.url]);
      assert.equal(count(statuses, 201), SLOTS);
      assert.equal(count(statuses, 409), SHOPPERS - SLOTS);
      assert.equal(await server.service.store.bookedMinutes('race', 'assembly', day), DAY_MINUTES);
    } finally {
      await server.close();
    }
  });

  describe('PostgreSQL server, two service processes', () => {
    let pg: PgServer | { skip: string } | undefined;
    const children: ChildProcess[] = [];
    after(() => {
      for (const child of children) child.kill('SIGTERM');
      if (pg && 'url' in pg) pg.stop();
    });

    /** Starts `test/node/server-process.ts` against the database; resolves with its URL. */
    async function serviceProcess(databaseUrl: string): Promise<string> {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/node/server-process.ts', RACE_DIR], {
        env: { ...process.env, DATABASE_URL: databaseUrl, BTO_SECRET: '' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      const lines = createInterface({ input: child.stdout! });
      const exited = once(child, 'exit').then(([code]) => {
        throw new Error(`service process exited with ${code}`);
      });
      const listening = (async () => {
        for await (const line of lines) if (line.startsWith('{')) return (JSON.parse(line) as { url: string }).url;
        throw new Error('service process closed its output');
      })();
      return Promise.race([listening, exited]);
    }

    test('exactly 20 accepted across both processes, no overbooking', async (t) => {
      pg = await startPgServer();
      if ('skip' in pg) {
        t.skip(pg.skip);
        return;
      }
      // Both start together on an empty database: the migrations must run once.
      const urls = await Promise.all([serviceProcess(pg.url), serviceProcess(pg.url)]);
      const { statuses, day } = await race(urls);
      assert.equal(count(statuses, 201), SLOTS);
      assert.equal(count(statuses, 409), SHOPPERS - SLOTS);
      const db = await openPostgres(pg.url, 1);
      try {
        const [row] = await db.query<{ minutes: number; orders: number }>(
          `SELECT (SELECT minutes FROM capacity WHERE product = 'race' AND work_centre = 'assembly' AND day = $1) AS minutes,
                  (SELECT count(*)::int FROM orders) AS orders`,
          [day],
        );
        assert.equal(row.minutes, DAY_MINUTES);
        assert.equal(row.orders, SLOTS);
      } finally {
        await db.close();
      }
    });
  });
});
