/**
 * Everything the editor shows about a pair of texts (rules, checks): located
 * problems, the compiled model, the analyses, the check results and an
 * outline for autocomplete. Pure, so it runs in the worker and in tests.
 */
import { loadChecks } from '../checks/load.js';
import { runChecks } from '../checks/run.js';
import { analyseProduct } from '../rules/lint.js';
import { loadRules } from '../rules/load.js';
import { parseRulesText } from '../rules/parse.js';
import type { CheckRequest, CheckResponse, OutlineModule } from './protocol.js';

/** Analyses are exact but can be slow on a huge product; the editor prefers "unknown" to a frozen panel. */
const COUNT_BUDGET_MS = 2000;

export function checkText(req: CheckRequest): CheckResponse {
  const started = performance.now();
  const parsed = parseRulesText(req.rules, req.rulesName);
  const loaded = loadRules(req.rules, req.rulesName);
  const res: CheckResponse = { id: req.id, problems: loaded.problems, outline: outlineOf(parsed.data), checkProblems: [], elapsedMs: 0 };
  if (loaded.model && loaded.engine) {
    res.model = loaded.model;
    try {
      const analysis = analyseProduct(loaded.model, loaded.engine, { countBudgetMs: COUNT_BUDGET_MS });
      const findings = analysis.findings.map((f) => ({ ...f, ...parsed.locate(f.path) }));
      res.analysis = { findings, configurations: analysis.configurations, elapsedMs: analysis.elapsedMs };
    } catch (e) {
      // An analysis bug must not take the editor down with it: the problems and the widget still work.
      res.analysis = { findings: [], configurations: `analyses failed: ${(e as Error).message}`, elapsedMs: 0 };
    }
  }
  if (req.checks !== undefined && req.checks.trim() !== '') {
    const checks = loadChecks(req.checks, req.checksName ?? 'checks.yaml');
    res.checkProblems = checks.problems;
    if (checks.file && loaded.engine)
      res.checkResults = runChecks(loaded.engine, checks.file).map((r) => ({ ...r, line: checks.lines[r.index] ?? 1 }));
  }
  res.elapsedMs = performance.now() - started;
  return res;
}

/** Module and option ids read straight from the data, whatever state the rest of the file is in. */
export function outlineOf(data: unknown): OutlineModule[] {
  const modules = record(record(data)?.modules);
  if (!modules) return [];
  return Object.entries(modules).map(([id, raw]) => {
    const m = record(raw) ?? {};
    const options = record(m.options) ?? {};
    return {
      id,
      label: text(m.label),
      description: text(m.description),
      kind: m.type === 'number' ? 'number' : 'choice',
      optional: m.optional === true,
      min: typeof m.min === 'number' ? m.min : undefined,
      max: typeof m.max === 'number' ? m.max : undefined,
      options: Object.entries(options).map(([oid, o]) => {
        const opt = record(o) ?? {};
        return { id: oid, label: text(opt.label), price: typeof opt.price === 'number' ? opt.price : undefined };
      }),
    };
  });
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
