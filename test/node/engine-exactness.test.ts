/**
 * The engine against brute force. Random small rules files are interpreted
 * directly from the rules-file semantics (not through the compiler), every
 * configuration is enumerated, and the engine's answers must match exactly.
 */
import { mulberry32 as rng } from '../../src/orders/seeded-random.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRules } from '../../src/rules/compile.js';
import { Engine } from '../../src/rules/engine.js';
import { analyseProduct } from '../../src/rules/lint.js';
import type { Selection, Value } from '../../src/rules/model.js';
import type { ConditionValue, RulesFile } from '../../src/rules/schema.js';


interface Dom {
  id: string;
  values: Value[];
}

function randomFile(seed: number): { file: RulesFile; doms: Dom[] } {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: T[]): T => xs[int(xs.length)];
  const modules: RulesFile['modules'] = {};
  const doms: Dom[] = [];
  const n = 2 + int(4);
  for (let i = 0; i < n; i++) {
    const id = `m${i}`;
    const optional = r() < 0.25;
    if (r() < 0.2) {
      const count = 2 + int(4);
      modules[id] = { label: id, type: 'number', min: 10, max: 10 + (count - 1) * 5, step: 5, pricePerStep: 3, optional };
      const vals: Value[] = Array.from({ length: count }, (_, k) => 10 + k * 5);
      doms.push({ id, values: optional ? [...vals, null] : vals });
    } else {
      const count = 1 + int(4);
      const options: Record<string, { label: string; price: number }> = {};
      for (let k = 0; k < count; k++) options[`o${k}`] = { label: `O${k}`, price: int(5) * 10 };
      modules[id] = { label: id, options, optional };
      const vals: Value[] = Object.keys(options);
      doms.push({ id, values: optional ? [...vals, null] : vals });
    }
  }
  const someValues = (d: Dom): ConditionValue => {
    const isNum = typeof d.values[0] === 'number';
    const roll = r();
    if (isNum && roll < 0.35) {
      const nums = d.values.filter((x): x is number => typeof x === 'number');
      const a = pick(nums);
      return r() < 0.5 ? { max: a } : { min: a };
    }
    if (roll < 0.7) return pick(d.values);
    return d.values.filter(() => r() < 0.5);
  };
  const cond = (count: number) => {
    const c: Record<string, ConditionValue> = {};
    for (let k = 0; k < count; k++) {
      const d = pick(doms);
      c[d.id] = someValues(d);
    }
    return c;
  };
  const rules: NonNullable<RulesFile['rules']> = [];
  const rc = 1 + int(6);
  for (let k = 0; k < rc; k++) {
    const kind = r();
    if (kind < 0.55) {
      const rule: Record<string, unknown> = { id: `r${k}`, message: `rule ${k}` };
      if (r() < 0.85) rule.when = cond(1 + int(2));
      if (r() < 0.6) rule.require = cond(1);
      else rule.exclude = cond(1 + int(2));
      rules.push(rule as NonNullable<RulesFile['rules']>[number]);
    } else {
      const cols = [...doms].sort(() => r() - 0.5).slice(0, 2 + int(2));
      const rows: unknown[][] = [];
      const rowCount = 1 + int(6);
      for (let q = 0; q < rowCount; q++)
        rows.push(cols.map((d) => (r() < 0.2 ? '*' : r() < 0.15 ? d.values.filter(() => r() < 0.5) : pick(d.values))));
      const table = { modules: cols.map((d) => d.id), ...(r() < 0.6 ? { allow: rows } : { forbid: rows }) };
      rules.push({ id: `t${k}`, table } as NonNullable<RulesFile['rules']>[number]);
    }
  }
  return { file: { product: { id: 'p', name: 'P', currency: 'EUR', basePrice: 100 }, modules, rules }, doms };
}

/** The rules-file semantics, straight from the README. */
function matches(d: Dom, value: Value, cv: ConditionValue | unknown): boolean {
  if (cv !== null && typeof cv === 'object' && !Array.isArray(cv)) {
    const { min = -Infinity, max = Infinity } = cv as { min?: number; max?: number };
    return typeof value === 'number' && value >= min && value <= max;
  }
  const list = Array.isArray(cv) ? cv : [cv];
  return list.some((x) => x === value);
}

