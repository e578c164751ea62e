/** "Try it" checks: the examples' checks pass, a broken promise fails with a diff, schema errors are located. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Command } from 'commander';
import { loadChecks } from '../../src/checks/load.js';
import { runChecks } from '../../src/checks/run.js';
import { defaultChecksPath, registerTestCommand, testCommand } from '../../src/cli/test-command.js';
import { loadRules } from '../../src/rules/load.js';

const run = async (rules: string, checks: string): Promise<{ code: number; out: string }> => {
  const lines: string[] = [];
  const code = await testCommand(rules, checks, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
};

for (const product of ['desk', 'pc', 'bicycle']) {
  test(`bto test passes on the ${product} example's checks`, async () => {
    const { code, out } = await run(`rules/${product}.yaml`, defaultChecksPath(`rules/${product}.yaml`));
    assert.equal(code, 0, out);
    assert.match(out, /^✓ /m);
    assert.doesNotMatch(out, /✗/);
    assert.match(out, / 0 failed /);
  });
}

test('bto test fails with expected vs actual for each broken expectation', async () => {
  const { code, out } = await run('rules/desk.yaml', 'test/fixtures/desk-wrong.checks.yaml');
  assert.equal(code, 1);
  assert.match(out, /^✗ Walnut still allows the single motor {2}\(test\/fixtures\/desk-wrong\.checks\.yaml:3\)$/m);
  // The availability diff carries the engine's reason, in the rules file's own words.
  assert.match(out, /available frame\n {6}expected: basic available\n {6}actual: {3}basic unavailable \(Walnut tops are heavy; they need the dual-motor frame\.\)/);
  assert.match(out, /price\n {6}expected: 900\.00\n {6}actual: {3}929\.00/);
  assert.match(out, /^✓ The default desk is valid$/m);
  assert.match(out, /1 passed, 1 failed/);
});

test('bto test is registered as a command and sets the exit code', async () => {
  const program = new Command().exitOverride();
  registerTestCommand(program);
  const log = console.log;
  const printed: string[] = [];
  console.log = (line: string) => void printed.push(line);
  try {
    await program.parseAsync(['node', 'bto', 'test', 'rules/desk.yaml', '--checks', 'test/fixtures/desk-wrong.checks.yaml']);
  } finally {
    console.log = log;
  }
  assert.equal(process.exitCode, 1);
  process.exitCode = 0;
  assert.ok(printed.some((l) => l.startsWith('✗ Walnut')));
});

test('checks schema errors are located at line and column', () => {
  const text = `checks:\n  - name: A typo in a field\n    selection: { top: oak }\n    unavailabel: { frame: basic }\n  - selection: { top: walnut }\n    price: cheap\n`;
  const { file, problems } = loadChecks(text, 'x.checks.yaml');
  assert.equal(file, undefined);
  const at = problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  assert.ok(at.some((s) => /^4:5 unknown field "unavailabel"/.test(s)), at.join('\n'));
  assert.ok(at.some((s) => /^5:5 missing required field "name"/.test(s)), at.join('\n'));
  assert.ok(at.some((s) => /^6:12 checks\[1\]\.price must be a number, not /.test(s)), at.join('\n'));
});

test('a checks file with errors stops bto test with located messages', async () => {
  const { code, out } = await run('rules/desk.yaml', 'test/fixtures/bad-schema.checks.yaml');
  assert.equal(code, 1);
  assert.match(out, /^test\/fixtures\/bad-schema\.checks\.yaml:4:5: error: unknown field "unavailabel"/m);
});

test('a check naming an unknown module or value fails with the names that exist', () => {
  const { engine } = loadRules(readFileSync('rules/desk.yaml', 'utf8'), 'desk.yaml');
  const checks = loadChecks('checks:\n  - name: typo\n    selection: { tops: oak }\n  - name: value\n    forced: { frame: turbo }\n', 'c.yaml');
  const [a, b] = runChecks(engine!, checks.file!);
  assert.equal(a.passed, false);
  assert.match(a.error!, /no module "tops" \(modules: frame, /);
  assert.match(b.error!, /module "frame" has no value turbo \(values: basic, pro\)/);
});
