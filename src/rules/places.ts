/**
 * Words for places and values in a rules file. Messages say `option "pro" of
 * module "frame"` rather than `modules.frame.options.pro`, because the people
 * who write rules files think in modules and options, not in paths.
 */
import type { Path } from './problems.js';

/** `modules.frame.options.pro.price`, `rules[2].when.top` (list indices 0-based, as in JSON tools). */
export function formatPath(path: Path): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}

/** The value at `path` in plain data, or undefined when the path does not exist. */
export function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.hasOwn(node, step)) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/** `rule "basic-width"` when the rule has an id, else `rule #3` (1-based, as people count). */
export function ruleName(data: unknown, index: number): string {
  const id = valueAt(data, ['rules', index, 'id']);
  return typeof id === 'string' ? `rule "${id}"` : `rule #${index + 1}`;
}

/** `price "wide-walnut"` or `price #2`, for the entries of `prices`. */
export function priceName(data: unknown, index: number): string {
  const id = valueAt(data, ['prices', index, 'id']);
  return typeof id === 'string' ? `price "${id}"` : `price #${index + 1}`;
}

/**
 * Where `path` is, as a phrase that follows a noun: "in option "pro" of module
 * "frame"". Falls back to the path itself for places without a name.
 */
export function describePlace(path: Path, data: unknown): string {
  const [top, second, third, fourth, fifth] = path;
  const depth = path.length;
  if (depth === 0) return 'at the top of the file';
  if (depth === 1) return `in "${String(top)}"`;
  if (top === 'modules' && typeof second === 'string') {
    if (depth === 2) return `in module "${second}"`;
    if (third === 'options' && depth === 3) return `in the options of module "${second}"`;
    if (third === 'options' && depth === 4) return `in option "${String(fourth)}" of module "${second}"`;
  }
  if (top === 'rules' && typeof second === 'number') {
    const rule = ruleName(data, second);
    if (depth === 2) return `in ${rule}`;
    if (depth === 3) return third === 'table' ? `in the table of ${rule}` : `in "${String(third)}" of ${rule}`;
    if (depth === 4 && third !== 'table') return `in the condition on "${String(fourth)}" in "${String(third)}" of ${rule}`;
    if (depth === 5 && third === 'table' && typeof fifth === 'number') {
      return `in row ${fifth + 1} of "${String(fourth)}" in the table of ${rule}`;
    }
  }
  if (top === 'prices' && typeof second === 'number') {
    const price = priceName(data, second);
    if (depth === 2) return `in ${price}`;
    if (depth === 3) return `in "${String(third)}" of ${price}`;
    if (depth === 4 && third === 'when') return `in the condition on "${String(fourth)}" of ${price}`;
  }
  if (top === 'components' && typeof second === 'string') {
    if (depth === 2) return `in component "${second}"`;
    if (depth === 3) return `in "${String(third)}" of component "${second}"`;
  }
  return `in ${formatPath(path)}`;
}

/** What kind of id the keys of the mapping at `path` are: "module id", "option id", ... */
export function keyKind(path: Path): string {
  const last = path[path.length - 1];
  if (path.length === 1 && last === 'modules') return 'module id';
  if (path.length === 1 && last === 'components') return 'component id';
  if (last === 'options') return 'option id';
  if (last === 'when' || last === 'require' || last === 'exclude') return 'module id';
  if (last === 'minutes') return 'work centre id';
  return 'key';
}

/** A value as it appears in a message: `"abc"`, `12`, `nothing`, `a list`, `a mapping`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nothing (null)';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** "a", "a or b", "a, b or c". */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The name of a zod type in a problem message: "expected a number, got ...". */
export function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    null: 'null',
    object: 'a mapping',
    record: 'a mapping',
    array: 'a list',
    tuple: 'a list [min, max]',
  };
  return names[expected] ?? expected;
}
