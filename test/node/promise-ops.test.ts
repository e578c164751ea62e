/**
 * Loading operations files: every mistake located by line and column in a
 * planner's words, the cross-checks against the rules file, the example
 * files, and the committed JSON Schema.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadOps } from '../../src/promise/load-ops.js';
import { opsJsonSchema } from '../../src/promise/ops-schema.js';
import { promiseDelivery } from '../../src/promise/promise.js';
import { loadRules } from '../../src/rules/load.js';
import { formatProblem } from '../../src/rules/problems.js';
import { fixture } from './promise-fixture.js';

const BAD = `plant:
  timeZone: Europe/Berlni
  workdays: [mon, tue, wednesday]
  holidays: [2026-12-24, 2026-02-30]
  qcDays: -1
components:
  frame-basic: { stock: 40, supplierDay: 3 }
  top-white: { stock: 2.5 }
workCentres:
  assembly: { minutesPerDay: 0, booked: { 2026-12-1: 30 } }
shipping:
  de: { transitDays: [1, 2] }
  FR: { transitDays: [4, 2] }
  NL: { transitDays: [2] }
`;

test('every mistake in an ops file is reported at once, located, in words', () => {
  const { ops, problems } = loadOps(BAD, 'bad.ops.yaml');
  assert.equal(ops, undefined);
  assert.deepEqual(problems.map(formatProblem), [
    'bad.ops.yaml:1:1: error: missing required field "cutoff" in "plant"',
    'bad.ops.yaml:2:13: error: plant.timeZone: an IANA time zone such as Europe/Berlin, got "Europe/Berlni"',
    'bad.ops.yaml:3:24: error: plant.workdays[2]: expected "mon", "tue", "wed", "thu", "fri", "sat" or "sun", got "wednesday"',
    'bad.ops.yaml:4:26: error: plant.holidays[1]: there is no such day in the calendar, got "2026-02-30"',
    'bad.ops.yaml:5:11: error: plant.qcDays: must be 0 or more, got -1',
    'bad.ops.yaml:7:29: error: unknown field "supplierDay" in component "frame-basic" (did you mean "supplierDays"?)',
    'bad.ops.yaml:8:23: error: components.top-white.stock: expected a whole number, got 2.5',
    'bad.ops.yaml:10:30: error: workCentres.assembly.minutesPerDay: must be at least 1, got 0',
    'bad.ops.yaml:10:43: error: "2026-12-1" in "booked" of work centre "assembly": a date is written YYYY-MM-DD, e.g. 2026-12-24',
    'bad.ops.yaml:12:3: error: "de" in "shipping": a shipping zone is an ISO 3166 country code in capitals (DE, FR) or "*" for every other country',
    'bad.ops.yaml:13:22: error: shipping.FR.transitDays: transitDays is [min, max] with min <= max, got [4, 2]',
    'bad.ops.yaml:14:22: error: shipping.NL.transitDays: transitDays is [min, max], two numbers',
  ]);
});

test('syntax errors and empty files', () => {
  assert.deepEqual(loadOps('', 'empty.ops.yaml').problems.map(formatProblem), [
    'empty.ops.yaml:1:1: error: an ops file is a mapping with "plant", "components", "workCentres" and "shipping" at the top, but this file holds nothing',
  ]);
  const syntax = loadOps('plant: [', 'syntax.ops.yaml');
  assert.equal(syntax.ops, undefined);
  assert.match(formatProblem(syntax.problems[0]), /^syntax\.ops\.yaml:1:9: error: YAML syntax/);
  assert.match(loadOps('plant: {}\nworkCenters: {}\n', 'typo.ops.yaml').problems.map(formatProblem).join('\n'), /2:1: error: unknown field "workCenters" at the top of the file \(did you mean "workCentres"\?\)/);
});

test('cross-checks against the rules file: missing work centres are errors, parts are warnings', () => {
  const CROSS = `product: chair
plant: { timeZone: Europe/Berlin, workdays: [mon], cutoff: "14:00", qcDays: 0 }
components:
  frame-basic: { stock: 1 }
  frame-pr0: { stock: 1 }
workCentres:
  assembly: { minutesPerDay: 480 }
shipping:
  DE: { transitDays: [1, 2] }
`;
  const loaded = loadOps(CROSS, 'cross.ops.yaml', fixture.model);
  assert.equal(loaded.ops, undefined); // the missing work centre is an error
  assert.deepEqual(loaded.problems.map(formatProblem), [
    'cross.ops.yaml:1:10: warning: this ops file is for product "chair", but the rules file is "desk"',
    'cross.ops.yaml:3:1: warning: component "frame-pro" is not listed: it is planned as bought to order in 8 workdays (the rules file\'s leadTimeDays)',
    'cross.ops.yaml:3:1: warning: component "top-white" is not listed: it is planned as bought to order in 3 workdays (the rules file\'s leadTimeDays)',
    'cross.ops.yaml:3:1: warning: component "top-walnut" is not listed: it is planned as bought to order in 35 workdays (the rules file\'s leadTimeDays)',
    'cross.ops.yaml:5:3: warning: component "frame-pr0" is not used by any option of "desk" (did you mean "frame-pro"?)',
    'cross.ops.yaml:6:1: error: work centre "finishing" (minutes of component "top-white" in the rules file) is missing; add it with its minutesPerDay',
    'cross.ops.yaml:8:1: warning: no "*" zone: orders to countries not listed are refused',
  ]);
  // Without the model the same file is valid on its own.
  assert.ok(loadOps(CROSS, 'cross.ops.yaml').ops);
});

test('the example ops files cover every part and work centre of their rules files', () => {
  for (const product of ['desk', 'pc', 'bicycle']) {
    const rules = loadRules(readFileSync(`rules/${product}.yaml`, 'utf8'), `rules/${product}.yaml`);
    assert.ok(rules.model && rules.engine);
    const loaded = loadOps(readFileSync(`rules/${product}.ops.yaml`, 'utf8'), `rules/${product}.ops.yaml`, rules.model);
    assert.deepEqual(loaded.problems.map(formatProblem), [], product);
    assert.ok(loaded.ops);
    // Every option's parts are listed, not only the ones the checks warn about.
    for (const mod of rules.model.modules) {
      for (const value of mod.values) for (const part of value.components) assert.ok(Object.hasOwn(loaded.ops.components, part), `${product}: ${part}`);
    }
    const configuration = rules.engine.complete({});
    assert.ok(configuration);
    const p = promiseDelivery({ model: rules.model, ops: loaded.ops, configuration, destination: { country: 'NL' }, orderTime: '2026-12-01T09:00:00Z' });
    assert.ok(p.delivery.earliest >= p.shipDate.earliest && p.delivery.latest >= p.delivery.earliest, product);
  }
});

test('rules/ops.schema.json is the schema generated from the zod schema', () => {
  const committed: unknown = JSON.parse(readFileSync('rules/ops.schema.json', 'utf8'));
  assert.deepEqual(committed, opsJsonSchema(), 'regenerate rules/ops.schema.json from opsJsonSchema()');
});