function valid(file: RulesFile, doms: Dom[], cfg: Record<string, Value>): boolean {
  const byId = new Map(doms.map((d) => [d.id, d]));
  for (const rule of file.rules ?? []) {
    if ('table' in rule) {
      const rowHolds = (row: unknown[]) =>
        row.every((cell, j) => cell === '*' || matches(byId.get(rule.table.modules[j])!, cfg[rule.table.modules[j]], cell));
      if (rule.table.allow && !rule.table.allow.some(rowHolds)) return false;
      if (rule.table.forbid && rule.table.forbid.some(rowHolds)) return false;
      continue;
    }
    const when = Object.entries(rule.when ?? {}).every(([m, cv]) => matches(byId.get(m)!, cfg[m], cv));
    if (!when) continue;
    if (!Object.entries(rule.require ?? {}).every(([m, cv]) => matches(byId.get(m)!, cfg[m], cv))) return false;
    if (Object.entries(rule.exclude ?? {}).some(([m, cv]) => matches(byId.get(m)!, cfg[m], cv))) return false;
  }
  return true;
}

function* all(doms: Dom[]): Generator<Record<string, Value>> {
  const idx = doms.map(() => 0);
  for (;;) {
    yield Object.fromEntries(doms.map((d, i) => [d.id, d.values[idx[i]]]));
    let i = 0;
    while (i < doms.length && ++idx[i] === doms[i].values.length) idx[i++] = 0;
    if (i === doms.length) return;
  }
}

const agrees = (cfg: Record<string, Value>, sel: Selection, except?: string) =>
  Object.entries(sel).every(([m, v]) => m === except || cfg[m] === v);

function randomSelection(doms: Dom[], r: () => number): Selection {
  const sel: Selection = {};
  for (const d of [...doms].sort(() => r() - 0.5)) if (r() < 0.45) sel[d.id] = d.values[Math.floor(r() * d.values.length)];
  return sel;
}

test('availability, forced values and ranges equal brute force on 400 random rules files', () => {
  let checkedOptions = 0;
  let unavailable = 0;
  for (let seed = 1; seed <= 400; seed++) {
    const { file, doms } = randomFile(seed);
    const engine = new Engine(compileRules(file));
    const configs = [...all(doms)].filter((c) => valid(file, doms, c));
    assert.equal(engine.satisfiable, configs.length > 0, `seed ${seed}: satisfiable`);
    const r = rng(seed * 7919);
    for (let q = 0; q < 6; q++) {
      const sel = randomSelection(doms, r);
      const ev = engine.evaluate(sel);
      assert.equal(ev.valid, configs.some((c) => agrees(c, sel)), `seed ${seed} valid ${JSON.stringify(sel)}`);
      for (const d of doms) {
        const st = ev.modules[d.id];
        for (const v of d.values) {
          const expected = configs.some((c) => c[d.id] === v && agrees(c, sel, d.id));
          assert.equal(st.options[String(v)].available, expected, `seed ${seed} ${d.id}=${v} with ${JSON.stringify(sel)}`);
          checkedOptions++;
          if (!expected) unavailable++;
        }
        if (!(d.id in sel) && ev.valid) {
          const possible = new Set(configs.filter((c) => agrees(c, sel)).map((c) => c[d.id]));
          assert.equal(st.forced, possible.size === 1 ? [...possible][0] : undefined, `seed ${seed} forced ${d.id}`);
        }
      }
      if (ev.valid) {
        assert.ok(ev.configuration && valid(file, doms, ev.configuration) && agrees(ev.configuration, sel), `seed ${seed} completion`);
      }
    }
  }
  assert.ok(checkedOptions > 5000 && unavailable > 500, `exercised ${checkedOptions} options, ${unavailable} unavailable`);
});

test('explanations are minimal: the reason excludes the value, and dropping any part of it does not', () => {
  let explained = 0;
  for (let seed = 1; seed <= 150; seed++) {
    const { file, doms } = randomFile(seed);
    const engine = new Engine(compileRules(file));
    const r = rng(seed * 31);
    const sel = randomSelection(doms, r);
    const ev = engine.evaluate(sel, { explain: true });
    for (const d of doms)
      for (const v of d.values) {
        const st = ev.modules[d.id].options[String(v)];
        if (st.available) continue;
        const because = st.because;
        assert.ok(because, `seed ${seed}: ${d.id}=${v} has a reason`);
        const ruleIds = because.rules.map((x) => x.id);
        const excluded = (ids: string[], sels: typeof because.selections) => {
          const sub: RulesFile = { ...file, rules: (file.rules ?? []).filter((x) => ids.includes(x.id!)) };
          return ![...all(doms)].some(
            (c) => c[d.id] === v && sels.every((s) => c[s.module] === s.value) && valid(sub, doms, c),
          );
        };
        assert.ok(excluded(ruleIds, because.selections), `seed ${seed}: reason excludes ${d.id}=${v}`);
        for (const id of ruleIds)
          assert.ok(!excluded(ruleIds.filter((x) => x !== id), because.selections), `seed ${seed}: rule ${id} is needed`);
        for (const s of because.selections)
          assert.ok(!excluded(ruleIds, because.selections.filter((x) => x !== s)), `seed ${seed}: selection ${s.module} is needed`);
        explained++;
      }
  }
  assert.ok(explained > 100, `explained ${explained}`);
});

