/**
 * Checks plain data against the rules-file schema and rewrites zod's issues
 * as sentences ("missing required field "label" in module "frame""). zod/mini
 * ships no messages (they would cost the widget's size budget), so the words
 * live here, keyed by the issue code.
 */
import { globalRegistry } from 'zod/mini';
import type { z } from 'zod/mini';
import { describePlace, describeValue, formatPath, joinOr, keyKind, typeName, valueAt } from './places.js';
import { problemAt } from './problems.js';
import type { Path, Problem, SourceMap } from './problems.js';
import { conditionValueSchema, idPattern, moduleSchema, ruleSchema, rulesFileSchema } from './schema.js';
import type { RulesFile } from './schema.js';
import { closestName, didYouMean } from './suggest.js';

export interface Validation {
  /** The typed file, when the data fits the schema. */
  file?: RulesFile;
  /** One error per mistake, located. */
  problems: Problem[];
}

type Issue = z.core.$ZodIssue;

/**
 * The few parts of a zod schema needed here: its internal description (to
 * find the schema at a path, for "did you mean" over the allowed fields and
 * to spot unions) and safeParse (to check one union branch on its own).
 * zod's public API has no schema walker.
 */
interface SchemaNode {
  _zod: { def: SchemaDef };
  safeParse(data: unknown): { success: boolean; error?: { issues: Issue[] } };
}
interface SchemaDef {
  type: string;
  shape?: Record<string, SchemaNode>;
  valueType?: SchemaNode;
  element?: SchemaNode;
  innerType?: SchemaNode;
  options?: readonly SchemaNode[];
  values?: readonly unknown[];
  entries?: Record<string, unknown>;
}

const ID_RULE = 'use only letters, digits, "_", "-" and ".", starting with a letter or digit';

/**
 * Validates parsed data against the rules-file schema.
 *
 * @param data - plain data, as parsed from YAML or JSON
 * @param source - file name and locator used to place each problem
 * @returns the typed file when valid; otherwise every schema problem at once
 */
export function validateRules(data: unknown, source: SourceMap): Validation {
  if (data === null || data === undefined) {
    const message = 'the file is empty: a rules file needs at least "product" and "modules"';
    return { problems: [problemAt(source, 'error', [], message)] };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const message = `a rules file is a mapping with "product" and "modules" at the top, but this file holds ${describeValue(data)}`;
    return { problems: [problemAt(source, 'error', [], message)] };
  }
  const result = rulesFileSchema.safeParse(data);
  if (result.success) return { file: result.data, problems: [] };
  const context: Context = { data, source, problems: [] };
  explainIssues(context, result.error.issues, [], rulesFileSchema as unknown as SchemaNode);
  if (context.problems.length === 0) {
    // Never let invalid data through silently, even if a branch choice above was too generous.
    for (const issue of result.error.issues) {
      const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
      context.problems.push(problemAt(source, 'error', path, `${formatPath(path) || 'the file'}: this value is not valid here`));
    }
  }
  return { problems: context.problems };
}

interface Context {
  data: unknown;
  source: SourceMap;
  problems: Problem[];
}

/**
 * Explains the issues of validating the value at `base` against `schema`.
 *
 * Issues below a union are not trusted: when one branch fails "softly"
 * (only unknown fields) zod silently reports that branch alone, so a table
 * rule with a typo would come back as `unknown field "table"`. Each union on
 * an issue's path is therefore re-checked against the branch the value
 * itself asks for (`type: number`, a `table` key, a list ...).
 */
function explainIssues(context: Context, issues: readonly Issue[], base: Path, schema: SchemaNode, foreign?: ForeignFields): void {
  const unions = new Map<string, Path>();
  for (const issue of issues) {
    const relative = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
    // A bad record key is about the key, whatever the value's schema is.
    const depth = issue.code === 'invalid_key' ? undefined : unionDepth(schema, relative);
    if (depth === undefined) explain(context, issue, [...base, ...relative], schemaAt(schema, relative), relative.length === 0 ? foreign : undefined);
    else unions.set(JSON.stringify(relative.slice(0, depth)), relative.slice(0, depth));
  }
  for (const relative of unions.values()) {
    const union = unwrap(schemaAt(schema, relative));
    if (union) explainUnion(context, [...base, ...relative], union);
  }
}

/**
 * Fields of a union's other branches, found on a value checked against one
 * branch: "did you mean" would mislead there ("options" is not a typo of
 * "optional" in a numeric module), a sentence about the branch helps.
 */
interface ForeignFields {
  keys: readonly string[];
  note: string;
}

