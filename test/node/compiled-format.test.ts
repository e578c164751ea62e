/** A precompiled model is data entering the widget: a tampered one is refused, a good one taken. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { isCompiledModel } from '../../src/rules/compiled-format.js';
import { loadRules } from '../../src/rules/load.js';
import type { CompiledModel } from '../../src/rules/model.js';

test('a compiled model is accepted as it is, and every broken index or cell is refused', async () => {
  const { model } = loadRules(await readFile('rules/pc.yaml', 'utf8'), 'pc.yaml');
  assert.ok(model && isCompiledModel(structuredClone(model)));
  const table = model.constraints.findIndex((c) => c.kind === 'table');
  const broken = [
    (m: CompiledModel) => ((m.constraints[table] as { rows: unknown[][] }).rows[0][0] = 'x'),
    (m: CompiledModel) => ((m.constraints[table] as { rows: unknown[][] }).rows[0][0] = 999),
    (m: CompiledModel) => ((m.constraints[table] as { rows: unknown[][] }).rows[0][0] = [0, 1.5]),
    (m: CompiledModel) => ((m.constraints[table] as { rows: unknown[][] }).rows[0].push(0)),
    (m: CompiledModel) => ((m.constraints[table] as { modules: number[] }).modules[0] = 77),
    (m: CompiledModel) => (m.product.basePrice = 1.5),
  ];
  for (const [i, breakIt] of broken.entries()) {
    const copy: CompiledModel = structuredClone(model);
    breakIt(copy);
    assert.equal(isCompiledModel(copy), false, `tampering ${i}`);
  }
  // Through the loader, a refused model is not taken as a model.
  const tampered: CompiledModel = structuredClone(model);
  (tampered.constraints[table] as { rows: unknown[][] }).rows[0][0] = 999;
  assert.equal(loadRules(JSON.stringify(tampered), 'pc.model.json').model, undefined);
});
