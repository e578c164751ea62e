/**
 * The configuration engine: what a shopper may choose next, why not, how to
 * get there, and what it costs. Backtrack-free by construction: an option is
 * reported available iff some complete valid configuration contains it
 * together with the shopper's other selections, decided exactly by the solver
 * (a witness configuration for yes, an exhausted search for no).
 */
import { valueIndex } from './compile.js';
import type { CompiledModel, CompiledModule, Selection, Value } from './model.js';
import type { Change, Evaluation, ModuleState, Price, PriceLine, Reason, Resolution } from './results.js';
import { type Mask, Solver } from './solver.js';

/** A selection names a module or value the model does not have. */
export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

type Pair = [number, number];

/**
 * When the selection is invalid no unselected value is available, but the
 * selected modules still show which of their values would fit the others.
 */
function invalidMarks(avail: Uint8Array, pairs: Pair[], vo: Int32Array): Uint8Array {
  const out = new Uint8Array(avail.length);
  for (const [m] of pairs) for (let i = vo[m]; i < (vo[m + 1] ?? avail.length); i++) out[i] = avail[i];
  return out;
}

/** Known witnesses tried with one module switched before searching. */
const REPAIR_TRIES = 3;

/** Witness configurations kept between evaluations. */
const KNOWN_SOLUTIONS = 4096;

/** Drop-sets tried by `resolve` before it settles for a greedy answer. */
const RESOLVE_BUDGET = 5000;

export class Engine {
  readonly model: CompiledModel;
  private solver: Solver;
  private index: Map<string, number>;
  private ruleOrder: number[];
  /** Valid configurations found so far (a ring), reused as witnesses. */
  private known: Int32Array[] = [];
  private knownNext = 0;
  /** Per flat value: selection sets under which a search proved it impossible. */
  private impossible = new Map<number, Pair[][]>();

  constructor(model: CompiledModel) {
    this.model = model;
    this.solver = new Solver(model);
    this.index = new Map(model.modules.map((m, i) => [m.id, i]));
    // Explanations prefer rules a shopper can read.
    for (const w of model.witnesses ?? []) if (this.isWitness(w)) this.remember(Int32Array.from(w));
    this.ruleOrder = model.rules.map((_, i) => i).sort((a, b) => Number(!model.rules[a].message) - Number(!model.rules[b].message));
  }

  /** Whether some configuration satisfies just the enabled rules (to locate a contradiction). */
  probe(enabled: Uint8Array): boolean {
    return this.solver.solve({ enabled }) !== null;
  }

  /** The valid configurations found so far (for `bto build` to ship). */
  witnesses(): number[][] {
    return this.known.map((w) => Array.from(w));
  }

  /** A shipped witness is only trusted after checking it against every rule. */
  private isWitness(w: number[]): boolean {
    const mods = this.model.modules;
    if (w.length !== mods.length || w.some((v, m) => !Number.isInteger(v) || v < 0 || v >= mods[m].values.length)) return false;
    return this.solver.satisfiesAll(Int32Array.from(w));
  }

  /** Bytes held by the compiled constraint store. */
  memoryBytes(): number {
    return this.solver.memoryBytes();
  }

  /** False when the rules admit no configuration at all. */
  get satisfiable(): boolean {
    return this.solver.rootConsistent;
  }

  // ---- selections ------------------------------------------------------------

  /** Module index and value index of each selection, in the shopper's order. */
  pairs(selection: Selection): Pair[] {
    return Object.entries(selection).map(([id, v]) => this.pair(id, v));
  }

  pair(moduleId: string, value: Value): Pair {
    const m = this.index.get(moduleId);
    if (m === undefined) throw new SelectionError(`unknown module "${moduleId}"`);
    const vi = valueIndex(this.model.modules[m], value);
    if (vi < 0) throw new SelectionError(`module "${moduleId}" has no value ${JSON.stringify(value)}`);
    return [m, vi];
  }

  private assume(pairs: readonly Pair[]): Array<[number, Mask]> {
    return pairs.map(([m, v]) => [m, this.solver.mask(m, [v])]);
  }

  private toConfig(sol: Int32Array): Record<string, Value> {
    const out: Record<string, Value> = {};
    this.model.modules.forEach((m, i) => (out[m.id] = m.values[sol[i]].id));
    return out;
  }

  // ---- availability ------------------------------------------------------------

