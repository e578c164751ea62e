/** `bto check FILE... [--strict] [--json] [--no-analyse] [--watch]`. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { analyseProduct } from '../rules/lint.js';
import { loadRules } from '../rules/load.js';
import { type Problem, formatProblem } from '../rules/problems.js';
import { watchCheck } from './watch.js';

interface CheckOptions {
  strict?: boolean;
  json?: boolean;
  analyse: boolean;
  watch?: boolean;
}

/** Checks one file, printing problems and analyses; returns its problems and whether it fails. */
async function checkFile(file: string, opts: CheckOptions): Promise<{ failed: boolean; problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    console.error(`${file}: error: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return { failed: true, problems: [] };
  }
  const { problems, model, engine, locate } = loadRules(text, file);
  const analysis = opts.analyse && model && engine ? analyseProduct(model, engine, { countBudgetMs: 5000 }) : undefined;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (!opts.json) {
    for (const p of problems) console.log(formatProblem(p));
    if (analysis) {
      for (const f of analysis.findings) {
        if (f.kind === 'dead-option' || f.kind === 'default-unavailable') continue; // already a warning or error above
        const at = locate ? locate(f.path, 'key') : { line: 1, column: 1 };
        console.log(`${file}:${at.line}:${at.column}: note: ${f.message}`);
      }
      console.log(`${file}: ${analysis.configurations} valid configurations`);
    }
    console.log(`${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  }
  return { failed: errors > 0 || (!!opts.strict && warnings > 0), problems };
}

export function registerCheckCommand(program: Command): Command {
  return program
    .command('check')
    .description('Report every problem in rules files as file:line:col: error|warning: message, then the analyses')
    .argument('<files...>', 'rules files (YAML or JSON)')
    .option('--strict', 'fail on warnings too')
    .option('--json', 'print the problems as JSON')
    .option('--no-analyse', 'skip the analyses (redundant rules, unusable rows, configuration count)')
    .option('-w, --watch', 're-check the file on each save (one file)')
    .action(async (files: string[], opts: CheckOptions) => {
      if (opts.watch) {
        watchCheck(files[0], async (f) => {
          await checkFile(f, opts);
        });
        return;
      }
      let failed = false;
      const all: Problem[] = [];
      for (const file of files) {
        const r = await checkFile(file, opts);
        failed ||= r.failed;
        all.push(...r.problems);
      }
      if (opts.json) console.log(JSON.stringify(all, null, 2));
      process.exitCode = failed ? 1 : 0;
    });
}