/** Validates the value at `path` against `schema` alone and explains what fails. */
function explainValue(context: Context, path: Path, schema: SchemaNode, foreign?: ForeignFields): void {
  const result = schema.safeParse(valueAt(context.data, path));
  if (!result.success && result.error) explainIssues(context, result.error.issues, path, schema, foreign);
}

/** Turns one issue (not below a union) into problems. */
function explain(context: Context, issue: Issue, path: Path, here: SchemaNode | undefined, foreign?: ForeignFields): void {
  const value = valueAt(context.data, path);
  const report = (at: Path, message: string, part: 'key' | 'value' = 'value'): void => {
    context.problems.push(problemAt(context.source, 'error', at, message, part));
  };
  const where = formatPath(path);

  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return report(path, missingField(path, context.data), 'key');
      return report(path, `${where}: expected ${typeName(issue.expected)}, got ${describeValue(value)}`);
    case 'invalid_value': {
      const allowed = joinOr(issue.values.map((v) => JSON.stringify(v)));
      if (value === undefined) return report(path, `${missingField(path, context.data)} (expected ${allowed})`, 'key');
      return report(path, `${where}: expected ${allowed}, got ${describeValue(value)}`);
    }
    case 'too_small':
      return report(path, `${where}: ${tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false, value)}`);
    case 'too_big':
      return report(path, `${where}: ${tooBig(issue.origin, Number(issue.maximum), issue.inclusive !== false, value)}`);
    case 'invalid_format':
      return report(path, `${where}: ${badFormat(issue, here, value)}`);
    case 'unrecognized_keys': {
      const known = Object.keys(unwrap(here)?._zod.def.shape ?? {});
      for (const key of issue.keys) {
        const hint = foreign?.keys.includes(key) ? `: ${foreign.note}` : didYouMean(key, known);
        report([...path, key], `unknown field "${key}" ${describePlace(path, context.data)}${hint}`, 'key');
      }
      return;
    }
    case 'invalid_key': {
      const parent = path.slice(0, -1);
      const kind = keyKind(parent);
      const place = kind === 'key' ? ` ${describePlace(parent, context.data)}` : '';
      return report(path, `${kind} "${String(path[path.length - 1])}"${place} is not a valid id: ${ID_RULE}`, 'key');
    }
    default:
      return report(path, `${where}: ${issue.message}`);
  }
}

/** Picks the branch of a union that the value at `path` was meant for, and checks it against that branch. */
function explainUnion(context: Context, path: Path, union: SchemaNode): void {
  const branches = union._zod.def.options ?? [];
  const value = valueAt(context.data, path);
  const where = formatPath(path);
  const report = (at: Path, message: string): void => {
    context.problems.push(problemAt(context.source, 'error', at, message));
  };
  const withField = (field: string): SchemaNode | undefined => branches.find((b) => unwrap(b)?._zod.def.shape?.[field] !== undefined);
  /** Checks the value against `branch`, explaining fields of the other branches with `note`. */
  const follow = (branch: SchemaNode | undefined, note?: string): void => {
    if (!branch) return;
    const own = Object.keys(unwrap(branch)?._zod.def.shape ?? {});
    const keys = branches.flatMap((b) => Object.keys(unwrap(b)?._zod.def.shape ?? {})).filter((k) => !own.includes(k));
    explainValue(context, path, branch, note === undefined ? undefined : { keys, note });
  };
  const isMapping = typeof value === 'object' && value !== null && !Array.isArray(value);

  if (union === (moduleSchema as unknown)) {
    if (!isMapping) return report(path, `${where}: expected a module (a mapping with a label and options), got ${describeValue(value)}`);
    const { type } = fields(value);
    const keys = Object.keys(fields(value));
    // A misspelt `type` with min/max still means a numeric module.
    const looksNumeric = type === undefined && !keys.includes('options') && (keys.includes('min') || keys.includes('max'));
    if (type === 'number' || looksNumeric) return follow(withField('min'), 'a numeric module (type: number) has min, max and step instead');
    if (type === undefined || type === 'choice') return follow(withField('options'), 'only numeric modules (type: number) have it');
    return report([...path, 'type'], `${where}.type: unknown module type ${describeValue(type)}; use "choice" (the default) or "number"`);
  }
  if (union === (ruleSchema as unknown)) {
    if (!isMapping) return report(path, `${where}: expected a rule (a mapping with when/require/exclude, or a table), got ${describeValue(value)}`);
    const keys = Object.keys(fields(value));
    const implication = keys.some((k) => k === 'when' || k === 'require' || k === 'exclude');
    // A misspelt `table` ("tabel") still means a table rule, unless the rule has when/require/exclude.
    const table = keys.includes('table') || (!implication && keys.some((k) => closestName(k, ['table']) !== undefined));
    if (table) return follow(withField('table'), 'a table rule has only id, message and table');
    return follow(withField('require'), 'only table rules have it');
  }
  // Other unions differ by the kind of value (text, number, list, mapping): take the branch of the value's kind.
  const branch = branches.find((b) => kindsOf(b).includes(kindOf(value)));
  if (branch) return follow(branch);
  if (union === (conditionValueSchema as unknown)) {
    return report(path, `${where}: expected an option id, a number, null (empty), a list of these or a range {min, max}, got ${describeValue(value)}`);
  }
  const expected = [...new Set(branches.flatMap(kindsOf))].map(typeName);
  report(path, `${where}: expected ${joinOr(expected)}, got ${describeValue(value)}`);
}