  /**
   * The engine's view of a selection: availability of every value of every
   * module, forced values, numeric ranges, the completed configuration and
   * its price. With `explain`, every unavailable value carries its reason.
   */
  evaluate(selection: Selection, opts: { explain?: boolean } = {}): Evaluation {
    const pairs = this.pairs(selection);
    const s = this.solver;
    const mods = this.model.modules;
    const { avail, valid } = this.availability(pairs);
    const vo = s.valueOffset;
    const selected = new Map(pairs);

    const configuration = valid ? this.complete(selection) ?? undefined : undefined;
    const modules: Record<string, ModuleState> = {};
    let complete = valid;
    mods.forEach((mod, m) => {
      const state: ModuleState = { options: {} };
      if (selected.has(m)) state.selected = mod.values[selected.get(m)!].id;
      const open: number[] = [];
      mod.values.forEach((val, v) => {
        const ok = avail[vo[m] + v] === 1;
        if (ok) open.push(v);
        state.options[String(val.id)] = { available: ok };
      });
      if (!selected.has(m) && open.length === 1 && valid) state.forced = mod.values[open[0]].id;
      if (mod.kind === 'number') {
        const nums = open.map((v) => mod.values[v].id).filter((x): x is number => typeof x === 'number');
        if (nums.length) state.range = { min: Math.min(...nums), max: Math.max(...nums) };
      }
      if (
        !mod.optional &&
        !selected.has(m) &&
        state.forced === undefined &&
        !(mod.explicitDefault && configuration?.[mod.id] === mod.values[mod.defaultIndex].id)
      )
        complete = false;
      modules[mod.id] = state;
    });

    if (opts.explain) {
      for (const mod of mods)
        for (const [key, st] of Object.entries(modules[mod.id].options)) {
          if (st.available) continue;
          const val = mod.values.find((x) => String(x.id) === key)!;
          const r = this.explain(selection, mod.id, val.id);
          if (r) st.because = r;
        }
    }

    const result: Evaluation = {
      valid,
      complete,
      modules,
      price: this.price(configuration ?? this.partial(pairs)),
    };
    if (configuration) result.configuration = configuration;
    return result;
  }

  /**
   * Availability of every value (flat index) under the selection, and
   * whether the selection itself can be completed. Exact: a value is marked
   * only with a witness solution, and left unmarked only after a search
   * proved there is none.
   */
  private availability(pairs: Pair[]): { avail: Uint8Array; valid: boolean } {
    const s = this.solver;
    const mods = this.model.modules;
    const vo = s.valueOffset;
    const avail = new Uint8Array(s.totalValues);
    const selected = new Map(pairs);
    const S = this.assume(pairs);
    const witnesses: Int32Array[] = [];
    let valid = this.recall(pairs, avail, witnesses);

    // Unselected modules: every query shares S, so it is pushed once, and a
    // witness proves all of its values available at once.
    if (s.push(S)) {
      const dom = s.domains();
      const score = new Int32Array(s.totalValues);
      for (let m = 0; m < mods.length; m++)
        if (!selected.has(m)) for (const v of dom[m]) if (!avail[vo[m] + v]) score[vo[m] + v] = 1;
      const witness = (sol: Int32Array): void => {
        for (let m = 0; m < mods.length; m++) {
          avail[vo[m] + sol[m]] = 1;
          score[vo[m] + sol[m]] = 0;
        }
        this.remember(sol);
        if (witnesses.length < REPAIR_TRIES) witnesses.push(sol);
      };
      if (!valid) {
        const first = s.search({ score });
        if (first) {
          valid = true;
          witness(first);
        }
      }
      if (valid)
        for (let m = 0; m < mods.length; m++) {
          if (selected.has(m)) continue;
          for (const v of dom[m]) {
            if (avail[vo[m] + v] || this.knownImpossible(m, v, pairs, -1)) continue;
            let sol: Int32Array | null = null;
            if (s.push([[m, s.mask(m, [v])]])) sol = s.search({ score });
            s.pop();
            if (sol) witness(sol);
            else this.rememberImpossible(m, v, pairs, -1);
          }
        }
    }
    s.pop();

    // Selected modules: each may switch to any value that works with the others.
    pairs.forEach(([m, sv], k) => {
      if (valid) avail[vo[m] + sv] = 1;
      const open: number[] = [];
      for (let v = 0; v < mods[m].values.length; v++)
        if (!avail[vo[m] + v] && !this.knownImpossible(m, v, pairs, k)) open.push(v);
      if (!open.length) return;
      if (s.push(S.filter((_, j) => j !== k))) {
        for (const v of open) {
          if (!s.has(m, v)) continue;
          if (this.repairs(witnesses, m, v)) {
            avail[vo[m] + v] = 1;
            continue;
          }
          let sol: Int32Array | null = null;
          if (s.push([[m, s.mask(m, [v])]])) sol = s.search();
          s.pop();
          if (sol) {
            avail[vo[m] + v] = 1;
            this.remember(sol);
          } else this.rememberImpossible(m, v, pairs, k);
        }
      }
      s.pop();
    });
    return { avail: valid ? avail : invalidMarks(avail, pairs, vo), valid };
  }

