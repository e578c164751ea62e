/**
 * The one way in for an operations file: its text (YAML or JSON), out come
 * the checked ops data and every problem, located by line and column like
 * the rules file's (same parser, same `Problem` shape, so `bto check` and an
 * editor show both files alike).
 *
 * With the product's compiled model the file is also checked against it:
 * - a work centre named in a component's `minutes` but missing here is an
 *   error: the promise cannot plan work it has no capacity for;
 * - a part an option uses but missing here is a warning: it is planned as
 *   bought to order with the rules file's `leadTimeDays` (never as in stock,
 *   which would promise too early);
 * - a part listed here that the rules file does not know is a warning (a typo
 *   would otherwise leave the real part untracked);
 * - a `product` naming another product, and shipping without a "*" zone, are
 *   warnings.
 */
import type { CompiledModel } from '../rules/model.js';
import { parseRulesText } from '../rules/parse.js';
import { type Locate, type Problem, type SourceMap, hasErrors, problemAt, sortProblems, withoutRepeats } from '../rules/problems.js';
import { didYouMean } from '../rules/suggest.js';
import type { OpsFile } from './ops-schema.js';
import { validateOps } from './validate-ops.js';

export interface LoadedOps {
  /** Present exactly when there is no error (warnings allowed). */
  ops?: OpsFile;
  /** Every problem found, sorted by position. */
  problems: Problem[];
  /** Maps a data path to its line and column, for checks added on top. */
  locate: Locate;
}

/**
 * Loads the text of an ops file.
 *
 * @param text - YAML or JSON
 * @param file - the name shown in problems (never opened)
 * @param model - the product's compiled model; when given, the file is checked against it
 */
export function loadOps(text: string, file: string, model?: CompiledModel): LoadedOps {
  const parsed = parseRulesText(text, file);
  const problems = [...parsed.problems];
  const finish = (ops?: OpsFile): LoadedOps => {
    const sorted = sortProblems(withoutRepeats(problems));
    return { ops: ops && !hasErrors(sorted) ? ops : undefined, problems: sorted, locate: parsed.locate };
  };
  if (!parsed.wellFormed) return finish();
  const validation = validateOps(parsed.data, parsed);
  problems.push(...validation.problems);
  if (validation.ops && model) problems.push(...checkOpsAgainstModel(validation.ops, model, parsed));
  return finish(validation.ops);
}

/** Cross-checks ops data against the product it plans (see the file comment). */
export function checkOpsAgainstModel(ops: OpsFile, model: CompiledModel, source: SourceMap): Problem[] {
  const problems: Problem[] = [];
  const used = componentsUsed(model);

  for (const [centre, part] of workCentresUsed(model)) {
    if (Object.hasOwn(ops.workCentres, centre)) continue;
    const hint = didYouMean(centre, Object.keys(ops.workCentres));
    problems.push(
      problemAt(source, 'error', ['workCentres'], `work centre "${centre}" (minutes of component "${part}" in the rules file) is missing; add it with its minutesPerDay${hint}`, 'key'),
    );
  }
  for (const part of used) {
    if (Object.hasOwn(ops.components, part)) continue;
    const days = model.components[part]?.leadTimeDays ?? 0;
    problems.push(
      problemAt(source, 'warning', ['components'], `component "${part}" is not listed: it is planned as bought to order in ${days} workday${days === 1 ? '' : 's'} (the rules file's leadTimeDays)`, 'key'),
    );
  }
  for (const part of Object.keys(ops.components)) {
    if (used.has(part) || Object.hasOwn(model.components, part)) continue;
    const hint = didYouMean(part, [...used].filter((id) => !Object.hasOwn(ops.components, id)));
    problems.push(problemAt(source, 'warning', ['components', part], `component "${part}" is not used by any option of "${model.product.id}"${hint}`, 'key'));
  }
  if (ops.product !== undefined && ops.product !== model.product.id) {
    problems.push(problemAt(source, 'warning', ['product'], `this ops file is for product "${ops.product}", but the rules file is "${model.product.id}"`));
  }
  if (!Object.hasOwn(ops.shipping, '*')) {
    problems.push(problemAt(source, 'warning', ['shipping'], 'no "*" zone: orders to countries not listed are refused', 'key'));
  }
  return problems;
}

/** Ids of the parts that some option of the model uses, in declaration order. */
export function componentsUsed(model: CompiledModel): Set<string> {
  const used = new Set<string>();
  for (const mod of model.modules) for (const value of mod.values) for (const part of value.components) used.add(part);
  return used;
}

/** Work centre id -> the first component (used by an option) that needs minutes there. */
function workCentresUsed(model: CompiledModel): Map<string, string> {
  const centres = new Map<string, string>();
  for (const part of componentsUsed(model)) {
    for (const [centre, minutes] of Object.entries(model.components[part]?.minutes ?? {})) {
      if (minutes > 0 && !centres.has(centre)) centres.set(centre, part);
    }
  }
  return centres;
}
