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

  const ok = validation.file !== undefined && !hasErrors(problems);
  return { file: ok ? validation.file : undefined, problems: sortProblems(withoutRepeats(problems)), locate: parsed.locate };
}