  /**
   * Marks what known solutions already prove: one agreeing with every
   * selection witnesses all of its values; one differing in a single selected
   * module witnesses that module's value. A shopper changes one thing at a
   * time, so most of the last evaluation's witnesses still hold.
   */
  private recall(pairs: Pair[], avail: Uint8Array, witnesses: Int32Array[]): boolean {
    const vo = this.solver.valueOffset;
    const n = this.model.modules.length;
    let valid = false;
    for (const sol of this.known) {
      let miss = -1;
      let misses = 0;
      for (const [m, v] of pairs)
        if (sol[m] !== v) {
          miss = m;
          if (++misses > 1) break;
        }
      if (misses === 0) {
        valid = true;
        if (witnesses.length < REPAIR_TRIES) witnesses.push(sol);
        for (let m = 0; m < n; m++) avail[vo[m] + sol[m]] = 1;
      } else if (misses === 1) avail[vo[miss] + sol[miss]] = 1;
    }
    return valid;
  }

  /**
   * Whether some configuration holds all the pairs under the enabled rules
   * (all when omitted). A known valid configuration satisfies every subset
   * of the rules too, so it answers yes without a search.
   */
  private consistent(pairs: Pair[], enabled?: Uint8Array): boolean {
    for (const sol of this.known) if (pairs.every(([m, v]) => sol[m] === v)) return true;
    const sol = this.solver.solve(enabled ? { assume: this.assume(pairs), enabled } : { assume: this.assume(pairs) });
    if (sol && !enabled) this.remember(sol);
    return sol !== null;
  }

  /**
   * Whether a search already proved m = v impossible with a subset of the
   * selections (all but position `skip`): more selections cannot make it
   * possible again, and shoppers mostly add selections.
   */
  private knownImpossible(m: number, v: number, pairs: Pair[], skip: number): boolean {
    const list = this.impossible.get(this.solver.valueOffset[m] + v);
    if (!list) return false;
    const n = this.model.modules.length;
    const current = new Int32Array(n).fill(-1);
    pairs.forEach(([pm, pv], i) => i !== skip && (current[pm] = pv));
    return list.some((proof) => proof.every(([pm, pv]) => current[pm] === pv));
  }

  private rememberImpossible(m: number, v: number, pairs: Pair[], skip: number): void {
    const key = this.solver.valueOffset[m] + v;
    const list = this.impossible.get(key) ?? [];
    if (list.length >= 16) list.shift();
    list.push(pairs.filter((_, i) => i !== skip));
    this.impossible.set(key, list);
  }

  /** Whether a witness with m switched to v is still a valid configuration (checked, not searched). */
  private repairs(witnesses: Int32Array[], m: number, v: number): boolean {
    for (const sol of witnesses) {
      const old = sol[m];
      sol[m] = v;
      const ok = this.solver.satisfiesAround(sol, m);
      sol[m] = old;
      if (ok) {
        const copy = sol.slice();
        copy[m] = v;
        this.remember(copy);
        return true;
      }
    }
    return false;
  }

  private remember(sol: Int32Array): void {
    if (this.known.length < KNOWN_SOLUTIONS) this.known.push(sol);
    else this.known[this.knownNext++ % KNOWN_SOLUTIONS] = sol;
  }

  private partial(pairs: Pair[]): Record<string, Value> {
    const out: Record<string, Value> = {};
    for (const [m, v] of pairs) out[this.model.modules[m].id] = this.model.modules[m].values[v].id;
    return out;
  }

  // ---- explanations --------------------------------------------------------------

