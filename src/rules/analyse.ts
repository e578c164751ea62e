/**
 * Checks only the engine can make: a product with no valid configuration,
 * defaults that cannot hold, and options no valid product can contain.
 */
import { Engine, quickXplain } from './engine.js';
import type { CompiledModel, Selection } from './model.js';
import { type Problem, type SourceMap, problemAt } from './problems.js';
import type { Reason } from './results.js';

const ruleList = (ids: string[]): string => ids.map((id) => `"${id}"`).join(', ');

function reasonText(r: Reason | null): string {
  if (!r) return '';
  const rules = r.rules.map((x) => x.id);
  const sels = r.selections.map((s) => `${s.module} = ${String(s.value)}`);
  return `${rules.length ? ` (rules ${ruleList(rules)}` : ' ('}${sels.length ? `${rules.length ? ' with ' : ''}${sels.join(', ')}` : ''})`;
}

/** Analyses a compiled model; `engine` may be passed to reuse one already built. */
export function analyseModel(model: CompiledModel, source: SourceMap, engine = new Engine(model)): Problem[] {
  const problems: Problem[] = [];
  if (!engine.satisfiable) {
    // A minimal set of rules that cannot all hold, to point at the culprit.
    const all = model.rules.map((_, i) => i);
    const core =
      quickXplain(all, (chosen) => {
        const enabled = new Uint8Array(model.rules.length);
        chosen.forEach((i) => (enabled[i] = 1));
        return engine.probe(enabled);
      }) ?? all;
    const first = core[0] ?? 0;
    problems.push(
      problemAt(
        source,
        'error',
        model.rules.length ? ['rules', first] : ['modules'],
        core.length
          ? `the product has no valid configuration at all: rules ${ruleList(core.map((i) => model.rules[i].id))} cannot all hold together`
          : 'the product has no valid configuration at all',
      ),
    );
    return problems;
  }

  // Explicit defaults must be choosable, and choosable together.
  const defaults: Selection = {};
  for (const m of model.modules) if (m.explicitDefault) defaults[m.id] = m.values[m.defaultIndex].id;
  const base = engine.evaluate({});
  for (const [id, value] of Object.entries(defaults)) {
    if (base.modules[id].options[String(value)].available) continue;
    problems.push(
      problemAt(
        source,
        'error',
        defaultPath(model, id),
        `the default ${String(value)} of module "${id}" can never be chosen${reasonText(engine.explain({}, id, value))}`,
      ),
    );
  }
  if (!problems.length && !engine.evaluate(defaults).valid) {
    const ids = Object.keys(defaults);
    for (const id of ids) {
      const others: Selection = {};
      for (const o of ids) if (o !== id) others[o] = defaults[o];
      const r = engine.explain(others, id, defaults[id]);
      if (!r) continue;
      problems.push(
        problemAt(
          source,
          'error',
          defaultPath(model, id),
          `the defaults break a rule: ${id} = ${String(defaults[id])} cannot be combined with ${r.selections
            .map((s) => `${s.module} = ${String(s.value)}`)
            .join(', ')}${r.rules.length ? ` (rules ${ruleList(r.rules.map((x) => x.id))})` : ''}`,
        ),
      );
      break;
    }
  }

  // Dead options: warnings, the file still loads.
  for (const m of model.modules) {
    const states = base.modules[m.id].options;
    if (m.kind === 'choice') {
      for (const v of m.values) {
        if (v.id === null || states[String(v.id)].available) continue;
        problems.push(
          problemAt(
            source,
            'warning',
            ['modules', m.id, 'options', v.id as string],
            `option "${String(v.id)}" of module "${m.id}" can never be chosen in a valid product${reasonText(engine.explain({}, m.id, v.id))}`,
            'key',
          ),
        );
      }
    } else {
      const dead = m.values.filter((v) => v.id !== null && !states[String(v.id)].available).map((v) => v.id as number);
      if (dead.length)
        problems.push(
          problemAt(
            source,
            'warning',
            ['modules', m.id],
            `values ${compactNumbers(dead)} of module "${m.id}" can never be chosen in a valid product${reasonText(engine.explain({}, m.id, dead[0]))}`,
            'key',
          ),
        );
    }
    if (m.optional && !states['null'].available)
      problems.push(
        problemAt(source, 'warning', ['modules', m.id, 'optional'], `module "${m.id}" is optional but can never be left empty`),
      );
  }
  return problems;
}

function defaultPath(model: CompiledModel, id: string): Array<string | number> {
  const m = model.modules.find((x) => x.id === id)!;
  return m.kind === 'choice' && typeof m.values[m.defaultIndex].id === 'string'
    ? ['modules', id, 'options', m.values[m.defaultIndex].id as string]
    : ['modules', id, 'default'];
}

/** 100, 110, 120, 150 -> "100-120, 150" given the numbers are in grid order. */
function compactNumbers(xs: number[]): string {
  if (xs.length <= 3) return xs.join(', ');
  return `${xs[0]} … ${xs[xs.length - 1]} (${xs.length} values)`;
}
