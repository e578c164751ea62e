/**
 * `bto test RULES [--checks FILE]`: runs the "try it" checks saved beside a
 * rules file and prints each as ✓/✗; a failure shows expected vs actual for
 * every expectation that did not hold. Exit 1 on any failure, so CI can
 * stop a rules change that breaks a promise to sales.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadChecks } from '../checks/load.js';
import { type CheckResult, runChecks } from '../checks/run.js';
import { loadRules } from '../rules/load.js';
import { formatProblem } from '../rules/problems.js';

/** `rules/desk.yaml` -> `rules/desk.checks.yaml`: where the checks live unless told otherwise. */
export function defaultChecksPath(rulesPath: string): string {
  return rulesPath.replace(/(\.(ya?ml|json))?$/i, '.checks.yaml');
}

export function registerTestCommand(program: Command): void {
  program
    .command('test')
    .description('Run the "try it" checks of a rules file (default: RULES with .checks.yaml) and show a diff for each failure')
    .argument('<rules>', 'rules file (YAML or JSON) or compiled model')
    .option('-c, --checks <file>', 'checks file (default: beside the rules file, <name>.checks.yaml)')
    .action(async (rulesPath: string, opts: { checks?: string }) => {
      process.exitCode = await testCommand(rulesPath, opts.checks ?? defaultChecksPath(rulesPath), (line) => console.log(line));
    });
}

/** Runs the checks and prints the report line by line; returns the exit code. */
export async function testCommand(rulesPath: string, checksPath: string, print: (line: string) => void): Promise<number> {
  const rulesText = await readText(rulesPath, print);
  const checksText = await readText(checksPath, print);
  if (rulesText === undefined || checksText === undefined) return 1;
  const rules = loadRules(rulesText, rulesPath);
  const checks = loadChecks(checksText, checksPath);
  const errors = [...rules.problems, ...checks.problems].filter((p) => p.severity === 'error');
  for (const p of errors) print(formatProblem(p));
  if (!rules.engine || !checks.file) {
    print(`${errors.length} error${errors.length === 1 ? '' : 's'}: fix ${!rules.engine ? rulesPath : checksPath} before the checks can run`);
    return 1;
  }
  const results = runChecks(rules.engine, checks.file);
  for (const r of results) for (const line of formatResult(r, `${checksPath}:${checks.lines[r.index] ?? 1}`)) print(line);
  const failed = results.filter((r) => !r.passed).length;
  print('');
  print(`${results.length - failed} passed, ${failed} failed (${results.length} check${results.length === 1 ? '' : 's'} in ${checksPath})`);
  return failed ? 1 : 0;
}

/** One check as text: a ✓ line, or a ✗ line followed by an expected/actual pair per failed expectation. */
export function formatResult(r: CheckResult, where: string): string[] {
  if (r.passed) return [`✓ ${r.name}`];
  const out = [`✗ ${r.name}  (${where})`];
  if (r.error) out.push(`    ${r.error}`);
  for (const e of r.expectations.filter((x) => !x.passed)) {
    const label = e.module ? `${e.kind} ${e.module}` : e.kind;
    out.push(`    ${label}`, `      expected: ${e.expected}`, `      actual:   ${e.actual}`);
  }
  return out;
}

async function readText(path: string, print: (line: string) => void): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    print(`${path}: error: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return undefined;
  }
}
