/**
 * Field names and their descriptions, read from the JSON Schema generated
 * from the zod schemas: the editor documents exactly what the loader checks.
 */
import { z } from 'zod/mini';
import { checksFileSchema } from '../checks/schema.js';
import { rulesFileSchema } from '../rules/schema.js';
import type { Step } from './yaml-context.js';

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
}

export interface FieldDoc {
  name: string;
  description: string;
  /** Values the schema lists for the field (enums, literals, booleans). */
  values: string[];
}

export const rulesJsonSchema = z.toJSONSchema(rulesFileSchema, { unrepresentable: 'any' }) as JsonSchema;
export const checksJsonSchema = z.toJSONSchema(checksFileSchema, { unrepresentable: 'any' }) as JsonSchema;

/** The schema nodes a value at `path` may match (several where the schema has alternatives). */
export function schemasAt(root: JsonSchema, path: readonly Step[]): JsonSchema[] {
  let nodes = expand(root);
  for (const step of path) {
    const next: JsonSchema[] = [];
    for (const node of nodes) {
      if (typeof step === 'string' && step !== '#' && node.properties?.[step]) next.push(...expand(node.properties[step]));
      else if (typeof step === 'string' && step !== '#' && typeof node.additionalProperties === 'object') next.push(...expand(node.additionalProperties));
      else if ((typeof step === 'number' || step === '#') && node.items) next.push(...expand(node.items));
    }
    nodes = next;
  }
  return nodes;
}

/** The fields a mapping at `path` may have, with their descriptions, in schema order. */
export function fieldsAt(root: JsonSchema, path: readonly Step[]): FieldDoc[] {
  const out = new Map<string, FieldDoc>();
  for (const node of schemasAt(root, path))
    for (const [name, field] of Object.entries(node.properties ?? {})) if (!out.has(name)) out.set(name, doc(name, field));
  return [...out.values()];
}

/** The documentation of the field `name` of the mapping at `path`. */
export function fieldDoc(root: JsonSchema, path: readonly Step[], name: string): FieldDoc | undefined {
  return fieldsAt(root, path).find((f) => f.name === name);
}

/** Values the schema itself allows at `path` (enums, literals, booleans). */
export function valuesAt(root: JsonSchema, path: readonly Step[]): string[] {
  return [...new Set(schemasAt(root, path).flatMap((n) => doc('', n).values))];
}

function doc(name: string, node: JsonSchema): FieldDoc {
  const alternatives = expand(node);
  const description = alternatives.map((a) => a.description).find((d) => d) ?? '';
  const values = alternatives.flatMap((a) => [
    ...(a.enum ?? []).map(String),
    ...(a.const !== undefined ? [String(a.const)] : []),
    ...(a.type === 'boolean' ? ['true', 'false'] : []),
  ]);
  return { name, description, values };
}

function expand(node: JsonSchema): JsonSchema[] {
  return node.anyOf ? [node, ...node.anyOf.flatMap(expand)] : [node];
}
