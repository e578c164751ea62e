/**
 * Engine speed and memory, printed as figures (never asserted: machines here
 * are noisy). For each product: load/compile time, load of the precompiled
 * model, evaluate after one shopper change (p50/p95), explain and resolve of
 * an unavailable option, and the heap the compiled engine holds.
 */
import { mulberry32 as rng } from '../../src/orders/seeded-random.js';
import { readFile } from 'node:fs/promises';
import { compileRules } from '../../src/rules/compile.js';
import { Engine } from '../../src/rules/engine.js';
import { Solver } from '../../src/rules/solver.js';
import { loadRules } from '../../src/rules/load.js';
import type { CompiledModel, Selection, Value } from '../../src/rules/model.js';
import type { RulesFile } from '../../src/rules/schema.js';
import { generateCarScale, generateMedium } from './generate.js';

const gc = (globalThis as { gc?: () => void }).gc;

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}


interface Row {
  product: string;
  modules: number;
  values: number;
  rows: number;
  compileMs: number;
  loadCompiledMs: number;
  heapMB: number;
  /** Typed arrays of the compiled constraint store. */
  storeMB: number;
  evalP50: number;
  evalP95: number;
  /** p95 after the first five changes of the session (caches warm). */
  evalP95Later: number;
  explainP50: number;
  explainP95: number;
  resolveP50: number;
  resolveP95: number;
}

/** A shopper session: each step changes one module to a value the last evaluation offered. */
function session(engine: Engine, steps: number, seed: number) {
  const r = rng(seed);
  const mods = engine.model.modules;
  let selection: Selection = {};
  let ev = engine.evaluate(selection);
  const evalTimes: number[] = [];
  const explainTimes: number[] = [];
  const resolveTimes: number[] = [];
  for (let i = 0; i < steps; i++) {
    const mod = mods[Math.floor(r() * mods.length)];
    const open = mod.values.filter((v) => ev.modules[mod.id].options[String(v.id)].available);
    const closed = mod.values.filter((v) => !ev.modules[mod.id].options[String(v.id)].available);
    if (closed.length) {
      const v = closed[Math.floor(r() * closed.length)].id as Value;
      let t = performance.now();
      engine.explain(selection, mod.id, v);
      explainTimes.push(performance.now() - t);
      t = performance.now();
      engine.resolve(selection, mod.id, v);
      resolveTimes.push(performance.now() - t);
    }
    if (!open.length) continue;
    const next: Selection = { ...selection };
    delete next[mod.id];
    next[mod.id] = open[Math.floor(r() * open.length)].id;
    selection = next;
    const t = performance.now();
    ev = engine.evaluate(selection);
    evalTimes.push(performance.now() - t);
    if (!ev.valid) throw new Error('the engine offered a value that led to an invalid product');
  }
  return { evalTimes, explainTimes, resolveTimes, selected: Object.keys(selection).length };
}

const models: Array<[string, CompiledModel]> = [];

async function measure(name: string, load: () => CompiledModel, compiledJson?: (m: CompiledModel) => string): Promise<Row> {
  const h0 = heap();
  let t = performance.now();
  const model = load();
  models.push([name, model]);
  let engine = new Engine(model);
  const compileMs = performance.now() - t;
  const heapMB = (heap() - h0) / 1048576;
  const storeMB = engine.memoryBytes() / 1048576;
  const json = (compiledJson ?? JSON.stringify)(model);
  t = performance.now();
  const reloaded = loadRules(json, `${name}.model.json`);
  const loadCompiledMs = performance.now() - t;
  engine = reloaded.engine ?? engine;
  const steps = model.modules.length > 50 ? 60 : 200;
  // Warm the JIT on another engine (another shopper), then measure a fresh one.
  session(new Engine(model), steps, 7);
  const s = session(engine, steps, 42);
  return {
    product: name,
    modules: model.modules.length,
    values: model.modules.reduce((a, m) => a + m.values.length, 0),
    rows: model.constraints.reduce((a, c) => a + (c.kind === 'table' ? c.rows.length : 1), 0),
    compileMs,
    loadCompiledMs,
    heapMB,
    storeMB,
    evalP50: pct(s.evalTimes, 50),
    evalP95: pct(s.evalTimes, 95),
    evalP95Later: pct(s.evalTimes.slice(5), 95),
    explainP50: s.explainTimes.length ? pct(s.explainTimes, 50) : NaN,
    explainP95: s.explainTimes.length ? pct(s.explainTimes, 95) : NaN,
    resolveP50: s.resolveTimes.length ? pct(s.resolveTimes, 50) : NaN,
    resolveP95: s.resolveTimes.length ? pct(s.resolveTimes, 95) : NaN,
  };
}

export async function engineBench(): Promise<void> {
  const rows: Row[] = [];
  for (const name of ['desk', 'pc', 'bicycle']) {
    const text = await readFile(new URL(`../../rules/${name}.yaml`, import.meta.url), 'utf8');
    rows.push(
      await measure(name, () => {
        const loaded = loadRules(text, `${name}.yaml`);
        if (!loaded.model) throw new Error(`${name}.yaml does not load`);
        return loaded.model;
      }),
    );
  }
  const fromFile = (f: RulesFile) => () => compileRules(f);
  rows.push(await measure('medium 60x10', fromFile(generateMedium(7))));
  rows.push(await measure('car-scale', fromFile(generateCarScale(7))));

  // Exact configuration counts (component-caching counter, 30 s budget each).
  const counts: string[] = [];
  for (const [name, model] of models) {
    const t = performance.now();
    const n = new Solver(model).countSolutions(performance.now() + 30_000);
    counts.push(`${name}: ${n === null ? 'not counted within 30 s' : n.toLocaleString('en')} (${((performance.now() - t) / 1000).toFixed(2)} s)`);
  }

  const f = (x: number) => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(0));
  console.log('\nEngine (Node, ms; evaluate after one change; targets: p95 < 2 ms examples, < 25 ms large; compile/load < 2000 ms)');
  console.log(
    ['product', 'modules', 'values', 'constraint rows', 'compile+engine', 'load compiled', 'heap MB', 'store MB', 'eval p50', 'eval p95', 'eval p95 after 5', 'explain p50', 'explain p95', 'resolve p50', 'resolve p95'].join(' | '),
  );
  for (const r of rows)
    console.log(
      [r.product, r.modules, r.values, r.rows, f(r.compileMs), f(r.loadCompiledMs), r.heapMB.toFixed(1), r.storeMB.toFixed(2), f(r.evalP50), f(r.evalP95), f(r.evalP95Later), f(r.explainP50), f(r.explainP95), f(r.resolveP50), f(r.resolveP95)].join(' | '),
    );
  console.log(`\nValid configurations, counted exactly: ${counts.join('; ')}`);
}
