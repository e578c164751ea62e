/** The `bto` CLI, run as a product manager or a script would run it. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bto = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await run('node', ['bin/bto.js', ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};
const desk = 'test/fixtures/desk-issue.yaml';

test('check: a clean file passes, a broken one fails with file:line:col messages', async () => {
  const ok = await bto('check', desk);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /0 errors, 0 warnings/);
  const bad = await bto('check', 'test/fixtures/broken.yaml');
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /^test\/fixtures\/broken\.yaml:7:40: error: .*price.*number/m);
});

test('check: warnings pass unless --strict', async () => {
  const soft = await bto('check', 'test/fixtures/dead.yaml');
  assert.equal(soft.code, 0);
  assert.match(soft.stdout, /dead\.yaml:12:7: warning: option "glass" of module "top" can never be chosen.*no-glass/);
  const strict = await bto('check', '--strict', 'test/fixtures/dead.yaml');
  assert.equal(strict.code, 1);
});

test('check: no valid configuration and defaults that break a rule are located errors', async () => {
  const none = await bto('check', 'test/fixtures/impossible.yaml');
  assert.equal(none.code, 1);
  assert.match(none.stdout, /impossible\.yaml:9:5: error: the product has no valid configuration at all: rules "needs-basic", "needs-pro"/);
  const defaults = await bto('check', 'test/fixtures/bad-defaults.yaml');
  assert.equal(defaults.code, 1);
  assert.match(defaults.stdout, /bad-defaults\.yaml:\d+:\d+: error: the defaults break a rule: frame = basic .* top = walnut .*walnut-pro/);
});

test('evaluate --json: availability with reasons, ranges and the price in minor units', async () => {
  const { code, stdout } = await bto('evaluate', desk, '--select', 'frame=basic', '--select', 'width=150', '--json');
  assert.equal(code, 0);
  const ev = JSON.parse(stdout);
  assert.equal(ev.valid, true);
  assert.equal(ev.complete, true);
  assert.equal(ev.modules.frame.selected, 'basic');
  assert.equal(ev.modules.top.options.walnut.available, false);
  assert.deepEqual(ev.modules.top.options.walnut.because.selections.map((s: { module: string }) => s.module), ['frame']);
  assert.deepEqual(ev.modules.width.range, { min: 100, max: 160 });
  assert.equal(ev.modules.width.options['170'].available, false);
  assert.equal(ev.modules.width.options['170'].because.text, 'The single-motor frame lifts tops up to 160 cm.');
  assert.equal(ev.price.currency, 'EUR');
  assert.equal(ev.price.amount, 39900);
});

test('evaluate: an unknown module or value is a clear error', async () => {
  const r = await bto('evaluate', desk, '--select', 'colour=red');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /unknown module "colour"/);
  const v = await bto('evaluate', desk, '--select', 'top=teak');
  assert.match(v.stderr, /module "top" has no value "teak"/);
});

test('resolve --json: walnut with a basic frame switches the frame, keeping the width', async () => {
  const { code, stdout } = await bto('resolve', desk, '-s', 'frame=basic', '-s', 'width=150', '--want', 'top=walnut', '--json');
  assert.equal(code, 0);
  const r = JSON.parse(stdout);
  assert.deepEqual(r.selection, { width: 150, top: 'walnut' });
  assert.equal(r.configuration.frame, 'pro');
  assert.deepEqual(r.changes[0], { module: 'frame', from: 'basic', to: 'pro', wasSelected: true });
  assert.equal(r.price.amount, 39900 + 18000 + 29000);
});

test('schema prints the JSON Schema; build writes a model that evaluate loads', async () => {
  const schema = JSON.parse((await bto('schema')).stdout);
  assert.equal(schema.type, 'object');
  assert.ok(schema.properties.modules && schema.properties.rules);
  const dir = await mkdtemp(join(tmpdir(), 'bto-'));
  const out = join(dir, 'desk.model.json');
  assert.equal((await bto('build', desk, '-o', out)).code, 0);
  const model = JSON.parse(await readFile(out, 'utf8'));
  assert.equal(model.format, 'bto-model@1');
  assert.ok(model.witnesses.length > 0, 'ships the witnesses of the first evaluation');
  const ev = JSON.parse((await bto('evaluate', out, '-s', 'top=walnut', '--json')).stdout);
  assert.equal(ev.modules.frame.options.basic.available, false);
  assert.equal(ev.modules.frame.forced, 'pro');
});