  /**
   * A minimal reason why `moduleId = value` cannot be chosen with the other
   * selections: a smallest-by-inclusion set of rules and selections that
   * together exclude it (QuickXplain). Null when the value is available.
   */
  explain(selection: Selection, moduleId: string, value: Value): Reason | null {
    const [m, v] = this.pair(moduleId, value);
    const others = this.pairs(selection)
      .filter(([om]) => om !== m)
      .reverse(); // most recent first: explanations name the latest choices
    const target: Pair = [m, v];
    const rules = this.ruleOrder;
    // Items: selections are 0..k-1, rules k.. .
    const items = [...others.map((_, i) => i), ...rules.map((_, i) => others.length + i)];
    const consistent = (chosen: number[]): boolean => {
      const enabled = new Uint8Array(this.model.rules.length);
      const assume: Pair[] = [target];
      for (const it of chosen) {
        if (it < others.length) assume.push(others[it]);
        else enabled[rules[it - others.length]] = 1;
      }
      return this.consistent(assume, enabled);
    };
    if (this.solver.rootConsistent && this.solver.solve({ assume: this.assume([target, ...others]) })) return null;
    const core = quickXplain(items, consistent);
    if (!core) return null;
    const sels = core.filter((it) => it < others.length).map((it) => others[it]);
    const rs = core.filter((it) => it >= others.length).map((it) => this.model.rules[rules[it - others.length]]);
    const mods = this.model.modules;
    const reason: Reason = {
      rules: rs.map((r) => (r.message !== undefined ? { id: r.id, message: r.message } : { id: r.id })),
      selections: sels.map(([sm, sv]) => ({ module: mods[sm].id, value: mods[sm].values[sv].id, label: mods[sm].values[sv].label })),
      text: '',
    };
    const messages = rs.map((r) => r.message).filter((x): x is string => !!x);
    const what = `${mods[m].label}: ${mods[m].values[v].label}`;
    reason.text = messages.length
      ? messages.join(' ')
      : sels.length
        ? `${what} is not available with ${sels.map(([sm, sv]) => `${mods[sm].label}: ${mods[sm].values[sv].label}`).join(' and ')}.`
        : `${what} is not available (${rs.map((r) => r.id).join(', ')}).`;
    return reason;
  }

  // ---- completion and resolution -------------------------------------------------------

  /**
   * Completes a selection into a full valid configuration: each open module
   * takes its default when the rest can still be completed, else its first
   * workable value in declaration order. Null when the selection is invalid.
   */
  complete(selection: Selection): Record<string, Value> | null {
    const sol = this.solver.solve({ assume: this.assume(this.pairs(selection)), score: this.defaultScore(), staticOrder: true });
    return sol ? this.toConfig(sol) : null;
  }

  private defaultScore(): Int32Array {
    const s = this.solver;
    const score = new Int32Array(s.totalValues);
    this.model.modules.forEach((mod, m) => {
      const n = mod.values.length;
      for (let v = 0; v < n; v++) score[s.valueOffset[m] + v] = n - v + (v === mod.defaultIndex ? 1 << 20 : 0);
    });
    return score;
  }

  /**
   * The shopper wants `moduleId = value`. Returns a complete valid
   * configuration containing it that drops as few of the shopper's other
   * selections as possible (ties: keep the more recent ones), filling changed
   * modules with their cheapest workable value and leaving the rest as they
   * were where possible. Null when no valid product contains the value.
   */
  resolve(selection: Selection, moduleId: string, value: Value): Resolution | null {
    const want = this.pair(moduleId, value);
    const pairs = this.pairs(selection);
    const Q = pairs.filter(([m]) => m !== want[0]); // oldest first
    const sat = (kept: Pair[]): boolean => this.consistent([want, ...kept]);
    if (!sat([])) return null;
    let dropped: number[] = [];
    if (!sat(Q)) {
      dropped = this.fewestDrops(Q, sat) ?? this.greedyDrops(Q, sat);
    }
    const keptPairs = Q.filter((_, i) => !dropped.includes(i));
    const before = this.complete(selection) ?? this.partial(pairs);
    const droppedModules = new Set(dropped.map((i) => Q[i][0]));
    const s = this.solver;
    const mods = this.model.modules;
    const score = new Int32Array(s.totalValues);
    mods.forEach((mod, m) => {
      const prev = before[mod.id];
      mod.values.forEach((val, v) => {
        const base = droppedModules.has(m) ? -val.price : mod.values.length - v + (v === mod.defaultIndex ? 1 << 20 : 0);
        score[s.valueOffset[m] + v] = base + (!droppedModules.has(m) && prev !== undefined && val.id === prev ? 1 << 24 : 0);
      });
    });
    const sol = s.solve({ assume: this.assume([...keptPairs, want]), score, staticOrder: true })!;
    const configuration = this.toConfig(sol);
    const newSelection: Record<string, Value> = {};
    for (const [m, v] of keptPairs) newSelection[mods[m].id] = mods[m].values[v].id;
    newSelection[moduleId] = mods[want[0]].values[want[1]].id;
    const selectedIds = new Set(pairs.map(([m]) => mods[m].id));
    const changes: Change[] = [];
    for (const mod of mods) {
      if (mod.id === moduleId) continue;
      const from = before[mod.id];
      if (from !== configuration[mod.id]) changes.push({ module: mod.id, from, to: configuration[mod.id], wasSelected: selectedIds.has(mod.id) });
    }
    changes.sort((a, b) => Number(b.wasSelected) - Number(a.wasSelected));
    return { selection: newSelection, configuration, changes, price: this.price(configuration) };
  }

