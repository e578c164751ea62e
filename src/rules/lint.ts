/**
 * Analyses a person cannot do by hand: options no product can contain,
 * modules whose value is always forced, rules that never fire or that other
 * rules already imply, table rows no valid product can use, defaults that
 * are unavailable, and the exact number of valid configurations.
 */
import type { Engine } from './engine.js';
import type { Finding, ProductAnalysis } from './lint-types.js';
import type { CompiledModel } from './model.js';
import { Solver } from './solver.js';

export interface AnalysisOptions {
  /** Stop counting configurations after this many ms (the count is then reported as unknown). Default 10,000. */
  countBudgetMs?: number;
  /** Searches spent on table rows before the rest are left unchecked. Default 5,000. */
  rowBudget?: number;
}

export function analyseProduct(model: CompiledModel, engine: Engine, opts: AnalysisOptions = {}): ProductAnalysis {
  const started = performance.now();
  const findings: Finding[] = [];
  const solver = new Solver(model);
  const mods = model.modules;
  const base = engine.evaluate({});
  const all = new Uint8Array(model.rules.length).fill(1);
  const mask = (m: number, vs: number[]) => solver.mask(m, vs);

  mods.forEach((mod) => {
    const st = base.modules[mod.id];
    const open = mod.values.filter((v) => st.options[String(v.id)].available);
    for (const v of mod.values)
      if (!st.options[String(v.id)].available && v.id !== null)
        findings.push({
          kind: 'dead-option',
          message: `${mod.label}: ${v.label} can never be chosen in a valid product`,
          path: mod.kind === 'choice' ? ['modules', mod.id, 'options', String(v.id)] : ['modules', mod.id],
          module: mod.id,
          value: v.id,
        });
    if (mod.values.length > 1 && open.length === 1)
      findings.push({
        kind: 'forced-module',
        message: `${mod.label} is always ${open[0].label}: the rules leave no other choice`,
        path: ['modules', mod.id],
        module: mod.id,
        value: open[0].id,
      });
    if (mod.explicitDefault && !st.options[String(mod.values[mod.defaultIndex].id)].available)
      findings.push({
        kind: 'default-unavailable',
        message: `the default of ${mod.label} (${mod.values[mod.defaultIndex].label}) can never be chosen`,
        path: ['modules', mod.id],
        module: mod.id,
        value: mod.values[mod.defaultIndex].id,
      });
  });

  // Rules: never firing (its condition cannot hold under the other rules)
  // and implied (no configuration of the other rules violates it).
  model.rules.forEach((rule, r) => {
    const others = all.slice();
    others[r] = 0;
    const own = model.constraints.filter((c) => c.rule === r);
    const clauses = own.filter((c) => c.kind === 'clause');
    const tables = own.filter((c) => c.kind === 'table');
    const where = ['rules', r];
    if (rule.when?.length) {
      const assume = rule.when.map(([m, vs]) => [m, mask(m, vs)] as [number, Uint32Array]);
      if (!solver.solve({ assume, enabled: others }))
        findings.push({ kind: 'rule-never-fires', message: `rule "${rule.id}" never applies: no valid product meets its "when"`, path: where, rule: rule.id });
    }
    const violable = [
      ...clauses.map((c) => solver.solve({ assume: c.lits.map(([m, vs]) => [m, mask(m, complement(mods[m].values.length, vs))] as [number, Uint32Array]), enabled: others }) !== null),
      ...tables.map((t) => tableViolable(solver, t.modules, t.rows, others, mods.map((m) => m.values.length))),
    ];
    if (own.length && violable.every((v) => v === false))
      findings.push({ kind: 'rule-implied', message: `rule "${rule.id}" is implied by the other rules: removing it changes nothing`, path: where, rule: rule.id });
  });

  // Table rows no complete valid configuration can use.
  let budget = opts.rowBudget ?? 5000;
  for (const t of model.constraints) {
    if (t.kind !== 'table') continue;
    t.rows.forEach((row, i) => {
      if (budget <= 0) return;
      const assume = row
        .map((cell, j) => [t.modules[j], cell] as const)
        .filter(([, cell]) => cell !== -1)
        .map(([m, cell]) => [m, mask(m, Array.isArray(cell) ? cell : [cell])] as [number, Uint32Array]);
      budget--;
      if (!solver.solve({ assume }))
        findings.push({
          kind: 'row-unusable',
          message: `row ${(t.source?.[i] ?? i) + 1} of table "${model.rules[t.rule].id}" fits no valid product`,
          path: ['rules', t.rule, 'table', 'allow', t.source?.[i] ?? i],
          rule: model.rules[t.rule].id,
        });
    });
  }

  const count = solver.countSolutions(performance.now() + (opts.countBudgetMs ?? 10_000));
  return {
    findings,
    configurations: count === null ? 'unknown (counting took too long)' : count.toString(),
    elapsedMs: performance.now() - started,
  };
}

function complement(size: number, vs: number[]): number[] {
  const s = new Set(vs);
  return Array.from({ length: size }, (_, i) => i).filter((i) => !s.has(i));
}

/**
 * Whether some configuration of the other rules takes a tuple outside the
 * table. Enumerates the tuples the other rules allow for the table's
 * modules (bounded), so very wide tables are treated as not implied.
 */
function tableViolable(solver: Solver, modules: number[], rows: Array<Array<number | number[]>>, enabled: Uint8Array, sizes: number[]): boolean {
  const product = modules.reduce((p, m) => p * sizes[m], 1);
  if (product > 5000) return true;
  const matches = (tuple: number[]) => rows.some((row) => row.every((c, j) => c === -1 || (Array.isArray(c) ? c.includes(tuple[j]) : c === tuple[j])));
  const tuple = modules.map(() => 0);
  for (let n = 0; n < product; n++) {
    let x = n;
    for (let j = 0; j < modules.length; j++) {
      tuple[j] = x % sizes[modules[j]];
      x = Math.floor(x / sizes[modules[j]]);
    }
    if (matches(tuple)) continue;
    const assume = modules.map((m, j) => [m, solver.mask(m, [tuple[j]])] as [number, Uint32Array]);
    if (solver.solve({ assume, enabled })) return true;
  }
  return false;
}
