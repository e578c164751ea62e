/** The editor's autocomplete context: where the cursor is, read from half-typed YAML. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldsAt, rulesJsonSchema, valuesAt } from '../../src/editor/schema-docs.js';
import { yamlContext } from '../../src/editor/yaml-context.js';

const at = (text: string) => yamlContext(text, text.length);

test('the cursor path is read from indentation and flow brackets', () => {
  assert.deepEqual(at('rules:\n  - when: { top: wal'), { path: ['rules', '#', 'when', 'top'], position: 'value', word: 'wal', from: 24 });
  assert.deepEqual(at('rules:\n  - id: x\n    table:\n      modules: [frame, top]\n      allow: [[basic, wh').path, ['rules', '#', 'table', 'allow', 0, 1]);
  assert.deepEqual(at('modules:\n  frame:\n    lab'), { path: ['modules', 'frame'], position: 'key', word: 'lab', from: 22 });
  assert.equal(at('rules:\n  - when: { frame: basic, to').position, 'key');
});

test('field names, descriptions and allowed values come from the JSON Schema', () => {
  const fields = fieldsAt(rulesJsonSchema, ['modules', 'frame']);
  assert.ok(fields.some((f) => f.name === 'label' && /shopper/.test(f.description)));
  assert.ok(fields.some((f) => f.name === 'pricePerStep'));
  assert.deepEqual(valuesAt(rulesJsonSchema, ['modules', 'frame', 'display']).sort(), ['auto', 'cards', 'select', 'swatches']);
});