test('resolve drops the fewest selections, keeping the most recent on ties', () => {
  let resolved = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const { file, doms } = randomFile(seed);
    const engine = new Engine(compileRules(file));
    const configs = [...all(doms)].filter((c) => valid(file, doms, c));
    if (!configs.length) continue;
    const r = rng(seed * 101);
    const base = configs[Math.floor(r() * configs.length)];
    const order = doms.map((d) => d.id).sort(() => r() - 0.5);
    const sel: Selection = {};
    for (const m of order) if (r() < 0.7) sel[m] = base[m];
    const d = doms[Math.floor(r() * doms.length)];
    const v = d.values[Math.floor(r() * d.values.length)];
    const res = engine.resolve(sel, d.id, v);
    const reachable = configs.filter((c) => c[d.id] === v);
    if (!reachable.length) {
      assert.equal(res, null);
      continue;
    }
    assert.ok(res);
    assert.ok(valid(file, doms, res.configuration) && res.configuration[d.id] === v);
    const mine = Object.keys(sel).filter((m) => m !== d.id);
    const keptBy = (c: Record<string, Value>) => mine.filter((m) => c[m] === sel[m]);
    const best = Math.max(...reachable.map((c) => keptBy(c).length));
    const kept = Object.keys(res.selection).filter((m) => m !== d.id);
    assert.equal(kept.length, best, `seed ${seed}: keeps ${best} selections`);
    assert.ok(agrees(res.configuration, res.selection), `seed ${seed}: configuration honours the new selection`);
    // Ties: the dropped set's newest member is as old as possible.
    const newestDropped = (keptSet: string[]) =>
      mine
        .map((m, i) => (keptSet.includes(m) ? -1 : i))
        .filter((i) => i >= 0)
        .reverse();
    const optimal = reachable.map(keptBy).filter((k) => k.length === best);
    const bestKey = optimal.map(newestDropped).sort(compareLex)[0];
    assert.deepEqual(newestDropped(kept), bestKey, `seed ${seed}: keeps the most recent`);
    for (const ch of res.changes) assert.notEqual(ch.to, ch.from);
    resolved++;
  }
  assert.ok(resolved > 100, `resolved ${resolved}`);
});

function compareLex(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

test('price adds base, options and numeric steps in minor units', () => {
  const file: RulesFile = {
    product: { id: 'desk', name: 'Desk', currency: 'EUR', basePrice: 399.0 },
    modules: {
      frame: { label: 'Frame', options: { basic: { label: 'Single', price: 0 }, pro: { label: 'Dual', price: 180.1 } } },
      width: { label: 'Width', type: 'number', min: 100, max: 200, step: 10, pricePerStep: 12.5, priceFrom: 120 },
    },
    prices: [{ label: 'Wide dual frame', when: { frame: 'pro', width: { min: 180 } }, price: 25 }],
  };
  const engine = new Engine(compileRules(file));
  const p = engine.price({ frame: 'pro', width: 190 });
  assert.equal(p.amount, 39900 + 18010 + 7 * 1250 + 2500);
  assert.deepEqual(
    p.lines.map((l) => l.amount),
    [39900, 18010, 8750, 2500],
  );
  assert.equal(engine.price({ frame: 'basic', width: 110 }).amount, 39900);
});

test('the configuration count equals brute force', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const { file, doms } = randomFile(seed);
    const model = compileRules(file);
    const engine = new Engine(model);
    const expected = [...all(doms)].filter((c) => valid(file, doms, c)).length;
    assert.equal(analyseProduct(model, engine).configurations, String(expected), `seed ${seed}`);
  }
});

test('shipped witnesses are checked: random ones never make an option look available', () => {
  for (let seed = 1; seed <= 150; seed++) {
    const { file, doms } = randomFile(seed);
    const model = compileRules(file);
    const r = rng(seed * 13);
    model.witnesses = Array.from({ length: 20 }, () => model.modules.map((m) => Math.floor(r() * m.values.length)));
    const engine = new Engine(model);
    const configs = [...all(doms)].filter((c) => valid(file, doms, c));
    const ev = engine.evaluate({});
    for (const d of doms)
      for (const v of d.values)
        assert.equal(ev.modules[d.id].options[String(v)].available, configs.some((c) => c[d.id] === v), `seed ${seed} ${d.id}=${v}`);
  }
});
