/**
 * `bto`, the command line for product managers and scripts. Each command is
 * a thin face over src/rules: the same loader and engine as the widget.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { z } from 'zod/mini';
import { analyseProduct } from '../rules/lint.js';
import { loadRules } from '../rules/load.js';
import { formatProblem } from '../rules/problems.js';
import { rulesFileSchema } from '../rules/schema.js';
import { formatEvaluation, formatResolution } from './format.js';
import { registerPromiseCommand } from './promise-command.js';
import { registerServeCommand } from './serve-command.js';
import { opsJsonSchema } from '../promise/ops-schema.js';
import { readRules } from './read-rules.js';
import { parseAssignment, parseSelection } from './selection-args.js';

const collect = (v: string, prev: string[]): string[] => [...prev, v];
const selectOption = () => new Option('-s, --select <module=value>', 'a selection, in the order the shopper made them (repeatable)').argParser(collect).default([]);

const program = new Command()
  .name('bto')
  .description('Build-to-order configurator: check, evaluate and compile product rules files.')
  .showHelpAfterError();

program
  .command('check')
  .description('Report every problem in rules files as file:line:col: error|warning: message')
  .argument('<files...>', 'rules files (YAML or JSON)')
  .option('--strict', 'fail on warnings too')
  .option('--json', 'print the problems as JSON')
  .option('--no-analyse', 'skip the analyses (redundant rules, unusable rows, configuration count)')
  .action(async (files: string[], opts: { strict?: boolean; json?: boolean; analyse: boolean }) => {
    let failed = false;
    const all = [];
    for (const file of files) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        console.error(`${file}: error: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
        failed = true;
        continue;
      }
      const { problems, model, engine, locate } = loadRules(text, file);
      all.push(...problems);
      const analysis = opts.analyse && model && engine ? analyseProduct(model, engine, { countBudgetMs: 5000 }) : undefined;
      const errors = problems.filter((p) => p.severity === 'error').length;
      const warnings = problems.length - errors;
      if (errors || (opts.strict && warnings)) failed = true;
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
    }
    if (opts.json) console.log(JSON.stringify(all, null, 2));
    process.exitCode = failed ? 1 : 0;
  });

program
  .command('evaluate')
  .description("The engine's view of a selection: availability with reasons, forced values, ranges, price")
  .argument('<file>', 'rules file or compiled model')
  .addOption(selectOption())
  .option('--json', 'print JSON (amounts in minor units)')
  .action(async (file: string, opts: { select: string[]; json?: boolean }) => {
    const { engine, model } = await readRules(file);
    const ev = engine.evaluate(parseSelection(engine, opts.select), { explain: true });
    console.log(opts.json ? JSON.stringify(ev, null, 2) : formatEvaluation(ev, model));
  });

program
  .command('resolve')
  .description('The complete valid configuration with the wanted value that changes the fewest selections')
  .argument('<file>', 'rules file or compiled model')
  .addOption(selectOption())
  .requiredOption('-w, --want <module=value>', 'the value the shopper wants')
  .option('--json', 'print JSON')
  .action(async (file: string, opts: { select: string[]; want: string; json?: boolean }) => {
    const { engine, model } = await readRules(file);
    const [id, value] = parseAssignment(engine, opts.want);
    const res = engine.resolve(parseSelection(engine, opts.select), id, value);
    if (!res) {
      console.error(`${id} = ${String(value)} is in no valid configuration`);
      process.exitCode = 1;
      return;
    }
    console.log(opts.json ? JSON.stringify(res, null, 2) : formatResolution(res, model));
  });

program
  .command('schema')
  .description('Print the JSON Schema of the rules file, or with --ops of the operations file (for editor autocomplete)')
  .option('--ops', 'the operations file schema instead')
  .action((opts: { ops?: boolean }) => {
    if (opts.ops) {
      console.log(JSON.stringify(opsJsonSchema(), null, 2));
      return;
    }
    const schema = z.toJSONSchema(rulesFileSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
    schema.title = 'bto-configurator rules file';
    console.log(JSON.stringify(schema, null, 2));
  });

registerPromiseCommand(program);
registerServeCommand(program);

program
  .command('build')
  .description('Check and compile a rules file into a model the widget loads without compiling')
  .argument('<file>', 'rules file')
  .option('-o, --out <file>', 'output file (default: stdout)')
  .action(async (file: string, opts: { out?: string }) => {
    const { model, problems } = await readRules(file);
    for (const p of problems) console.error(formatProblem(p));
    const json = JSON.stringify(model);
    if (opts.out) {
      await writeFile(opts.out, json);
      console.error(`wrote ${opts.out} (${(json.length / 1024).toFixed(1)} KB)`);
    } else console.log(json);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof Error) {
    console.error(`error: ${e.message}`);
    process.exitCode = 2;
  } else throw e;
}