  /** Smallest set of selection positions to drop, preferring to drop older ones; null past the budget. */
  private fewestDrops(Q: Pair[], sat: (kept: Pair[]) => boolean): number[] | null {
    const k = Q.length;
    const cores: Set<number>[] = [];
    let budget = RESOLVE_BUDGET;
    for (let d = 1; d <= k; d++) {
      for (const drop of colexCombinations(k, d)) {
        if (--budget < 0) return null;
        if (!cores.every((c) => drop.some((i) => c.has(i)))) continue;
        const keep = Q.map((_, i) => i).filter((i) => !drop.includes(i));
        if (sat(keep.map((i) => Q[i]))) return drop;
        // Learn why: a minimal subset of the kept selections that still clashes.
        const core = quickXplain(keep, (chosen) => sat(chosen.map((i) => Q[i])));
        cores.push(new Set(core ?? keep));
      }
    }
    return null;
  }

  private greedyDrops(Q: Pair[], sat: (kept: Pair[]) => boolean): number[] {
    const kept: number[] = [];
    for (let i = Q.length - 1; i >= 0; i--) if (sat([...kept, i].map((j) => Q[j]))) kept.push(i);
    return Q.map((_, i) => i).filter((i) => !kept.includes(i));
  }

  // ---- price -----------------------------------------------------------------------------

  /** Base price + option prices + numeric pricing + surcharges, in minor units, line by line. */
  price(configuration: Record<string, Value>): Price {
    const p = this.model.product;
    const lines: PriceLine[] = [{ label: p.name, amount: p.basePrice }];
    const chosen = new Map<number, number>();
    this.model.modules.forEach((mod, m) => {
      if (!(mod.id in configuration)) return;
      const v = valueIndex(mod, configuration[mod.id]);
      if (v < 0) return;
      chosen.set(m, v);
      const val = mod.values[v];
      if (val.price !== 0) lines.push({ label: `${mod.label}: ${val.label}`, module: mod.id, value: val.id, amount: val.price });
    });
    for (const sc of this.model.surcharges)
      if (sc.when.every(([m, vs]) => chosen.has(m) && vs.includes(chosen.get(m)!))) lines.push({ label: sc.label, amount: sc.price });
    return { amount: lines.reduce((s, l) => s + l.amount, 0), currency: p.currency, lines };
  }

  /** The module by id (for faces that render it). */
  module(id: string): CompiledModule | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.model.modules[i];
  }
}

/**
 * Junker's QuickXplain: a minimal subset of `items` that is inconsistent
 * (with the background the `consistent` check always includes), preferring
 * items that come first. Null when all items together are consistent.
 */
export function quickXplain(items: number[], consistent: (chosen: number[]) => boolean): number[] | null {
  if (consistent(items)) return null;
  if (items.length === 0) return [];
  const qx = (background: number[], delta: boolean, c: number[]): number[] => {
    if (delta && !consistent(background)) return [];
    if (c.length === 1) return c;
    const half = c.length >> 1;
    const c1 = c.slice(0, half);
    const c2 = c.slice(half);
    const d2 = qx([...background, ...c1], c1.length > 0, c2);
    const d1 = qx([...background, ...d2], d2.length > 0, c1);
    return [...d1, ...d2];
  };
  return qx([], false, items);
}

/** Combinations of size d from 0..k-1, ordered by their largest element, then the next (colex). */
function* colexCombinations(k: number, d: number): Generator<number[]> {
  const c = Array.from({ length: d }, (_, i) => i);
  if (d > k) return;
  for (;;) {
    yield c.slice();
    let i = 0;
    while (i < d - 1 && c[i] + 1 === c[i + 1]) {
      c[i] = i;
      i++;
    }
    c[i]++;
    if (c[d - 1] >= k) return;
  }
}
