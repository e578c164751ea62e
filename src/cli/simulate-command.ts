/**
 * `bto simulate RULES --ops OPS --orders N --seed S`: a season of orders
 * against the plant, in memory (src/orders/simulate.ts), printed as on-time
 * rate and lead times without and with weekly learning, and the lead times
 * learning proposed.
 */
import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { describeProposal } from '../orders/learning.js';
import { type SimulationResult, simulateSeason } from '../orders/simulate.js';
import { loadOps } from '../promise/load-ops.js';
import { formatProblem, hasErrors } from '../rules/problems.js';
import { table } from './order-commands.js';
import { defaultOpsPath } from './promise-command.js';
import { readRules } from './read-rules.js';

function wholeNumber(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number');
  return n;
}

/** The simulation as the table the docs show. */
export function formatSimulation(result: SimulationResult): string {
  const pct = (r: number | null) => (r === null ? '-' : `${(r * 100).toFixed(1)} %`);
  const rows = [result.declared, result.learned].map((r) => [
    r.label,
    String(r.stats.orders),
    pct(r.stats.onTimeRate),
    String(r.stats.late),
    String(r.stats.promisedLeadDays.median ?? '-'),
    String(r.stats.leadDays.median ?? '-'),
    String(r.stats.leadDays.p90 ?? '-'),
    String(r.stats.deviationDays.stdev ?? '-'),
    String(r.flagged),
    `${r.lateWarned}/${r.stats.late}`,
  ]);
  const head = ['run', 'orders', 'on time', 'late', 'promised med (d)', 'actual med (d)', 'actual p90 (d)', 'spread sd (d)', 'flagged', 'late warned'];
  const learned = result.learned.proposals.map(describeProposal);
  return `${table(head, rows)}\n\nLearned lead times in force at the end of the season:\n${learned.length ? learned.map((l) => `  ${l}`).join('\n') : '  none'}`;
}

/** Adds `bto simulate` to the program. */
export function registerSimulateCommand(program: Command): Command {
  return program
    .command('simulate')
    .description('Replay a season of orders (in memory) and print on-time rate and lead times without and with learning')
    .argument('<rules>', 'rules file')
    .option('--ops <file>', 'ops file (default: beside the rules file)')
    .option('--orders <n>', 'orders in the season', wholeNumber, 400)
    .option('--seed <n>', 'random seed', wholeNumber, 1)
    .option('--weeks <n>', 'season length in weeks', wholeNumber, 16)
    .option('--learn-after <n>', 'weeks before the first learning step', wholeNumber, 4)
    .option('--json', 'print JSON')
    .action(async (rulesPath: string, opts: { ops?: string; orders: number; seed: number; weeks: number; learnAfter: number; json?: boolean }) => {
      const { model, engine } = await readRules(rulesPath);
      const opsPath = opts.ops ?? defaultOpsPath(rulesPath);
      const loaded = loadOps(await readFile(opsPath, 'utf8'), opsPath, model);
      for (const p of loaded.problems) console.error(formatProblem(p));
      if (!loaded.ops || hasErrors(loaded.problems)) {
        process.exitCode = 1;
        return;
      }
      const result = simulateSeason({ model, engine, ops: loaded.ops, orders: opts.orders, seed: opts.seed, weeks: opts.weeks, learnAfterWeeks: opts.learnAfter });
      if (opts.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      console.log(`${model.product.id}: ${opts.orders} orders over ${opts.weeks} weeks, seed ${opts.seed}; measured: the ${result.measured} orders after week ${opts.learnAfter}`);
      console.log(formatSimulation(result));
    });
}
