/**
 * Compiles a validated rules file into the engine's model: every module
 * becomes a finite domain, every rule a set of clauses or a table.
 *
 * Expects a file that passed `loadRulesSource` without errors (references
 * resolved, numbers on their grids); it does not re-check them.
 */
import { fractionDigits, toMinorUnits } from './money.js';
import type {
  ClauseConstraint,
  CompiledModel,
  CompiledModule,
  CompiledValue,
  Constraint,
  RuleSource,
  Surcharge,
  Value,
} from './model.js';
import type { Condition, ConditionValue, RulesFile } from './schema.js';

type Locate = (path: Array<string | number>) => { line: number; column: number };

export function compileRules(file: RulesFile, locate?: Locate): CompiledModel {
  const digits = fractionDigits(file.product.currency) ?? 2;
  const money = (x: number | undefined): number => (x === undefined ? 0 : toMinorUnits(x, digits));
  const modules: CompiledModule[] = Object.entries(file.modules).map(([id, spec]) => {
    const values: CompiledValue[] = [];
    let defaultIndex = 0;
    let explicitDefault = false;
    if (spec.type === 'number') {
      const step = spec.step ?? 1;
      const count = Math.round((spec.max - spec.min) / step) + 1;
      const from = spec.priceFrom ?? spec.min;
      const perStep = money(spec.pricePerStep);
      for (let i = 0; i < count; i++) {
        const v = roundGrid(spec.min + i * step);
        const steps = Math.max(0, Math.round((v - from) / step));
        values.push({ id: v, label: `${v}${spec.unit ? ` ${spec.unit}` : ''}`, price: perStep * steps, components: [] });
      }
      if (spec.default !== undefined) {
        defaultIndex = Math.round((spec.default - spec.min) / step);
        explicitDefault = true;
      } else if (spec.optional) defaultIndex = count;
    } else {
      const entries = Object.entries(spec.options);
      entries.forEach(([oid, o], i) => {
        values.push({
          id: oid,
          label: o.label,
          price: money(o.price),
          components: o.components ?? [],
          ...(o.description !== undefined && { description: o.description }),
          ...(o.swatch !== undefined && { swatch: o.swatch }),
          ...(o.image !== undefined && { image: o.image }),
        });
        if (o.default || spec.default === oid) {
          defaultIndex = i;
          explicitDefault = true;
        }
      });
      if (!explicitDefault && spec.optional) defaultIndex = entries.length;
    }
    if (spec.optional) values.push({ id: null, label: 'None', price: 0, components: [] });
    const m: CompiledModule = {
      id,
      label: spec.label,
      kind: spec.type === 'number' ? 'number' : 'choice',
      optional: spec.optional ?? false,
      values,
      defaultIndex,
      explicitDefault,
    };
    if (spec.description !== undefined) m.description = spec.description;
    if (spec.type === 'number') {
      m.min = spec.min;
      m.max = spec.max;
      m.step = spec.step ?? 1;
      if (spec.unit !== undefined) m.unit = spec.unit;
    } else if (spec.display !== undefined) m.display = spec.display;
    return m;
  });

  const index = new Map(modules.map((m, i) => [m.id, i]));
  const valuesOf = (mi: number, cv: ConditionValue | string): number[] => conditionValues(modules[mi], cv);

  const rules: RuleSource[] = [];
  const constraints: Constraint[] = [];
  (file.rules ?? []).forEach((rule, r) => {
    const src: RuleSource = { id: rule.id ?? `rule-${r + 1}` };
    if (rule.message !== undefined) src.message = rule.message;
    if (locate) Object.assign(src, locate(['rules', r]));
    rules.push(src);
    if ('table' in rule) {
      const mods = rule.table.modules.map((id) => index.get(id)!);
      // Set cells stay sets: multiplying them out can grow a table tenfold.
      const toRow = (row: unknown[]): Array<number | number[]> =>
        row.map((cell, j) => {
          const m = modules[mods[j]];
          if (cell === '*') return -1;
          const vs = [...new Set(cellValues(m, cell))].sort((a, b) => a - b);
          return vs.length === m.values.length ? -1 : vs.length === 1 ? vs[0] : vs;
        });
      if (rule.table.allow) {
        const rows = rule.table.allow.map(toRow);
        const keep = rows.map((_, i) => i).filter((i) => rows[i].every((c) => !Array.isArray(c) || c.length > 0));
        constraints.push({ kind: 'table', rule: r, modules: mods, rows: keep.map((i) => rows[i]), source: keep });
      } else {
        for (const row of rule.table.forbid ?? []) {
          // A forbidden tuple: at least one column must differ from it.
          const lits: Array<[number, number[]]> = [];
          row.forEach((cell, j) => {
            if (cell === '*') return;
            const m = modules[mods[j]];
            lits.push([mods[j], complement(m, cellValues(m, cell))]);
          });
          constraints.push(clause(r, lits));
        }
      }
      return;
    }
    // when -> each require holds, and each exclude holds.
    const guard: Array<[number, number[]]> = Object.entries(rule.when ?? {}).map(([id, cv]) => {
      const mi = index.get(id)!;
      return [mi, complement(modules[mi], valuesOf(mi, cv))];
    });
    if (rule.when) src.when = conditionLits(rule.when, index, modules);
    for (const [id, cv] of Object.entries(rule.require ?? {})) {
      const mi = index.get(id)!;
      constraints.push(clause(r, [...guard, [mi, valuesOf(mi, cv)]]));
    }
    for (const [id, cv] of Object.entries(rule.exclude ?? {})) {
      const mi = index.get(id)!;
      constraints.push(clause(r, [...guard, [mi, complement(modules[mi], valuesOf(mi, cv))]]));
    }
  });

  const surcharges: Surcharge[] = (file.prices ?? []).map((p) => ({
    label: p.label,
    price: money(p.price),
    when: conditionLits(p.when, index, modules),
  }));

  const product: CompiledModel['product'] = {
    id: file.product.id,
    name: file.product.name,
    currency: file.product.currency,
    basePrice: money(file.product.basePrice),
    fractionDigits: digits,
  };
  if (file.product.description !== undefined) product.description = file.product.description;
  if (file.product.image !== undefined) product.image = file.product.image;
  const model: CompiledModel = {
    format: 'bto-model@1',
    product,
    modules,
    rules,
    constraints,
    surcharges,
    components: file.components ?? {},
  };
  if (file.view !== undefined) model.view = file.view;
  return model;
}

