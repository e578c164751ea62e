/**
 * The one way in: the text of a rules file (YAML or JSON) or of a model
 * precompiled by `bto build`, out comes the model and every problem found.
 */
import { analyseModel } from './analyse.js';
import { compileRules } from './compile.js';
import { Engine } from './engine.js';
import { loadRulesSource } from './load-source.js';
import { compiledModelFromText } from './compiled-format.js';
import type { CompiledModel } from './model.js';
import { type Locate, type Problem, hasErrors, sortProblems } from './problems.js';

export interface LoadedRules {
  /** Present when there is no error (warnings allowed). */
  model?: CompiledModel;
  /** An engine over `model`, built once during the checks. */
  engine?: Engine;
  problems: Problem[];
  /** Maps a path in the rules file to its line and column (absent for a compiled model). */
  locate?: Locate;
}

/**
 * Loads, validates, compiles and analyses a rules file, reporting every
 * problem at once. A precompiled model (JSON from `bto build`) is taken as
 * it is: it was checked when it was built.
 */
export function loadRules(text: string, fileName: string): LoadedRules {
  const compiled = compiledModelFromText(text);
  if (compiled) return { model: compiled, engine: new Engine(compiled), problems: [] };
  const source = loadRulesSource(text, fileName);
  if (!source.file || hasErrors(source.problems)) return { problems: sortProblems(source.problems), locate: source.locate };
  const model = compileRules(source.file, (path) => source.locate(path, 'key'));
  const engine = new Engine(model);
  const problems = sortProblems([...source.problems, ...analyseModel(model, { file: fileName, locate: source.locate }, engine)]);
  return hasErrors(problems) ? { problems, locate: source.locate } : { model, engine, problems, locate: source.locate };
}
