/**
 * From text to a checked rules file: parse, validate against the schema,
 * check references. Each stage runs only when the one before left data worth
 * checking, so that one typo does not come back as ten consequences; within
 * a stage every problem is reported at once.
 */
import { parseRulesText } from './parse.js';
import { hasErrors, sortProblems, withoutRepeats } from './problems.js';
import type { Locate, Problem } from './problems.js';
import { checkReferences } from './references.js';
import { checkViewReferences } from './view-references.js';
import type { RulesFile } from './schema.js';
import { validateRules } from './validate.js';
import type { SourceMap } from './problems.js';

export interface LoadedSource {
  /** The checked file, present exactly when no stage found an error (warnings allowed). */
  file?: RulesFile;
  /** Every problem found, sorted by position. */
  problems: Problem[];
  /** Maps a data path to its line and column, for checks added on top (compiler, engine analysis). */
  locate: Locate;
}

/**
 * Loads the text of a rules file (YAML or JSON) and checks everything that
 * can be checked without the constraint engine.
 *
 * @param text - the file's text
 * @param file - the name shown in problems
 */
export function loadRulesSource(text: string, file: string): LoadedSource {
  const parsed = parseRulesText(text, file);
  const problems = [...parsed.problems];
  if (!parsed.wellFormed) return { problems: sortProblems(problems), locate: parsed.locate };

  const validation = validateRules(parsed.data, parsed);
  problems.push(...validation.problems);
  if (validation.file) problems.push(...checkReferences(validation.file, parsed), ...checkViewReferences(validation.file, parsed));
  else problems.push(...salvagedReferenceProblems(parsed.data, validation.problems, parsed));

  const ok = validation.file !== undefined && !hasErrors(problems);
  return { file: ok ? validation.file : undefined, problems: sortProblems(withoutRepeats(problems)), locate: parsed.locate };
}

/**
 * Reference problems of the parts that did pass the schema, so one malformed
 * module does not hide an unknown option three rules further down: the
 * entries with schema errors are set aside, the rest is checked, and
 * problems that only concern what was set aside are dropped.
 */
function salvagedReferenceProblems(data: unknown, schemaProblems: readonly Problem[], source: SourceMap): Problem[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  // First remove just the offending values (a bad price, an unknown field): most entries are then valid.
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const p of schemaProblems) if (p.path.length >= 3) removeAt(copy, p.path);
  const retry = validateRules(copy, source);
  if (retry.file) return checkReferences(retry.file, source);
  const setAside: string[] = [];
  const drop: Record<string, Set<string | number>> = { modules: new Set(), components: new Set(), rules: new Set(), prices: new Set() };
  for (const p of retry.problems) {
    const [top, entry] = p.path;
    if (top === 'product') return []; // currency and prices depend on it: nothing sound to check
    if (typeof top === 'string' && top in drop && entry !== undefined) drop[top].add(entry);
    else if (typeof top === 'string') delete copy[top];
  }
  for (const key of ['modules', 'components'] as const) {
    const record = copy[key];
    if (!drop[key].size || record === null || typeof record !== 'object') continue;
    copy[key] = Object.fromEntries(Object.entries(record).filter(([id]) => !drop[key].has(id)));
    setAside.push(...[...drop[key]].map(String));
  }
  for (const key of ['rules', 'prices'] as const) {
    const list = copy[key];
    if (drop[key].size && Array.isArray(list)) copy[key] = list.map((x, i) => (drop[key].has(i) ? undefined : x));
  }
  // Keep list positions (problems point at them): checked entries only.
  const keptRules = Array.isArray(copy.rules) ? (copy.rules as unknown[]) : undefined;
  const keptPrices = Array.isArray(copy.prices) ? (copy.prices as unknown[]) : undefined;
  const probe = { ...copy, rules: keptRules?.filter((x) => x !== undefined), prices: keptPrices?.filter((x) => x !== undefined) };
  const second = validateRules(probe, source);
  if (!second.file) return [];
  const problems = [...checkReferences(second.file, source)];
  // Positions in the probe are shifted where entries were set aside: map them back.
  const shift = (key: 'rules' | 'prices', list: unknown[] | undefined) => (i: number) => {
    if (!list) return i;
    let seen = -1;
    for (let j = 0; j < list.length; j++) if (list[j] !== undefined && ++seen === i) return j;
    return i;
  };
  const back = { rules: shift('rules', keptRules), prices: shift('prices', keptPrices) };
  return problems
    .filter((p) => !setAside.some((id) => p.message.includes(`"${id}"`)))
    .map((p) => {
      const [top, i] = p.path;
      if ((top === 'rules' || top === 'prices') && typeof i === 'number' && back[top](i) !== i) {
        const path = [top, back[top](i), ...p.path.slice(2)];
        return { ...p, ...source.locate(path), path };
      }
      return p;
    });
}

function removeAt(root: Record<string, unknown>, path: ReadonlyArray<string | number>): void {
  let node: unknown = root;
  for (const step of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[step];
  }
  const last = path[path.length - 1];
  if (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof last === 'string') delete (node as Record<string, unknown>)[last];
}