function fields(value: unknown): Record<string, unknown> {
  return value as Record<string, unknown>;
}

/** The JSON kind of a value, named as zod names the types that accept it. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The JSON kinds a schema accepts (unions flattened). */
function kindsOf(schema: SchemaNode): string[] {
  const def = unwrap(schema)?._zod.def;
  if (!def) return [];
  switch (def.type) {
    case 'union':
      return (def.options ?? []).flatMap(kindsOf);
    case 'record':
      return ['object'];
    case 'literal':
      return (def.values ?? []).map(kindOf);
    case 'enum':
      return Object.values(def.entries ?? {}).map(kindOf);
    default:
      return [def.type];
  }
}

function missingField(path: Path, data: unknown): string {
  return `missing required field "${String(path[path.length - 1])}" ${describePlace(path.slice(0, -1), data)}`;
}

function tooSmall(origin: string, minimum: number, inclusive: boolean, value: unknown): string {
  if (origin === 'string') return minimum <= 1 ? 'must not be empty' : `must be at least ${minimum} characters long`;
  if (origin === 'array') return `must list at least ${minimum} ${minimum === 1 ? 'entry' : 'entries'}`;
  return `must be ${inclusive ? 'at least' : 'greater than'} ${minimum}, got ${describeValue(value)}`;
}

function tooBig(origin: string, maximum: number, inclusive: boolean, value: unknown): string {
  if (origin === 'string') return `must be at most ${maximum} characters long`;
  if (origin === 'array') return `must list at most ${maximum} ${maximum === 1 ? 'entry' : 'entries'}`;
  return `must be ${inclusive ? 'at most' : 'less than'} ${maximum}, got ${describeValue(value)}`;
}

function badFormat(issue: Extract<Issue, { code: 'invalid_format' }>, schema: SchemaNode | undefined, value: unknown): string {
  if ('pattern' in issue && issue.pattern === String(idPattern)) return `${describeValue(value)} is not a valid id: ${ID_RULE}`;
  // Other formats explain themselves through the field's description (e.g. "ISO 4217 currency code, e.g. EUR.").
  const description = schema ? globalRegistry.get(schema as unknown as z.core.$ZodType)?.description : undefined;
  const expected = description ? `: ${description.replace(/\.$/, '')}` : '';
  return `${describeValue(value)} is not in the expected form${expected}`;
}

/** Skips the wrappers (optional, nullable, default) that do not change what a value must look like. */
function unwrap(schema: SchemaNode | undefined): SchemaNode | undefined {
  let node = schema;
  while (node && node._zod.def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(node._zod.def.type)) {
    node = node._zod.def.innerType;
  }
  return node;
}

/** The schema one step below `schema`; undefined across a union (the caller picks the branch). */
function child(schema: SchemaNode | undefined, step: string | number): SchemaNode | undefined {
  const def = unwrap(schema)?._zod.def;
  if (def?.type === 'object') return def.shape?.[String(step)];
  if (def?.type === 'record') return def.valueType;
  if (def?.type === 'array') return def.element;
  return undefined;
}

function schemaAt(schema: SchemaNode | undefined, path: Path): SchemaNode | undefined {
  let node = schema;
  for (const step of path) node = child(node, step);
  return node;
}

/** How many steps of `path` lead to the first union on it, if any. */
function unionDepth(schema: SchemaNode, path: Path): number | undefined {
  let node: SchemaNode | undefined = schema;
  for (let depth = 0; node; depth++) {
    if (unwrap(node)?._zod.def.type === 'union') return depth;
    if (depth === path.length) return undefined;
    node = child(node, path[depth]);
  }
  return undefined;
}
