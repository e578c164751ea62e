/** `bto merchant create-key`, `bto order event` and `bto report` as a planner runs them (through the test harness until main.ts wires them). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { deskRequest, post, tempDir, testServer } from './server-fixture.js';

const run = (...args: string[]) => promisify(execFile)('node', ['--import', 'tsx', 'test/node/orders-cli-harness.ts', ...args], { encoding: 'utf8' });

test('create a key, post an event with the CLI (twice: idempotent), report from the same store', async () => {
  const dataDir = tempDir('bto-cli-orders-');
  const created = await run('merchant', 'create-key', '--name', 'planner', '--products', 'desk', '--data', dataDir);
  const key = /API key \(shown once\): (\S+)/.exec(created.stdout)?.[1];
  assert.ok(key, created.stdout);

  const server = await testServer({ dataDir, sweepMs: 0 });
  let orderId: string;
  try {
    const q = await post(server.url, '/api/quote', deskRequest());
    const o = await post(server.url, '/api/orders', { quoteId: q.body.quoteId, signature: q.body.signature }, { 'idempotency-key': 'cli-1' });
    orderId = o.body.orderId;
    const args = ['order', 'event', orderId, '--type', 'qc_passed', '--at', new Date().toISOString(), '--url', `${server.url}/api`, '--key', key];
    assert.match((await run(...args)).stdout, /^recorded cli-/);
    assert.match((await run(...args)).stdout, /^already recorded cli-/);
    await assert.rejects(run('order', 'event', orderId, '--type', 'qc_passed', '--url', `${server.url}/api`, '--key', 'bto_wrong'), /401/);
  } finally {
    await server.close();
  }
  const report = await run('report', 'rules', '--data', dataDir);
  assert.match(report.stdout, /^Total\n/);
  assert.match(report.stdout, /desk:top=oak/);
});
