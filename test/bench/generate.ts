/**
 * Large generated products for the benchmarks. Pure and deterministic: the
 * same seed gives the same file, on every machine.
 *
 * - `generateMedium(seed)`: 60 choice modules × 10 options, 300 rules:
 *   260 implications (1–3 conditions) and 40 tables over 2–4 modules, a
 *   quarter of them `forbid` tables.
 * - `generateCarScale(seed)`: shaped like a real car model (cf. the Renault
 *   Megane configuration benchmark: about 100 variables, tables of up to tens
 *   of thousands of tuples, ~10^12 solutions): 100 modules with 2–45
 *   options, 100 `allow` tables over 2–10 modules, most under 100 rows, four
 *   with 5,500–29,000 rows, ~10^12 valid configurations.
 * - `toYaml(file)`: the file as a product manager would write it (small maps
 *   and table rows in flow style), several MB for the car.
 *
 * Both generators plant structure so the product is satisfiable by
 * construction, every option is reachable and the defaults form a valid
 * configuration:
 *
 * - medium: hidden reference configurations (the first ten take each option
 *   of every module once); every rule and table is drawn at random and then
 *   repaired so that every reference configuration satisfies it.
 * - car: a hidden generative model. Modules are put in an order; a few come
 *   first and are free. Every other module is the "child" of exactly one
 *   table whose other columns ("parents") come earlier in the order. Each
 *   table's rows are the leaves of a decision tree over its parents (a cell is
 *   a value, a list of values or "*"), so its rows partition the parents'
 *   combinations, and each leaf allows exactly k_t child values. Hence the
 *   number of valid configurations is exactly
 *       Π(free modules' option counts) · Π(k_t),
 *   which is tuned to ~10^12. A dozen more tables are projections of those
 *   tables onto fewer columns (the redundant "sales" tables real models
 *   carry); they are implied, so they keep the count exact.
 */
import { mulberry32 } from '../../src/orders/seeded-random.js';
import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Condition, ConditionValue, RuleSpec, RulesFile } from '../../src/rules/schema.js';

// ---------------------------------------------------------------- randomness


export { mulberry32 };

class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let r = this.next() * weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
  /** k distinct elements, in random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    return this.shuffle([...xs]).slice(0, k);
  }
  /** A price in whole units, often zero. */
  price(max: number, zeroChance: number, step = 1): number {
    return this.chance(zeroChance) ? 0 : step * this.between(1, Math.floor(max / step));
  }
}

// ---------------------------------------------------------------- shared types

type Scalar = string | number | null;
/** A table cell: a value, a list of values, null, or "*". */
export type Cell = Scalar | Scalar[];
/** A full configuration of a generated product: module id -> option id. */
export type Configuration = Record<string, string>;

