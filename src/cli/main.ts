/**
 * `bto`, the command line for product managers and scripts. Each command is
 * a thin face over src/rules: the same loader and engine as the widget.
 */
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { z } from 'zod/mini';
import { formatProblem } from '../rules/problems.js';
import { rulesFileSchema } from '../rules/schema.js';
import { formatEvaluation, formatResolution } from './format.js';
import { registerCheckCommand } from './check-command.js';
import { registerPromiseCommand } from './promise-command.js';
import { registerTestCommand } from './test-command.js';
import { registerOrderCommands } from './order-commands.js';
import { registerSimulateCommand } from './simulate-command.js';
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

registerCheckCommand(program);

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
registerTestCommand(program);
registerOrderCommands(program);
registerSimulateCommand(program);

program
  .command('build')
  .description('Check and compile a rules file into a model the widget loads without compiling')
  .argument('<file>', 'rules file')
  .option('-o, --out <file>', 'output file (default: stdout)')
  .action(async (file: string, opts: { out?: string }) => {
    const { model, engine, problems } = await readRules(file);
    for (const p of problems) console.error(formatProblem(p));
    // Ship the witnesses of the first evaluation: the widget's first render then needs no search.
    engine.evaluate({});
    const json = JSON.stringify({ ...model, witnesses: engine.witnesses() });
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
