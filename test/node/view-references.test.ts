/** The rules file's `view` section: validated by the schema, its module and option names checked, located. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadRulesSource } from '../../src/rules/load-source.js';
import { interpolate } from '../../src/preview/configure.js';

const BASE = `product: { id: desk, name: Desk, currency: EUR, basePrice: 1 }
modules:
  colour:
    label: Colour
    options:
      black: { label: Black }
      white: { label: White }
  width: { label: Width, type: number, min: 100, max: 200, step: 10 }
`;

test('the example products have valid views', () => {
  for (const name of ['desk', 'pc', 'bicycle']) {
    const loaded = loadRulesSource(readFileSync(`rules/${name}.yaml`, 'utf8'), `${name}.yaml`);
    assert.deepEqual(loaded.problems.filter((p) => p.severity !== 'error' && /view/.test(p.path.join('.'))), []);
    assert.ok(loaded.file?.view?.model.endsWith(`${name}.glb`));
  }
});

test('unknown modules and options in the view are located errors with suggestions', () => {
  const text = `${BASE}view:
  model: models/desk.glb
  modules:
    colur:
      options:
        black: { show: [a] }
    colour:
      options:
        blak: { variant: x }
        white: { materials: [{ color: "#fff" }] }
    width:
      options:
        wide: { show: [a] }
`;
  const { problems, file } = loadRulesSource(text, 'desk.yaml');
  assert.equal(file, undefined);
  const messages = problems.map((p) => `${p.line}: ${p.message}`);
  assert.ok(messages.some((m) => m.startsWith('12:') && m.includes('"colur"') && m.includes('did you mean "colour"')), messages.join('\n'));
  assert.ok(messages.some((m) => m.includes('no option "blak"') && m.includes('did you mean "black"')), messages.join('\n'));
  assert.ok(messages.some((m) => m.includes('needs `nodes` or `material`')), messages.join('\n'));
  assert.ok(messages.some((m) => m.includes('"width" is numeric')), messages.join('\n'));
});

test('numeric effects say what they drive', () => {
  const text = `${BASE}view:
  model: m.glb
  modules:
    width:
      number:
        - { nodes: [top], morph: wide }
        - { nodes: [top], axis: xyz, position: [[100, 0]] }
`;
  const messages = loadRulesSource(text, 'desk.yaml').problems.map((p) => p.message);
  assert.ok(messages.some((m) => m.includes('`morph` needs `weight`')), messages.join('\n'));
  assert.ok(messages.some((m) => m.includes('`position` needs one axis')), messages.join('\n'));
});

test('a value map interpolates between its points and clamps outside', () => {
  const map: Array<[number, number]> = [[200, 2], [100, 1]];
  assert.equal(interpolate(map, 150), 1.5);
  assert.equal(interpolate(map, 50), 1);
  assert.equal(interpolate(map, 300), 2);
});
