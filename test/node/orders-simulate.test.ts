/** The learning step on a simulated season of the example desk (in memory). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { applyLearning, proposeLeadTimes } from '../../src/orders/learning.js';
import { simulateSeason } from '../../src/orders/simulate.js';
import { loadOps } from '../../src/promise/load-ops.js';
import { loadRules } from '../../src/rules/load.js';

const rules = loadRules(readFileSync('rules/desk.yaml', 'utf8'), 'rules/desk.yaml');
const ops = loadOps(readFileSync('rules/desk.ops.yaml', 'utf8'), 'rules/desk.ops.yaml', rules.model).ops!;

test('learning lifts on-time delivery to 95 % or more on a season with late suppliers, and is deterministic per seed', () => {
  const options = { model: rules.model!, engine: rules.engine!, ops, orders: 300, seed: 3 };
  const result = simulateSeason(options);
  const { declared, learned } = result;
  assert.equal(declared.stats.orders, learned.stats.orders, 'both runs measure the same orders');
  assert.ok(declared.stats.onTimeRate! < 0.9, `declared: ${declared.stats.onTimeRate}`);
  assert.ok(learned.stats.onTimeRate! >= 0.95, `learned: ${learned.stats.onTimeRate}`);
  // Not by padding everything: padded suppliers got shorter lead times.
  assert.ok(learned.proposals.some((p) => p.kind === 'component' && p.proposed.supplierDays < p.current.supplierDays));
  assert.ok(learned.stats.promisedLeadDays.median! - declared.stats.promisedLeadDays.median! <= 5);
  assert.deepEqual(simulateSeason(options), result);
});

test('proposals need enough samples and leave the given ops untouched', () => {
  const facts = Array.from({ length: 6 }, (_, i) => ({
    orderId: `o${i}`,
    product: 'desk',
    createdAt: '2027-02-01T09:00:00Z',
    configuration: {},
    zone: 'DE',
    country: 'DE',
    promise: { timeZone: 'Europe/Berlin', orderDay: '2027-02-01', materialsReady: { earliest: '2027-02-01', latest: '2027-02-01' }, shipDate: { earliest: '2027-02-02', latest: '2027-02-02' }, delivery: { earliest: '2027-02-03', latest: '2027-02-04' } },
    parts: [{ component: 'top-walnut', label: 'Walnut', fromStock: false, supplierDays: 6, spreadDays: 2, actualDays: 8 + (i % 3) }],
    transitDeclared: [1, 2] as [number, number],
    transitActual: 1,
    promisedLeadDays: 3,
    atRisk: false,
  }));
  const proposals = proposeLeadTimes(facts);
  assert.deepEqual(proposals.map((p) => [p.kind, p.id, p.proposed]), [
    ['component', 'top-walnut', { supplierDays: 9, spreadDays: 1 }],
    ['zone', 'DE', [1, 1]],
  ]);
  assert.deepEqual(proposeLeadTimes(facts.slice(0, 4)), []);
  const before = structuredClone(ops);
  const next = applyLearning(ops, proposals);
  assert.deepEqual(ops, before);
  assert.deepEqual(next.components['top-walnut'], { ...ops.components['top-walnut'], supplierDays: 9, spreadDays: 1 });
});
