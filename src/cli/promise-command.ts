/**
 * `bto promise`: the delivery promise for a selection, for planners checking
 * their ops data and for scripts (`--json`). The same promise function as
 * the quote service and the widget's mocks.
 */
import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { loadOps } from '../promise/load-ops.js';
import { parseInstant } from '../promise/plant-time.js';
import { promiseDelivery } from '../promise/promise.js';
import { PromiseError } from '../promise/promise-error.js';
import { formatProblem, hasErrors } from '../rules/problems.js';
import { formatPromise } from './format-promise.js';
import { readRules } from './read-rules.js';
import { parseSelection } from './selection-args.js';

interface PromiseOptions {
  ops?: string;
  select: string[];
  quantity: number;
  to: string;
  postalCode?: string;
  at?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function wholeNumber(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number from 1');
  return n;
}

/** `rules/desk.yaml` -> `rules/desk.ops.yaml`: the ops file lives beside the rules file. */
export function defaultOpsPath(rulesPath: string): string {
  return rulesPath.replace(/(\.(ya?ml|json))?$/i, '.ops.yaml');
}

/** Adds `bto promise` to the program. */
export function registerPromiseCommand(program: Command): Command {
  return program
    .command('promise')
    .description('When a configuration arrives: order day, materials, production, ship and delivery dates, and what drives them')
    .argument('<rules>', 'rules file or compiled model')
    .option('--ops <file>', 'operations file (default: the rules file name with .ops.yaml)')
    .addOption(new Option('-s, --select <module=value>', 'a selection (repeatable); the rest is completed with defaults').argParser(collect).default([]))
    .addOption(new Option('-q, --quantity <n>', 'products ordered').argParser(wholeNumber).default(1))
    .requiredOption('--to <country>', 'destination country, ISO 3166 code (e.g. DE)')
    .option('--postal-code <code>', 'destination postal code')
    .option('--at <iso-time>', 'order time, ISO 8601 with an offset (default: now)')
    .option('--json', 'print the promise as JSON (dates in plant time, cutoffDeadline as an instant)')
    .action(async (rulesPath: string, opts: PromiseOptions) => {
      const { model, engine } = await readRules(rulesPath);
      const opsPath = opts.ops ?? defaultOpsPath(rulesPath);
      let text: string;
      try {
        text = await readFile(opsPath, 'utf8');
      } catch (e) {
        console.error(`${opsPath}: error: cannot read the ops file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
        process.exitCode = 1;
        return;
      }
      const loaded = loadOps(text, opsPath, model);
      for (const p of loaded.problems) console.error(formatProblem(p));
      if (!loaded.ops || hasErrors(loaded.problems)) {
        process.exitCode = 1;
        return;
      }
      const orderTime = opts.at === undefined ? new Date() : parseInstant(opts.at);
      if (!orderTime) {
        console.error(`error: --at wants an ISO 8601 time with an offset, e.g. 2026-12-01T13:59:59+01:00, got "${opts.at}"`);
        process.exitCode = 1;
        return;
      }
      const configuration = engine.complete(parseSelection(engine, opts.select));
      if (!configuration) {
        console.error('error: the selection is in no valid configuration (see `bto evaluate`)');
        process.exitCode = 1;
        return;
      }
      try {
        const destination = { country: opts.to, ...(opts.postalCode ? { postalCode: opts.postalCode } : {}) };
        const promise = promiseDelivery({ model, ops: loaded.ops, configuration, quantity: opts.quantity, destination, orderTime });
        const context = { model, ops: loaded.ops, configuration, quantity: opts.quantity, orderTime };
        console.log(opts.json ? JSON.stringify(promise, null, 2) : formatPromise(promise, context));
      } catch (e) {
        if (!(e instanceof PromiseError)) throw e;
        console.error(`error: ${e.message}`);
        process.exitCode = 1;
      }
    });
}
