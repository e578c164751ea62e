/** The product analyses on files built to trigger each finding. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseProduct } from '../../src/rules/lint.js';
import { loadRules } from '../../src/rules/load.js';

const header = 'product: { id: p, name: P, currency: EUR, basePrice: 10 }\n';
const analyse = (yaml: string) => {
  const { model, engine, problems } = loadRules(header + yaml, 'p.yaml');
  assert.ok(model && engine, JSON.stringify(problems));
  return analyseProduct(model, engine);
};
const kinds = (a: ReturnType<typeof analyse>, kind: string) => a.findings.filter((f) => f.kind === kind);

test('a dead option, a forced module and the exact count', () => {
  const a = analyse(`modules:
  size: { label: Size, options: { s: { label: S }, m: { label: M }, l: { label: L } } }
  motor: { label: Motor, options: { one: { label: One }, two: { label: Two } } }
rules:
  - id: no-two
    exclude: { motor: two }
  - id: l-needs-one
    when: { size: l }
    exclude: { motor: one }
  - id: useless
    when: { motor: two }
    require: { size: s }
`);
  assert.deepEqual(kinds(a, 'dead-option').map((f) => [f.module, f.value]), [['size', 'l'], ['motor', 'two']]);
  assert.deepEqual(kinds(a, 'forced-module').map((f) => [f.module, f.value]), [['motor', 'one']]);
  assert.deepEqual(kinds(a, 'rule-never-fires').map((f) => f.rule), ['useless']);
  assert.equal(a.configurations, '2');
});

test('a rule implied by the others, and one that is not', () => {
  const a = analyse(`modules:
  a: { label: A, options: { x: { label: X }, y: { label: Y } } }
  b: { label: B, options: { x: { label: X }, y: { label: Y } } }
rules:
  - id: same
    table: { modules: [a, b], allow: [[x, x], [y, y]] }
  - id: weaker
    when: { a: x }
    exclude: { b: y }
`);
  assert.deepEqual(kinds(a, 'rule-implied').map((f) => f.rule), ['weaker']);
  assert.equal(a.configurations, '2');
});

test('a table row no valid product can use is located', () => {
  const a = analyse(`modules:
  a: { label: A, options: { x: { label: X }, y: { label: Y } } }
  b: { label: B, options: { x: { label: X }, y: { label: Y } } }
rules:
  - id: no-ay
    exclude: { a: y }
  - id: pairs
    table: { modules: [a, b], allow: [[x, "*"], [y, x]] }
`);
  const rows = kinds(a, 'row-unusable');
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0].path, ['rules', 1, 'table', 'allow', 1]);
  assert.match(rows[0].message, /row 2 of table "pairs"/);
});

test('counts a product far too large to enumerate', () => {
  const mods = Array.from({ length: 40 }, (_, i) => `  m${i}: { label: M${i}, options: { a: { label: A }, b: { label: B }, c: { label: C } } }`).join('\n');
  const a = analyse(`modules:\n${mods}\nrules:\n  - when: { m0: a }\n    exclude: { m1: a }\n`);
  // 3^40 minus the 3^38 configurations with m0 = a and m1 = a.
  assert.equal(a.configurations, (3n ** 40n - 3n ** 38n).toString());
});

test('counts the car-scale product exactly: 10^12 configurations, as its construction says', async () => {
  const { generateCarScaleProduct } = await import('../bench/generate.js');
  const { compileRules } = await import('../../src/rules/compile.js');
  const { Solver } = await import('../../src/rules/solver.js');
  const product = generateCarScaleProduct(7);
  const count = new Solver(compileRules(product.file)).countSolutions(performance.now() + 120_000);
  assert.ok(count !== null, 'counted within the budget');
  assert.ok(Math.abs(Math.log10(Number(count)) - product.log10Configurations!) < 1e-9, `${count} vs 10^${product.log10Configurations}`);
});
