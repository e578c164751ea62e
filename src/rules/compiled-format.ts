/**
 * The shape of a precompiled model (`bto build` output), checked when one is
 * loaded: a model from the network is data entering the widget like any other.
 */
import { z } from 'zod/mini';
import type { CompiledModel } from './model.js';

const value = z.union([z.string(), z.number(), z.null()]);
const lit = z.tuple([z.number(), z.array(z.number())]);

const compiledModelSchema = z.object({
  format: z.literal('bto-model@1'),
  product: z.object({
    id: z.string(),
    name: z.string(),
    currency: z.string(),
    basePrice: z.number().check(z.int()),
    fractionDigits: z.number().check(z.int()),
  }),
  modules: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      kind: z.enum(['choice', 'number']),
      optional: z.boolean(),
      values: z.array(z.object({ id: value, label: z.string(), price: z.number().check(z.int()), components: z.array(z.string()) })),
      defaultIndex: z.number().check(z.int()),
      explicitDefault: z.boolean(),
    }),
  ),
  rules: z.array(z.object({ id: z.string(), message: z.optional(z.string()) })),
  constraints: z.array(
    z.union([
      z.object({ kind: z.literal('clause'), rule: z.number(), lits: z.array(lit) }),
      z.object({
        kind: z.literal('table'),
        rule: z.number(),
        modules: z.array(z.number()),
        // Cells are checked below with the domain bounds; a per-cell union here costs ~100 ms on a car-scale model.
        rows: z.array(z.array(z.unknown())),
      }),
    ]),
  ),
  surcharges: z.array(z.object({ label: z.string(), price: z.number(), when: z.array(lit) })),
  components: z.record(z.string(), z.unknown()),
});

/** True when `data` is a compiled model whose indices all point inside it. */
export function isCompiledModel(data: unknown): data is CompiledModel {
  if (!compiledModelSchema.safeParse(data).success) return false;
  const model = data as CompiledModel;
  const sizes = model.modules.map((m) => m.values.length);
  const isIndex = (x: unknown): x is number => Number.isInteger(x);
  const inDomain = (m: number, v: number) => m >= 0 && m < sizes.length && v >= -1 && v < sizes[m];
  return model.constraints.every((c) =>
    c.kind === 'clause'
      ? c.rule < model.rules.length && c.lits.every(([m, vs]) => vs.every((v) => inDomain(m, v)))
      : c.rule < model.rules.length && c.rows.every((row) => row.length === c.modules.length && row.every((v, j) => (Array.isArray(v) ? v.every((x) => isIndex(x) && x >= 0 && inDomain(c.modules[j], x)) : isIndex(v) && inDomain(c.modules[j], v)))),
  );
}

/**
 * The compiled model in a text, when the text is one (`bto build` output);
 * null for anything else, which then goes to the rules loader.
 */
export function compiledModelFromText(text: string): CompiledModel | null {
  // Cheap test first: a YAML or JSON rules file never names the model format.
  if (!text.trimStart().startsWith('{') || !text.includes('"bto-model@1"')) return null;
  try {
    const data: unknown = JSON.parse(text);
    return isCompiledModel(data) ? data : null;
  } catch {
    return null; // not JSON after all: the loader reports it with a position
  }
}
