/**
 * Runs "try it" checks against an engine. Pure: the CLI (`bto test`) and the
 * editor's checks panel call this same function, so they cannot disagree.
 *
 * Every expectation is compared on its own and reported with what was
 * expected and what the engine actually answered, so a failure reads as a
 * diff rather than a bare "failed".
 */
import type { Engine } from '../rules/engine.js';
import type { Selection, Value } from '../rules/model.js';
import { toMinorUnits } from '../rules/money.js';
import type { Evaluation } from '../rules/results.js';
import type { Check, CheckValue, ChecksFile } from './schema.js';

export interface ExpectationResult {
  kind: 'available' | 'unavailable' | 'forced' | 'price' | 'valid' | 'complete';
  /** The module concerned (availability and forced values). */
  module?: string;
  /** What the check asked for, in words (`pro`, `579.00`, `true`). */
  expected: string;
  /** What the engine answered, in words, with its reason when it has one. */
  actual: string;
  passed: boolean;
}

export interface CheckResult {
  name: string;
  /** Position of the check in the file (0-based). */
  index: number;
  passed: boolean;
  /** Set when the check cannot run at all (e.g. it selects a module that does not exist). */
  error?: string;
  expectations: ExpectationResult[];
}

/** Runs every check of a checks file in order. */
export function runChecks(engine: Engine, file: ChecksFile): CheckResult[] {
  return file.checks.map((check, index) => runCheck(engine, check, index));
}

/** Runs one check: evaluates its selection and compares each expectation. */
export function runCheck(engine: Engine, check: Check, index = 0): CheckResult {
  const base = { name: check.name, index };
  const unknown = unknownReferences(engine, check);
  if (unknown) return { ...base, passed: false, error: unknown, expectations: [] };
  const selection: Selection = { ...(check.selection ?? {}) };
  const ev = engine.evaluate(selection);
  const out: ExpectationResult[] = [];

  for (const [module, want] of Object.entries(check.available ?? {}))
    for (const v of list(want)) out.push(availability(engine, selection, ev, module, v, true));
  for (const [module, want] of Object.entries(check.unavailable ?? {}))
    for (const v of list(want)) out.push(availability(engine, selection, ev, module, v, false));
  for (const [module, want] of Object.entries(check.forced ?? {})) {
    const st = ev.modules[module];
    const actual = st.forced !== undefined ? show(st.forced) : st.selected !== undefined ? `not forced (chosen: ${show(st.selected)})` : `not forced (open: ${openValues(ev, module)})`;
    out.push({ kind: 'forced', module, expected: show(want), actual, passed: st.forced !== undefined && st.forced === want });
  }
  if (check.price !== undefined) {
    const digits = engine.model.product.fractionDigits;
    const expected = toMinorUnits(check.price, digits);
    const note = ev.configuration ? '' : ' (no valid completion: price of the selections alone)';
    out.push({ kind: 'price', expected: major(expected, digits), actual: major(ev.price.amount, digits) + note, passed: ev.price.amount === expected });
  }
  if (check.valid !== undefined) out.push({ kind: 'valid', expected: String(check.valid), actual: String(ev.valid), passed: ev.valid === check.valid });
  if (check.complete !== undefined)
    out.push({ kind: 'complete', expected: String(check.complete), actual: String(ev.complete), passed: ev.complete === check.complete });
  return { ...base, passed: out.every((e) => e.passed), expectations: out };
}

function availability(engine: Engine, selection: Selection, ev: Evaluation, module: string, value: Value, want: boolean): ExpectationResult {
  const available = ev.modules[module].options[String(value)].available;
  let actual = available ? 'available' : 'unavailable';
  // Explaining is the slow part of evaluation: only pay for it when it helps a failure read better.
  if (!available && want) {
    const reason = engine.explain(selection, module, value);
    if (reason) actual += ` (${reason.text})`;
  }
  return {
    kind: want ? 'available' : 'unavailable',
    module,
    expected: `${show(value)} ${want ? 'available' : 'unavailable'}`,
    actual: `${show(value)} ${actual}`,
    passed: available === want,
  };
}

/** A sentence naming the first module or value the check refers to that the rules do not have. */
function unknownReferences(engine: Engine, check: Check): string | undefined {
  const refs: Array<[string, string, Value[]]> = [
    ...Object.entries(check.selection ?? {}).map(([m, v]): [string, string, Value[]] => ['selection', m, [v]]),
    ...Object.entries(check.available ?? {}).map(([m, v]): [string, string, Value[]] => ['available', m, list(v)]),
    ...Object.entries(check.unavailable ?? {}).map(([m, v]): [string, string, Value[]] => ['unavailable', m, list(v)]),
    ...Object.entries(check.forced ?? {}).map(([m, v]): [string, string, Value[]] => ['forced', m, [v]]),
  ];
  for (const [field, module, vals] of refs) {
    const mod = engine.module(module);
    if (!mod) return `${field}: there is no module "${module}" (modules: ${engine.model.modules.map((m) => m.id).join(', ')})`;
    for (const v of vals)
      if (!mod.values.some((x) => x.id === v))
        return `${field}: module "${module}" has no value ${show(v)}${mod.kind === 'choice' ? ` (values: ${mod.values.map((x) => show(x.id)).join(', ')})` : ''}`;
  }
  return undefined;
}

function list(v: CheckValue | CheckValue[]): Value[] {
  return Array.isArray(v) ? v : [v];
}

function show(v: Value): string {
  return v === null ? 'empty' : String(v);
}

function openValues(ev: Evaluation, module: string): string {
  const open = Object.entries(ev.modules[module].options).filter(([, o]) => o.available).map(([k]) => (k === 'null' ? 'empty' : k));
  if (open.length === 0) return 'none';
  return open.length > 6 ? `${open.slice(0, 6).join(', ')}, … ${open.length} in all` : open.join(', ');
}

/** Minor units as a plain decimal in major units (579.00): the way the checks file writes prices. */
function major(amount: number, digits: number): string {
  return (amount / 10 ** digits).toFixed(digits);
}
