/** Reads a rules file (or a precompiled model) from disk for the CLI. */
import { readFile } from 'node:fs/promises';
import { type LoadedRules, loadRules } from '../rules/load.js';
import { formatProblem } from '../rules/problems.js';

/** Loads FILE; prints its problems to stderr and exits 1 when it has errors. */
export async function readRules(path: string): Promise<Required<Pick<LoadedRules, 'model' | 'engine'>> & LoadedRules> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    console.error(`${path}: error: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    process.exit(1);
  }
  const loaded = loadRules(text, path);
  if (!loaded.model || !loaded.engine) {
    for (const p of loaded.problems) console.error(formatProblem(p));
    process.exit(1);
  }
  return loaded as Required<Pick<LoadedRules, 'model' | 'engine'>> & LoadedRules;
}