export interface GeneratedProduct {
  file: RulesFile;
  /** Configurations known to be valid (the planted references or samples of the hidden model). */
  validConfigurations: Configuration[];
  /** Exact log10 of the number of valid configurations, when the construction knows it. */
  log10Configurations?: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function cellMatches(cell: Cell, value: Scalar): boolean {
  if (cell === '*') return true;
  if (Array.isArray(cell)) return cell.includes(value);
  return cell === value;
}

/** A cell for a set of option ids: the id itself, or the list in option order. */
function cellOf(values: string[], order: readonly string[]): Cell {
  if (values.length === 1) return values[0];
  return [...values].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

function makeComponents(rnd: Random, count: number): NonNullable<RulesFile['components']> {
  const components: NonNullable<RulesFile['components']> = {};
  for (let i = 1; i <= count; i++) {
    const minutes: Record<string, number> = { assembly: rnd.between(2, 40) };
    if (rnd.chance(0.3)) minutes.painting = rnd.between(10, 90);
    if (rnd.chance(0.2)) minutes.testing = rnd.between(5, 30);
    components[`part-${pad(i, 3)}`] = {
      label: `Part ${pad(i, 3)}`,
      minutes,
      leadTimeDays: rnd.chance(0.1) ? rnd.between(20, 60) : rnd.between(1, 12),
    };
  }
  return components;
}

// ---------------------------------------------------------------- medium

export function generateMedium(seed = 1): RulesFile {
  return generateMediumProduct(seed).file;
}

/** The medium product plus its planted reference configurations. */
export function generateMediumProduct(seed = 1): GeneratedProduct {
  const rnd = new Random(seed);
  const MODULES = 60;
  const OPTIONS = 10;
  const RULES = 300;
  const TABLES = 40;
  const moduleIds = range(MODULES).map((i) => `m${pad(i + 1, 2)}`);
  const optionIds = range(OPTIONS).map((j) => `o${j}`);

  // Reference configurations: the first OPTIONS take every option of every
  // module exactly once (so no option is dead); ten more are random.
  const perms = moduleIds.map(() => rnd.shuffle([...optionIds]));
  const refs: Configuration[] = [];
  for (let i = 0; i < OPTIONS; i++) refs.push(Object.fromEntries(moduleIds.map((m, mi) => [m, perms[mi][i]])));
  for (let i = 0; i < 10; i++) refs.push(Object.fromEntries(moduleIds.map((m) => [m, rnd.pick(optionIds)])));

  const components = makeComponents(rnd, 100);
  const componentIds = Object.keys(components);
  const modules: RulesFile['modules'] = {};
  moduleIds.forEach((m, mi) => {
    const options: Record<string, { label: string; price?: number; components?: string[] }> = {};
    for (const o of optionIds) {
      const option: { label: string; price?: number; components?: string[] } = {
        label: `Option ${m.slice(1)}-${o.slice(1)}`,
        price: rnd.price(250, 0.3),
      };
      if (rnd.chance(0.5)) option.components = [rnd.pick(componentIds)];
      options[o] = option;
    }
    modules[m] = { label: `Module ${mi + 1}`, default: refs[0][m], options };
  });

  const matches = (cond: Condition, r: Configuration) =>
    Object.entries(cond).every(([m, v]) => cellMatches(v as Cell, r[m]));

  function implication(n: number): RuleSpec {
    for (;;) {
      const nWhen = 1 + rnd.weighted([0.5, 0.3, 0.2]);
      const nThen = rnd.chance(0.2) ? 2 : 1;
      const scope = rnd.sample(moduleIds, nWhen + nThen);
      const when: Condition = {};
      for (const m of scope.slice(0, nWhen)) when[m] = cellOf(rnd.sample(optionIds, rnd.between(1, 3)), optionIds) as ConditionValue;
      const hit = refs.filter((r) => matches(when, r));
      const isRequire = rnd.chance(0.55);
      const then: Condition = {};
      let ok = true;
      for (const t of scope.slice(nWhen)) {
        const used = new Set(hit.map((r) => r[t]));
        if (isRequire) {
          const values = new Set(used);
          const want = rnd.between(2, 5);
          while (values.size < want) values.add(rnd.pick(optionIds));
          if (values.size > 7) ok = false;
          then[t] = cellOf([...values], optionIds) as ConditionValue;
        } else {
          const free = optionIds.filter((o) => !used.has(o));
          if (free.length === 0) ok = false;
          else then[t] = cellOf(rnd.sample(free, Math.min(free.length, rnd.between(1, 3))), optionIds) as ConditionValue;
        }
      }
      if (!ok) continue;
      const rule: RuleSpec = { id: `r${pad(n, 3)}`, when, ...(isRequire ? { require: then } : { exclude: then }) };
      if (rnd.chance(0.5)) rule.message = `Rule ${n} does not allow this combination.`;
      return rule;
    }
  }

  function table(n: number): RuleSpec {
    const k = 2 + rnd.weighted([0.4, 0.35, 0.25]);
    const mods = rnd.sample(moduleIds, k);
    const key = (row: Cell[]) => JSON.stringify(row);
    const rows = new Map<string, Cell[]>();
    const forbid = rnd.chance(0.25);
    if (!forbid) {
      for (const r of refs) {
        const row = mods.map((m) => r[m]);
        rows.set(key(row), row);
      }
      const extra = k === 2 ? rnd.between(15, 35) : k === 3 ? rnd.between(30, 70) : rnd.between(50, 110);
      const wild = k === 2 ? 0.04 : 0.1;
      for (let i = 0; i < extra; i++) {
        const row = mods.map((): Cell =>
          rnd.chance(wild) ? '*' : rnd.chance(0.1) ? cellOf(rnd.sample(optionIds, rnd.between(2, 3)), optionIds) : rnd.pick(optionIds),
        );
        rows.set(key(row), row);
      }
    } else {
      const want = rnd.between(4, 20);
      while (rows.size < want) {
        const row = mods.map((): Cell => (k > 2 && rnd.chance(0.1) ? '*' : rnd.pick(optionIds)));
        if (!refs.some((r) => row.every((c, i) => cellMatches(c, r[mods[i]])))) rows.set(key(row), row);
      }
    }
    const list = rnd.shuffle([...rows.values()]);
    return {
      id: `t${pad(n, 3)}`,
      message: `Table ${n}: this combination is not offered.`,
      table: { modules: mods, ...(forbid ? { forbid: list } : { allow: list }) },
    };
  }

  const tableSlots = new Set(rnd.sample(range(RULES), TABLES));
  const rules = range(RULES).map((i) => (tableSlots.has(i) ? table(i + 1) : implication(i + 1)));

  const file: RulesFile = {
    product: {
      id: 'medium',
      name: 'Generated medium product',
      currency: 'EUR',
      basePrice: 1000,
      description: `Generated by test/bench/generate.ts, seed ${seed}.`,
    },
    modules,
    rules,
    components,
  };
  return { file, validConfigurations: refs };
}

// ---------------------------------------------------------------- car scale

export interface CarShape {
  modules: number;
  /** All tables: functional ones plus `impliedTables`. */
  tables: number;
  /** Tables that are projections of other tables (redundant, as in real data). */
  impliedTables: number;
  /** Modules that no table determines (free choices like "tow bar"). */
  freeModules: number;
  /** Target row counts of the big tables (8–10 columns each). */
  bigTables: number[];
  /** Largest option count; one module has exactly this many. */
  maxOptions: number;
  /** Target log10 of the number of valid configurations. */
  log10Target: number;
}

export const carScaleShape: CarShape = {
  modules: 100,
  tables: 100,
  impliedTables: 12,
  freeModules: 8,
  bigTables: [29_000, 15_000, 9_000, 5_500],
  maxOptions: 45,
  log10Target: 12,
};

export function generateCarScale(seed = 1): RulesFile {
  return generateCarScaleProduct(seed).file;
}

const CAR_MODULE_NAMES = [
  'Market', 'Model line', 'Body style', 'Engine', 'Gearbox', 'Drive', 'Trim level', 'Exterior paint',
  'Upholstery', 'Wheels', 'Tyres', 'Headlights', 'Rear lights', 'Infotainment', 'Sound system', 'Navigation',
  'Driver assistance', 'Parking assistance', 'Cruise control', 'Climate control', 'Seat heating',
  'Seat ventilation', 'Front seats', 'Rear seats', 'Steering wheel', 'Sunroof', 'Roof rails', 'Tow bar',
  'Spare wheel', 'Glazing', 'Mirrors', 'Interior trim', 'Ambient lighting', 'Keyless entry', 'Tailgate',
  'Suspension', 'Brakes', 'Exhaust', 'Battery', 'Charging cable', 'Head-up display', 'Instrument cluster',
  'Phone integration', 'Wireless charging', 'Alarm', 'Emergency call', 'Towing package', 'Winter package',
  'Comfort package', 'Sport package', 'Design package', 'Light package', 'Storage package', 'Safety package',
  'Service plan', 'Warranty extension', 'Floor mats', 'Cargo cover', 'Door sills', 'Pedals', 'Headliner',
  'Roof colour', 'Mirror caps', 'Brake calipers', 'Badging', 'Window tint', 'Fuel tank', 'Emission class',
  'Homologation', 'Language', 'Owner manual', 'Key type', 'Rear camera', 'Surround view', 'Blind-spot assist',
  'Lane assist', 'Night vision', 'Adaptive headlights', 'Rain sensor', 'Auto dimming mirror', 'Sun blinds',
  'Third row', 'Isofix', 'Child locks', 'Dashcam', 'Software package', 'Connectivity', 'Digital key',
  'Performance mode', 'Sound generator', 'Heat pump', 'Trailer assist', 'Off-road package', 'Underbody guard',
  'Mud flaps', 'Bike carrier', 'Roof box', 'Delivery option', 'Registration', 'Financing',
];

interface FunctionalTable {
  parents: number[];
  children: number[];
  /** Parent cells of each leaf (the rows' left part). */
  leaves: Cell[][];
  /** Allowed child tuples per leaf. */
  k: number;
  big: boolean;
  /** Filled in at the end: the child tuples of each leaf. */
  tuples: string[][][];
}

/** The car-scale product, its 128 planted reference configurations and the exact count of valid configurations. */
export function generateCarScaleProduct(seed = 1, shape: CarShape = carScaleShape): GeneratedProduct {
  const rnd = new Random(seed);
  const M = shape.modules;
  const functionalCount = shape.tables - shape.impliedTables;
  const childSlots = M - shape.freeModules;
  if (childSlots < functionalCount) throw new Error('shape: more functional tables than determined modules');

  // Option counts, skewed: most modules small, a few large.
  const sizes = range(M).map(() => {
    const bucket = rnd.weighted([0.55, 0.25, 0.12, 0.08]);
    const [lo, hi] = [[2, 3], [4, 8], [9, 20], [21, shape.maxOptions]][bucket];
    return Math.min(shape.maxOptions, rnd.between(lo, Math.max(lo, hi)));
  });
  sizes[rnd.int(M)] = shape.maxOptions;

  // The order: free modules first (small ones, to spend the count budget on
  // tables), then the rest, the larger ones tending to come early so that
  // late tables find parents with many options.
  const bySize = range(M).sort((a, b) => sizes[a] - sizes[b]);
  const free = rnd.sample(bySize.slice(0, Math.ceil(M * 0.7)), shape.freeModules);
  const early = range(M).map((m) => (sizes[m] >= 9 ? 0 : 0.7) + rnd.next());
  const rest = range(M)
    .filter((m) => !free.includes(m))
    .sort((x, y) => early[x] - early[y]);
  const order = [...free, ...rnd.shuffle(rest.slice(0, 12)), ...rest.slice(12)];
  const position = new Array<number>(M);
  order.forEach((m, i) => (position[m] = i));
  const hubs = new Set(order.slice(0, shape.freeModules + 8));

  // Names, ids and option codes. Names follow the order, so the first
  // modules are the hubs of a car model
  // (market, model line, body style, engine, ...).
  const nameAt = (i: number) => CAR_MODULE_NAMES[i % CAR_MODULE_NAMES.length] + (i >= CAR_MODULE_NAMES.length ? ` ${Math.floor(i / CAR_MODULE_NAMES.length) + 1}` : '');
  const names = range(M).map((m) => nameAt(position[m]));
  const ids = names.map((n) => n.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  const codeChars = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
  const options: string[][] = sizes.map((n) => {
    const codes = new Set<string>();
    while (codes.size < n) codes.add(codeChars[rnd.int(23)] + codeChars[rnd.int(33)] + codeChars[rnd.int(33)]);
    return [...codes];
  });

  // Children per functional table: one each, a few tables get two.
  const childCounts = new Array(functionalCount).fill(1);
  for (let extra = childSlots - functionalCount; extra > 0; extra--) childCounts[rnd.int(functionalCount)]++;
  // The big tables come late (many candidate parents) and have one child.
  const bigAt = new Map<number, number>();
  const lateTables = range(functionalCount).slice(Math.floor(functionalCount * 0.55));
  for (const [i, t] of rnd.sample(lateTables, shape.bigTables.length).entries()) {
    bigAt.set(t, shape.bigTables[i]);
    const moved = childCounts[t] - 1;
    childCounts[t] = 1;
    if (moved) childCounts[(t + 1) % functionalCount] += moved;
  }

  const tables: FunctionalTable[] = [];
  let pos = shape.freeModules;
  for (let t = 0; t < functionalCount; t++) {
    const children = order.slice(pos, pos + childCounts[t]);
    const candidates = order.slice(0, pos);
    pos += childCounts[t];
    const bigRows = bigAt.get(t);
    const width = bigRows ? rnd.between(8, 10) : 2 + rnd.weighted([0.38, 0.3, 0.15, 0.08, 0.04, 0.02, 0.015, 0.01, 0.005]);
    const parentCount = Math.max(1, Math.min(width - children.length, candidates.length));
    const weights = candidates.map((m) => (bigRows ? sizes[m] : 1) * (hubs.has(m) ? 6 : 1));
    const space = children.reduce((p, c) => p * sizes[c], 1);
    // Enough parents that their combinations can tell the child's options apart.
    const parents: number[] = [];
    let combinations = 1;
    const enough = 2 * Math.max(space, bigRows ?? 0);
    while (parents.length < candidates.length && (parents.length < parentCount || (combinations < enough && parents.length + children.length < 10))) {
      const i = rnd.weighted(weights);
      parents.push(candidates[i]);
      combinations *= sizes[candidates[i]];
      weights[i] = 0;
    }
    // The tree splits on hubs first, then on larger modules.
    parents.sort((a, b) => Number(hubs.has(b)) - Number(hubs.has(a)) || sizes[b] - sizes[a]);
    const targetLeaves = bigRows ?? Math.max(Math.round(Math.exp(rnd.next() * Math.log(40)) + 1), Math.ceil(1.5 * space));
    // Big tables list long modules value by value (no long lists repeated over thousands of rows).
    const leaves = tree(rnd, parents, options, targetLeaves, bigRows ? 8 : Infinity);
    tables.push({ parents, children, leaves, k: 1, big: !!bigRows, tuples: [] });
  }

  // Plant reference configurations, table by table in the order: each one
  // lands in one leaf of every table. Child values are handed out so that
  // every option of every child is taken by some reference (so no option is
  // dead) while each leaf needs as few distinct values as possible: kMin.
  const REFS = 128;
  const refs: string[][] = range(REFS).map(() => new Array<string>(M));
  for (const m of free) {
    const next = stream(rnd, options[m]);
    for (const r of refs) r[m] = next();
  }
  const required: string[][][][] = []; // per table, per leaf: required child tuples
  const kMin: number[] = [];
  for (const t of tables) {
    // Leaves by the value of the first parent, to find a reference's leaf quickly.
    const byFirst = new Map<string, number[]>(options[t.parents[0]].map((v) => [v, []]));
    t.leaves.forEach((leaf, li) => {
      for (const [v, list] of byFirst) if (cellMatches(leaf[0], v)) list.push(li);
    });
    const byLeaf = new Map<number, number[]>();
    refs.forEach((r, ri) => {
      const candidates = byFirst.get(r[t.parents[0]])!;
      const li = candidates.find((i) => t.leaves[i].every((c, j) => cellMatches(c, r[t.parents[j]]))) ?? -1;
      if (li < 0) throw new Error('generator bug: leaves do not cover the parents');
      byLeaf.set(li, [...(byLeaf.get(li) ?? []), ri]);
    });
    // Coverage items: tuples such that every child's every option occurs.
    const ns = t.children.map((c) => sizes[c]);
    const perms = t.children.map((c) => rnd.shuffle([...options[c]]));
    const cover = range(Math.max(...ns)).map((i) => perms.map((p) => p[i % p.length]));
    const hit = rnd.shuffle([...byLeaf.keys()]);
    let cap = 1;
    while (hit.reduce((s, li) => s + Math.min(cap, byLeaf.get(li)!.length), 0) < cover.length) cap++;
    const perLeaf: string[][][] = t.leaves.map(() => []);
    let next = 0;
    for (const li of hit) {
      const refsHere = byLeaf.get(li)!;
      const items = cover.slice(next, next + Math.min(cap, refsHere.length));
      next += items.length;
      if (items.length === 0) items.push(t.children.map((c) => rnd.pick(options[c])));
      refsHere.forEach((ri, i) => {
        const tuple = i < items.length ? items[i] : rnd.pick(items);
        t.children.forEach((c, j) => (refs[ri][c] = tuple[j]));
      });
      perLeaf[li] = items;
    }
    required.push(perLeaf);
    kMin.push(Math.max(1, ...perLeaf.map((items) => items.length)));
  }

  // Choose k per table: at least kMin, then raised at random until
  // Π(free option counts) · Π(k) ≈ 10^target. Big tables keep k = kMin (1).
  const childSpace = (t: FunctionalTable) => t.children.reduce((p, c) => p * sizes[c], 1);
  let log10 = free.reduce((s, m) => s + Math.log10(sizes[m]), 0);
  const kMax: number[] = [];
  tables.forEach((t, ti) => {
    t.k = kMin[ti];
    log10 += Math.log10(t.k);
    kMax.push(t.big ? t.k : Math.max(t.k, t.children.length === 1 ? childSpace(t) - 1 : Math.min(6, childSpace(t) - 1)));
  });
  const raisable = range(tables.length).filter((ti) => tables[ti].k < kMax[ti]);
  while (raisable.length) {
    const i = rnd.int(raisable.length);
    const t = tables[raisable[i]];
    const step = Math.log10((t.k + 1) / t.k);
    if (log10 + step > shape.log10Target + 0.02) {
      raisable.splice(i, 1);
      continue;
    }
    t.k++;
    log10 += step;
    if (t.k >= kMax[raisable[i]]) raisable.splice(i, 1);
  }

  // Fill the leaves: the required tuples, then others drawn from a shuffled
  // stream per child, up to k distinct tuples per leaf.
  tables.forEach((t, ti) => {
    const streams = t.children.map((c) => stream(rnd, options[c]));
    t.tuples = t.leaves.map((_, li) => {
      const tuples = [...required[ti][li]];
      const seen = new Set(tuples.map((x) => x.join('\u0000')));
      while (tuples.length < t.k) {
        const tuple = streams.map((s) => s());
        const key = tuple.join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
        tuples.push(tuple);
      }
      const rank = (tuple: string[]) => t.children.reduce((r, c, j) => r * sizes[c] + options[c].indexOf(tuple[j]), 0);
      return tuples.sort((x, y) => rank(x) - rank(y));
    });
  });

  // Rows of the functional tables.
  const rulesOut: Array<{ columns: number[]; rows: Cell[][]; message: string }> = tables.map((t) => {
    const rows: Cell[][] = [];
    const asList = !t.big && t.children.length === 1 && t.k > 1 && rnd.chance(0.5);
    t.leaves.forEach((leaf, li) => {
      if (asList) rows.push([...leaf, cellOf(t.tuples[li].map((x) => x[0]), options[t.children[0]])]);
      else for (const tuple of t.tuples[li]) rows.push([...leaf, ...tuple]);
    });
    const childNames = t.children.map((c) => names[c]);
    const parentNames = t.parents.slice(0, 3).map((p) => names[p].toLowerCase());
    if (t.parents.length > 3) parentNames.push('other choices');
    const and = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : xs[0]);
    return {
      columns: [...t.parents, ...t.children],
      rows,
      message: `This ${and(childNames).toLowerCase()} ${childNames.length > 1 ? 'are' : 'is'} not available with the chosen ${and(parentNames)}.`,
    };
  });

  // Implied tables: projections of small functional tables onto 2–4 columns.
  const implied: typeof rulesOut = [];
  for (let attempts = 0; implied.length < shape.impliedTables && attempts < 10_000; attempts++) {
    const source = rnd.pick(rulesOut.slice(0, functionalCount));
    if (source.columns.length < 3 || source.rows.length > 400) continue;
    const childCol = source.columns.length - 1;
    const others = rnd.sample(range(source.columns.length - 1), rnd.between(1, Math.min(3, source.columns.length - 2)));
    const cols = [...others.sort((a, b) => a - b), childCol];
    const seen = new Map<string, Cell[]>();
    for (const row of source.rows) {
      const projected = cols.map((c) => row[c]);
      seen.set(JSON.stringify(projected), projected);
    }
    const rows = [...seen.values()];
    if (rows.length < 2 || rows.length > 150) continue;
    const columns = cols.map((c) => source.columns[c]);
    if (!restricts(rows, columns.map((m) => options[m]))) continue;
    implied.push({ columns, rows, message: `This ${names[columns[columns.length - 1]].toLowerCase()} is not offered in this combination.` });
  }

  // Assemble the file. Defaults: the first reference configuration.
  const references: Configuration[] = refs.map((r) => Object.fromEntries(order.map((m) => [ids[m], r[m]])));
  const components = makeComponents(rnd, 150);
  const componentIds = Object.keys(components);
  const modules: RulesFile['modules'] = {};
  for (const m of order) {
    const opts: Record<string, { label: string; price?: number; components?: string[] }> = {};
    options[m].forEach((code, i) => {
      const option: { label: string; price?: number; components?: string[] } = {
        label: `${names[m]} ${code}`,
        price: rnd.price(sizes[m] > 20 ? 4000 : 1500, 0.35, 10),
      };
      if (i === 0) option.price = 0;
      if (rnd.chance(0.3)) option.components = [rnd.pick(componentIds)];
      opts[code] = option;
    });
    modules[ids[m]] = { label: names[m], default: references[0][ids[m]], options: opts };
  }
  // Rules in the order a PM keeps them: by the position of the last column
  // (the determined module), implied tables next to their sources.
  const all = [...rulesOut, ...implied].sort(
    (a, b) => position[a.columns[a.columns.length - 1]] - position[b.columns[b.columns.length - 1]],
  );
  const rules: RuleSpec[] = all.map((t, n) => ({
    id: `T${pad(n + 1, 3)}`,
    message: t.message,
    table: { modules: t.columns.map((m) => ids[m]), allow: t.rows },
  }));

  const file: RulesFile = {
    product: {
      id: 'car',
      name: 'Compact estate (generated)',
      currency: 'EUR',
      basePrice: 28990,
      description: `Generated by test/bench/generate.ts, seed ${seed}: a car-scale configuration model.`,
    },
    modules,
    rules,
    components,
  };
  return { file, validConfigurations: references, log10Configurations: log10 };
}

/** An endless stream of `values`, each pass in a new random order. */
function stream(rnd: Random, values: readonly string[]): () => string {
  let queue: string[] = [];
  return () => {
    if (queue.length === 0) queue = rnd.shuffle([...values]);
    return queue.pop()!;
  };
}

/**
 * A decision tree over `parents` with about `target` leaves. Level by level,
 * every node splits its module one value per branch, into a few lists
 * ("group"), or not at all ("*"); the modes are mixed so that each level
 * grows the frontier by its share of the target (shares ∝ log of the option
 * count, with some noise). The leaves partition the parents' combinations.
 */
function tree(rnd: Random, parents: number[], options: string[][], target: number, maxGroups: number): Cell[][] {
  const ns = parents.map((p) => options[p].length);
  // Growth per level: g_d = n_d^(a·w_d), capped at n_d, with Π g_d = target.
  const w = ns.map(() => 0.5 + rnd.next());
  const growth = ns.map(() => 1);
  const open = new Set(range(ns.length));
  let remaining = Math.log(Math.max(1, target));
  while (open.size && remaining > 1e-9) {
    const weight = [...open].reduce((s, d) => s + w[d] * Math.log(ns[d]), 0);
    const a = remaining / weight;
    const capped = [...open].filter((d) => a * w[d] >= 1);
    if (capped.length === 0) {
      for (const d of open) growth[d] = ns[d] ** (a * w[d]);
      break;
    }
    for (const d of capped) {
      growth[d] = ns[d];
      remaining -= Math.log(ns[d]);
      open.delete(d);
    }
  }
  // Frontier size wanted after each level, from the target (so that a level
  // that overshoots is made up for by the next ones).
  const after = ns.map((_, d) => target / growth.slice(d + 1).reduce((p, g) => p * g, 1));
  let frontier: Cell[][] = [[]];
  ns.forEach((n, d) => {
    const values = options[parents[d]];
    // "group" splits into about √n lists of similar length (a PM's value groups).
    const group = n > maxGroups * 2 ? 1 : n >= 5 ? Math.min(n - 1, Math.max(3, Math.round(Math.sqrt(n)))) : n >= 3 ? 2 : 1;
    let needed = Math.min(frontier.length * n, Math.max(frontier.length, Math.round(after[d])));
    const next: Cell[][] = [];
    rnd.shuffle(frontier).forEach((prefix, i) => {
      const per = needed / (frontier.length - i);
      let ways: number;
      if (per >= n) ways = n;
      else if (per <= 1) ways = 1;
      else if (group > 1 && per < group) ways = rnd.chance((per - 1) / (group - 1)) ? group : 1;
      else if (group > 1) ways = rnd.chance((per - group) / (n - group)) ? n : group;
      else ways = rnd.chance((per - 1) / (n - 1)) ? n : 1;
      needed -= ways;
      if (ways === 1) next.push([...prefix, '*']);
      else if (ways === n) for (const v of values) next.push([...prefix, v]);
      else {
        const shuffled = rnd.shuffle([...values]);
        for (let g = 0; g < ways; g++) {
          const part = shuffled.slice(Math.round((g * n) / ways), Math.round(((g + 1) * n) / ways));
          next.push([...prefix, cellOf(part, values)]);
        }
      }
    });
    frontier = next;
  });
  // Rows read best sorted by their cells, as a PM's spreadsheet is.
  const rank = parents.map((p) => new Map(options[p].map((v, i) => [v, i])));
  const key = (c: Cell, d: number) => (c === '*' ? -1 : Array.isArray(c) ? rank[d].get(c[0] as string)! : rank[d].get(c as string)!);
  return frontier.sort((x, y) => {
    for (let d = 0; d < x.length; d++) if (key(x[d], d) !== key(y[d], d)) return key(x[d], d) - key(y[d], d);
    return 0;
  });
}

/** True when the rows leave out at least one combination of the columns' values (checked by sampling). */
function restricts(rows: Cell[][], domains: string[][]): boolean {
  const rnd = new Random(rows.length * 7919 + domains.length);
  for (let i = 0; i < 2000; i++) {
    const tuple = domains.map((d) => rnd.pick(d));
    if (!rows.some((row) => row.every((c, j) => cellMatches(c, tuple[j])))) return true;
  }
  return false;
}

// ---------------------------------------------------------------- estimate

/**
 * A first-moment estimate of log10(number of valid configurations) for any
 * rules file: log10 of the whole space plus, for every rule and table, log10
 * of the fraction of its columns' combinations it allows, as if the rules
 * were independent. The fraction is counted exactly when the columns have
 * few combinations; otherwise a table's fraction is the sum of its rows'
 * volumes (exact when rows don't overlap, an upper bound otherwise).
 *
 * For the car-scale product the functional tables' terms add up to the exact
 * count; the implied tables are not independent, so the estimate comes out
 * lower than the true count by their (redundant) share.
 */
export function estimateLog10Configurations(file: RulesFile): number {
  const domains = new Map<string, Scalar[]>();
  for (const [id, m] of Object.entries(file.modules)) {
    const values: Scalar[] = [];
    if (m.type === 'number') {
      const step = m.step ?? 1;
      for (let v = m.min; v <= m.max + 1e-9; v += step) values.push(Math.round(v * 1e6) / 1e6);
    } else values.push(...Object.keys(m.options));
    if (m.optional) values.push(null);
    domains.set(id, values);
  }
  let log10 = 0;
  for (const d of domains.values()) log10 += Math.log10(d.length);
  const test = (v: ConditionValue | Cell, x: Scalar): boolean => {
    if (v === '*') return true;
    if (Array.isArray(v)) return v.includes(x);
    if (v !== null && typeof v === 'object') {
      return typeof x === 'number' && (v.min === undefined || x >= v.min) && (v.max === undefined || x <= v.max);
    }
    return v === x;
  };
  for (const rule of file.rules ?? []) {
    let scope: string[];
    let holds: (tuple: Scalar[]) => boolean;
    let cost = 1;
    if ('table' in rule && rule.table) {
      const { modules, allow, forbid } = rule.table;
      const rows = (allow ?? forbid ?? []) as Cell[][];
      scope = modules;
      holds = (tuple) => rows.some((row) => row.every((c, i) => test(c, tuple[i]))) === !!allow;
      cost = rows.length;
      const space = scope.reduce((p, m) => p * domains.get(m)!.length, 1);
      if (space * cost > 5e6) {
        const share = (c: Cell, i: number) => (c === '*' ? 1 : (Array.isArray(c) ? c.length : 1) / domains.get(scope[i])!.length);
        const volume = rows.reduce((s, row) => s + row.reduce<number>((p, c, i) => p * share(c, i), 1), 0);
        const allowed = allow ? Math.min(1, volume) : Math.max(0, 1 - volume);
        log10 += Math.log10(Math.max(allowed, 1 / space));
        continue;
      }
    } else {
      const r = rule as { when?: Condition; require?: Condition; exclude?: Condition };
      const when = Object.entries(r.when ?? {});
      const req = Object.entries(r.require ?? {});
      const exc = Object.entries(r.exclude ?? {});
      scope = [...new Set([...when, ...req, ...exc].map(([m]) => m))];
      const at = (tuple: Scalar[], m: string) => tuple[scope.indexOf(m)];
      holds = (tuple) =>
        !when.every(([m, v]) => test(v, at(tuple, m))) ||
        (req.every(([m, v]) => test(v, at(tuple, m))) && exc.every(([m, v]) => !test(v, at(tuple, m))));
    }
    const doms = scope.map((m) => domains.get(m)!);
    const space = doms.reduce((p, d) => p * d.length, 1);
    let allowed = 0;
    const tuple: Scalar[] = new Array(scope.length);
    const walk = (i: number) => {
      if (i === scope.length) {
        if (holds(tuple)) allowed++;
        return;
      }
      for (const v of doms[i]) {
        tuple[i] = v;
        walk(i + 1);
      }
    };
    walk(0);
    log10 += Math.log10(Math.max(allowed, 1) / space);
  }
  return log10;
}

// ---------------------------------------------------------------- shape and YAML

export interface ProductShape {
  modules: number;
  options: { total: number; min: number; median: number; max: number };
  implications: number;
  tables: number;
  tableWidths: { min: number; max: number };
  rows: { total: number; under100: number; largest: number[] };
}

/** Counts for reports: modules, options, rules, tables and rows. */
export function shapeOf(file: RulesFile): ProductShape {
  const counts = Object.values(file.modules)
    .map((m) => (m.type === 'number' ? Math.round((m.max - m.min) / (m.step ?? 1)) + 1 : Object.keys(m.options).length))
    .sort((a, b) => a - b);
  const tables = (file.rules ?? []).flatMap((r) => ('table' in r && r.table ? [r.table] : []));
  const rows = tables.map((t) => (t.allow ?? t.forbid ?? []).length).sort((a, b) => b - a);
  const widths = tables.map((t) => t.modules.length);
  return {
    modules: counts.length,
    options: { total: counts.reduce((s, n) => s + n, 0), min: counts[0], median: counts[counts.length >> 1], max: counts[counts.length - 1] },
    implications: (file.rules ?? []).length - tables.length,
    tables: tables.length,
    tableWidths: { min: Math.min(...widths), max: Math.max(...widths) },
    rows: { total: rows.reduce((s, n) => s + n, 0), under100: rows.filter((n) => n < 100).length, largest: rows.slice(0, 5) },
  };
}

/**
 * The file as YAML, styled as a product manager writes it: small maps and
 * lists on one line (`{ label: ..., price: ... }`), every table row on one
 * line, no anchors.
 */
export function toYaml(file: RulesFile): string {
  const doc = new Document(file, { aliasDuplicateObjects: false });
  // Post-order walk: returns the node's length on one line, or -1 when it stays in block style.
  const style = (node: unknown, depth: number, holdsRows: boolean): number => {
    if (isScalar(node)) return String(node.value).length + 2;
    if (!isMap(node) && !isSeq(node)) return 0;
    let length = 2;
    let flow = true;
    for (const item of node.items) {
      let n: number;
      if (isPair(item)) {
        const key = isScalar(item.key) ? String(item.key.value) : '';
        const rows = key === 'allow' || key === 'forbid';
        n = style(item.value, depth + 1, rows);
        if (rows) n = -1; // one row per line
        length += key.length + 2;
      } else {
        n = style(item, depth + 1, false);
        if (holdsRows && isSeq(item)) item.flow = true;
      }
      if (n < 0) flow = false;
      else length += n + 2;
    }
    if (flow && depth >= 2 && length <= 100) {
      node.flow = true;
      return length;
    }
    return -1;
  };
  style(doc.contents, 0, false);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
