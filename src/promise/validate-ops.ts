/**
 * Checks plain data against the ops-file schema and says what is wrong in a
 * planner's words, located like every other problem. The schema's checks
 * carry their own sentences (zod/mini ships none); this file words the
 * structural ones: missing and unknown fields, wrong types, bad keys.
 */
import type { z } from 'zod/mini';
import { describeValue, formatPath, joinOr, typeName, valueAt } from '../rules/places.js';
import { type Path, type Problem, type SourceMap, problemAt } from '../rules/problems.js';
import { didYouMean } from '../rules/suggest.js';
import { type OpsFile, opsFileSchema } from './ops-schema.js';

type Issue = z.core.$ZodIssue;

/** The few parts of zod's internal schema description needed to list the fields allowed at a path. */
interface SchemaNode {
  _zod: { def: { type: string; shape?: Record<string, SchemaNode>; valueType?: SchemaNode; element?: SchemaNode; innerType?: SchemaNode } };
}

export interface OpsValidation {
  ops?: OpsFile;
  problems: Problem[];
}

/** Validates parsed data against the ops schema; every problem at once. */
export function validateOps(data: unknown, source: SourceMap): OpsValidation {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const message = `an ops file is a mapping with "plant", "components", "workCentres" and "shipping" at the top, but this file holds ${describeValue(data ?? undefined)}`;
    return { problems: [problemAt(source, 'error', [], message)] };
  }
  const result = opsFileSchema.safeParse(data);
  if (result.success) return { ops: result.data, problems: [] };
  const problems = result.error.issues.flatMap((issue) => explain(issue, data, source));
  return { problems };
}

function explain(issue: Issue, data: unknown, source: SourceMap): Problem[] {
  const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
  const value = valueAt(data, path);
  const where = formatPath(path);
  const at = (p: Path, message: string, part: 'key' | 'value' = 'value'): Problem => problemAt(source, 'error', p, message, part);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return [at(path, `missing required field "${String(path[path.length - 1])}" ${describePlace(path.slice(0, -1))}`, 'key')];
      return [at(path, `${where}: expected ${typeName(issue.expected)}, got ${describeValue(value)}`)];
    case 'invalid_value':
      return [at(path, `${where}: expected ${joinOr(issue.values.map((v) => JSON.stringify(v)))}, got ${describeValue(value)}`)];
    case 'unrecognized_keys': {
      const known = Object.keys(schemaAt(path)?._zod.def.shape ?? {});
      return issue.keys.map((key) => at([...path, key], `unknown field "${key}" ${describePlace(path)}${didYouMean(key, known)}`, 'key'));
    }
    case 'invalid_key': {
      const reason = issue.issues.map((inner) => inner.message).find((m) => m && m !== 'Invalid input') ?? 'not a valid key here';
      return [at(path, `"${String(path[path.length - 1])}" ${describePlace(path.slice(0, -1))}: ${reason}`, 'key')];
    }
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'array' && path[path.length - 1] === 'transitDays') return [at(path, `${where}: transitDays is [min, max], two numbers`)];
      return [at(path, `${where}: ${ownMessage(issue) ?? (issue.code === 'too_small' ? `must be at least ${String(issue.minimum)}` : `must be at most ${String(issue.maximum)}`)}, got ${describeValue(value)}`)];
    default:
      return [at(path, `${where}: ${ownMessage(issue) ?? 'this value is not valid here'}, got ${shown(value)}`)];
  }
}

/** A value in a message; short lists of numbers are shown as written ([4, 2]). */
function shown(value: unknown): string {
  if (Array.isArray(value) && value.length <= 4 && value.every((v) => typeof v === 'number')) return `[${value.join(', ')}]`;
  return describeValue(value);
}

/** The sentence a check in the schema carries, when it has one. */
function ownMessage(issue: Issue): string | undefined {
  return issue.message && issue.message !== 'Invalid input' ? issue.message : undefined;
}

/** "in work centre "assembly"", "in "plant"", "at the top of the file". */
export function describePlace(path: Path): string {
  const [top, second, third] = path;
  if (path.length === 0) return 'at the top of the file';
  if (path.length === 1) return `in "${String(top)}"`;
  const kinds: Record<string, string> = { components: 'component', workCentres: 'work centre', shipping: 'shipping zone' };
  const kind = kinds[String(top)];
  if (kind && path.length === 2) return `in ${kind} "${String(second)}"`;
  if (kind && path.length === 3) return `in "${String(third)}" of ${kind} "${String(second)}"`;
  return `in ${formatPath(path)}`;
}

/** The object schema at `path` (records and lists stepped through), for the names of allowed fields. */
function schemaAt(path: Path): SchemaNode | undefined {
  let node: SchemaNode | undefined = unwrap(opsFileSchema as unknown as SchemaNode);
  for (const step of path) {
    const def = node?._zod.def;
    node = unwrap(def?.type === 'object' ? def.shape?.[String(step)] : def?.type === 'record' ? def.valueType : def?.element);
  }
  return node;
}

function unwrap(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  while (current?._zod.def.type === 'optional' && current._zod.def.innerType) current = current._zod.def.innerType;
  return current;
}