function conditionLits(
  cond: Condition,
  index: Map<string, number>,
  modules: CompiledModule[],
): Array<[number, number[]]> {
  return Object.entries(cond).map(([id, cv]) => {
    const mi = index.get(id)!;
    return [mi, conditionValues(modules[mi], cv)];
  });
}

/** Merges literals on the same module (a disjunction of two sets is their union) and drops empty ones. */
function clause(rule: number, lits: Array<[number, number[]]>): ClauseConstraint {
  const merged = new Map<number, Set<number>>();
  for (const [m, vs] of lits) {
    const set = merged.get(m) ?? new Set<number>();
    vs.forEach((v) => set.add(v));
    merged.set(m, set);
  }
  return {
    kind: 'clause',
    rule,
    lits: [...merged].filter(([, s]) => s.size > 0).map(([m, s]) => [m, [...s].sort((a, b) => a - b)]),
  };
}

function roundGrid(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** Index of a value in a module's domain, or -1. */
export function valueIndex(m: CompiledModule, v: Value): number {
  if (v === null) return m.optional ? m.values.length - 1 : -1;
  if (m.kind === 'number') {
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) return -1;
    const i = Math.round((n - m.min!) / m.step!);
    return i >= 0 && i < m.values.length - (m.optional ? 1 : 0) && Math.abs((m.values[i].id as number) - n) < 1e-6 ? i : -1;
  }
  return m.values.findIndex((x) => x.id === v);
}

function cellValues(m: CompiledModule, cell: unknown): number[] {
  const list = Array.isArray(cell) ? cell : [cell];
  return list.map((c) => valueIndex(m, c as Value)).filter((i) => i >= 0);
}

function conditionValues(m: CompiledModule, cv: ConditionValue | string): number[] {
  if (cv !== null && typeof cv === 'object' && !Array.isArray(cv)) {
    const lo = cv.min ?? -Infinity;
    const hi = cv.max ?? Infinity;
    const out: number[] = [];
    m.values.forEach((x, i) => {
      if (typeof x.id === 'number' && x.id >= lo - 1e-9 && x.id <= hi + 1e-9) out.push(i);
    });
    return out;
  }
  return cellValues(m, cv);
}

function complement(m: CompiledModule, values: number[]): number[] {
  const s = new Set(values);
  const out: number[] = [];
  for (let i = 0; i < m.values.length; i++) if (!s.has(i)) out.push(i);
  return out;
}
