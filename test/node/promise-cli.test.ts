/**
 * `bto promise`: the command a planner or a script runs. Run in-process on
 * the fixture desk (see promise-fixture.ts for the hand-worked calendar).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { defaultOpsPath, registerPromiseCommand } from '../../src/cli/promise-command.js';
import { OPS, RULES } from './promise-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'bto-promise-'));
const rules = join(dir, 'desk.yaml');
writeFileSync(rules, RULES);
writeFileSync(join(dir, 'desk.ops.yaml'), OPS);

/** Runs `bto promise ...args` and returns what it printed and the exit code it set. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command().name('bto').exitOverride();
  registerPromiseCommand(program);
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  const previous = process.exitCode;
  process.exitCode = 0;
  console.log = (...parts: unknown[]) => void out.push(parts.join(' '));
  console.error = (...parts: unknown[]) => void err.push(parts.join(' '));
  try {
    await program.parseAsync(['promise', ...args], { from: 'user' });
    return { out: out.join('\n'), err: err.join('\n'), code: Number(process.exitCode ?? 0) };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = previous;
  }
}

test('--json prints the promise: plant dates, the deadline as an instant, drivers, bookings', async () => {
  // Walnut ordered Tue 1 Dec 10:48 CET for FR: walnut Wed 9 .. Fri 11; ship Thu 10 .. Mon 14;
  // FR Mon 14 .. Fri 18; the deadline is 14:00 CET = 13:00Z.
  const { out, code } = await run(rules, '--select', 'top=walnut', '--to', 'FR', '--at', '2026-12-01T10:48:00+01:00', '--json');
  assert.equal(code, 0);
  const p = JSON.parse(out);
  assert.equal(p.orderDay, '2026-12-01');
  assert.equal(p.cutoffDeadline, '2026-12-01T13:00:00.000Z');
  assert.deepEqual(p.materialsReady, { earliest: '2026-12-09', latest: '2026-12-11' });
  assert.deepEqual(p.shipDate, { earliest: '2026-12-10', latest: '2026-12-14' });
  assert.deepEqual(p.delivery, { earliest: '2026-12-14', latest: '2026-12-18' });
  assert.deepEqual(p.drivers[0], { kind: 'component', id: 'top-walnut', label: 'Walnut top', days: 6 });
  // The selection was completed with defaults: frame basic (first option).
  assert.deepEqual(p.bookings.stock, [{ component: 'frame-basic', quantity: 1 }]);
});

test('human output reads like the badge, then the planner detail', async () => {
  // Fri 4 Dec 10:48, 2 desks in stock: 3 h 12 min to the cut-off; ship Mon 7; DE Tue 8 - Wed 9.
  const { out, code } = await run(rules, '--ops', join(dir, 'desk.ops.yaml'), '-q', '2', '--to', 'de', '--at', '2026-12-04T09:48:00Z');
  assert.equal(code, 0);
  const lines = out.split('\n');
  assert.equal(lines[0], '2 × Desk: Basic frame, White top');
  assert.equal(lines[1], 'Arrives Tue 8 Dec – Wed 9 Dec; order within 3 h 12 min to ship Monday');
  assert.match(out, /Order day {8}Fri 4 Dec \(cut-off 14:00 Europe\/Berlin: 2026-12-04T13:00:00\.000Z\)/);
  assert.match(out, /assembly +Fri 4 Dec +120 min/);
});

test('bad input is reported, with exit code 1', async () => {
  const at = ['--at', '2026-12-01T10:00:00+01:00'];
  const noOffset = await run(rules, '--to', 'DE', '--at', '2026-12-01T10:00:00');
  assert.equal(noOffset.code, 1);
  assert.match(noOffset.err, /--at wants an ISO 8601 time with an offset/);
  const missingOps = await run(rules, '--ops', join(dir, 'nope.ops.yaml'), '--to', 'DE', ...at);
  assert.equal(missingOps.code, 1);
  assert.match(missingOps.err, /nope\.ops\.yaml: error: cannot read the ops file \(ENOENT\)/);
  const badOps = join(dir, 'bad.ops.yaml');
  writeFileSync(badOps, OPS.replace('cutoff: "14:00"', 'cutoff: 2pm'));
  const bad = await run(rules, '--ops', badOps, '--to', 'DE', ...at);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /bad\.ops\.yaml:6:11: error: plant\.cutoff: the cut-off is a time HH:MM/);
});

test('the ops file defaults to the one beside the rules file', () => {
  assert.equal(defaultOpsPath('rules/desk.yaml'), 'rules/desk.ops.yaml');
  assert.equal(defaultOpsPath('build/desk.json'), 'build/desk.ops.yaml');
  assert.equal(defaultOpsPath('desk'), 'desk.ops.yaml');
});
