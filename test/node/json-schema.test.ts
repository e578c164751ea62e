/** The committed JSON Schemas are what `bto schema` generates now (they never go stale). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('rules/rules.schema.json matches the zod schema', async () => {
  const { stdout } = await run('node', ['bin/bto.js', 'schema']);
  assert.deepEqual(JSON.parse(await readFile('rules/rules.schema.json', 'utf8')), JSON.parse(stdout), 'run: npm run schema');
});

test('rules/ops.schema.json matches the zod schema', async () => {
  const { stdout } = await run('node', ['bin/bto.js', 'schema', '--ops']);
  assert.deepEqual(JSON.parse(await readFile('rules/ops.schema.json', 'utf8')), JSON.parse(stdout), 'run: npm run schema');
});
