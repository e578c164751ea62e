/**
 * A finite-domain constraint solver made for configuration: few variables
 * (modules), small domains (options), and two kinds of constraints:
 *
 * - clauses over set literals ("frame is basic OR width is in 100..160"),
 *   propagated like SAT clauses: when one literal is left, its set is enforced;
 * - tables, propagated to generalized arc consistency with a compact-table
 *   style bitset of the rows still alive (Demeulenaere et al., CP 2016), so a
 *   30,000-row table costs a few hundred word operations per change.
 *
 * Search is maintain-arc-consistency depth-first with binary branching
 * (x = v, then x != v) and dom/wdeg variable ordering. It is complete, so every
 * query answers exactly. It never uses eval or code generation (runs under a
 * strict Content-Security-Policy).
 *
 * Invariants:
 * - `state` holds every piece of backtrackable data as 32-bit words: the
 *   domains, each table's live-row bitset, and each table's snapshot of the
 *   domains it last saw. Every write goes through `write()`, which trails the
 *   old word once per level, so backtracking restores all of them together.
 * - Level 0 is the root propagated with all rules enabled. A query pushes
 *   levels above it and always returns to level 0.
 */
import type { CompiledModel } from './model.js';

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/** A set of value indices of one module, as words. */
export type Mask = Uint32Array;

export interface SolveOptions {
  /** Domain restrictions: module index -> allowed values. */
  assume?: ReadonlyArray<readonly [number, Mask]>;
  /** Per flat value index (see `valueOffset`), higher is tried first. */
  score?: Int32Array;
  /** Pick modules in index order instead of dom/wdeg (gives the lexicographically first solution). */
  staticOrder?: boolean;
  /** Rule groups switched on (all when omitted). */
  enabled?: Uint8Array;
}

export class Solver {
  readonly moduleCount: number;
  readonly domSize: Int32Array;
  readonly words: Int32Array;
  readonly off: Int32Array;
  /** Flat value index of module m's value 0. */
  readonly valueOffset: Int32Array;
  readonly totalValues: number;
  readonly ruleCount: number;
  /** False when the rules (all enabled) admit no configuration at all. */
  readonly rootConsistent: boolean;

  private state: Uint32Array;
  private stamp: Int32Array;
  private pristine: Uint32Array;
  private root: Uint32Array | null = null;
  private trailIdx = new Int32Array(1024);
  private trailOld = new Uint32Array(1024);
  private trailStamp = new Int32Array(1024);
  private trailLen = 0;
  private levelStart: number[] = [];
  private level = 0;

  // Constraints: ids 0..clauseCount-1 are clauses, then tables.
  private clauseCount: number;
  private cRule: Int32Array;
  private cLitStart: Int32Array;
  private litModule: Int32Array;
  private litMask: Int32Array;
  private maskPool: Uint32Array;
  private tableCount: number;
  private tRule: Int32Array;
  private tModules: Int32Array[];
  private tWords: Int32Array;
  private tCurr: Int32Array;
  private tSnap: Int32Array[];
  /** Per table and column: rows whose cell is exactly value v (W words per value). */
  private tStrict: Int32Array[];
  /** Per table and column: rows whose cell holds value v, alone or in a set. */
  private tStar: Int32Array[];
  private tWild: Int32Array[];
  /** Per table and column: 1 when some cell is a set of values. */
  private tHasSet: Uint8Array[];
  /** Per table and column: 1 when some cell is "*" (else no scan for live wildcard rows). */
  private tHasWild: Uint8Array[];
  private supPool: Uint32Array;
  private tResidue: Int32Array[];
  private tWildResidue: Int32Array[];
  /** Reversible sparse bitset: the live words are tIndex[t][0 .. state[tLimit[t]]). */
  private tIndex: Int32Array[];
  private tLimit: Int32Array;
  private watch: Int32Array[];
  private weight: Float64Array;
  private modWeight: Float64Array;
  private enabled: Uint8Array;
  private allEnabled: Uint8Array;
  private queue: Int32Array;
  private inQueue: Uint8Array;
  private qHead = 0;
  private qLen = 0;
  private scratch: Uint32Array;

  constructor(model: CompiledModel) {
    const mods = model.modules;
    const n = (this.moduleCount = mods.length);
    this.domSize = new Int32Array(n);
    this.words = new Int32Array(n);
    this.off = new Int32Array(n);
    this.valueOffset = new Int32Array(n);
    let w = 0;
    let vo = 0;
    for (let m = 0; m < n; m++) {
      const size = mods[m].values.length;
      this.domSize[m] = size;
      this.words[m] = (size + 31) >>> 5;
      this.off[m] = w;
      this.valueOffset[m] = vo;
      w += this.words[m];
      vo += size;
    }
    this.totalValues = vo;
    this.ruleCount = model.rules.length;

    const clauses = model.constraints.filter((c) => c.kind === 'clause');
    const tables = model.constraints.filter((c) => c.kind === 'table');
    this.clauseCount = clauses.length;
    this.tableCount = tables.length;

    // Clause literal masks.
    let litTotal = 0;
    let maskWords = 0;
    for (const c of clauses) {
      litTotal += c.lits.length;
      for (const [m] of c.lits) maskWords += this.words[m];
    }
    this.cRule = new Int32Array(clauses.length);
    this.cLitStart = new Int32Array(clauses.length + 1);
    this.litModule = new Int32Array(litTotal);
    this.litMask = new Int32Array(litTotal);
    this.maskPool = new Uint32Array(Math.max(1, maskWords));
    let li = 0;
    let mp = 0;
    clauses.forEach((c, ci) => {
      this.cRule[ci] = c.rule;
      this.cLitStart[ci] = li;
      for (const [m, values] of c.lits) {
        this.litModule[li] = m;
        this.litMask[li] = mp;
        for (const v of values) this.maskPool[mp + (v >>> 5)] |= 1 << (v & 31);
        mp += this.words[m];
        li++;
      }
    });
    this.cLitStart[clauses.length] = li;

    // Tables: live rows (a reversible sparse bitset), snapshots, supports.
    this.tRule = new Int32Array(tables.length);
    this.tModules = [];
    this.tWords = new Int32Array(tables.length);
    this.tCurr = new Int32Array(tables.length);
    this.tLimit = new Int32Array(tables.length);
    this.tSnap = [];
    this.tStrict = [];
    this.tStar = [];
    this.tWild = [];
    this.tHasSet = [];
    this.tHasWild = [];
    this.tResidue = [];
    this.tWildResidue = [];
    this.tIndex = [];
    let supWords = 0;
    tables.forEach((t) => {
      const W = (t.rows.length + 31) >>> 5;
      t.modules.forEach((m, j) => {
        const sets = t.rows.some((row) => Array.isArray(row[j]));
        supWords += W * ((sets ? 2 : 1) * this.domSize[m] + 1);
      });
    });
    this.supPool = new Uint32Array(Math.max(1, supWords));
    let sp = 0;
    tables.forEach((t, ti) => {
      const W = (t.rows.length + 31) >>> 5;
      const k = t.modules.length;
      this.tRule[ti] = t.rule;
      this.tModules.push(Int32Array.from(t.modules));
      this.tWords[ti] = W;
      this.tCurr[ti] = w;
      w += W;
      this.tLimit[ti] = w;
      w += 1;
      this.tIndex.push(Int32Array.from({ length: W }, (_, i) => i));
      const snaps = new Int32Array(k);
      const strict = new Int32Array(k);
      const star = new Int32Array(k);
      const wild = new Int32Array(k);
      const hasSet = new Uint8Array(k);
      t.modules.forEach((m, j) => {
        snaps[j] = w;
        w += this.words[m];
        hasSet[j] = t.rows.some((row) => Array.isArray(row[j])) ? 1 : 0;
        star[j] = sp;
        sp += W * this.domSize[m];
        // Without set cells the rows holding v are exactly the rows equal to v.
        strict[j] = hasSet[j] ? sp : star[j];
        if (hasSet[j]) sp += W * this.domSize[m];
        wild[j] = sp;
        sp += W;
      });
      t.rows.forEach((row, r) => {
        const bit = 1 << (r & 31);
        const word = r >>> 5;
        row.forEach((cell, j) => {
          if (Array.isArray(cell)) for (const v of cell) this.supPool[star[j] + v * W + word] |= bit;
          else if (cell < 0) this.supPool[wild[j] + word] |= bit;
          else {
            this.supPool[star[j] + cell * W + word] |= bit;
            if (hasSet[j]) this.supPool[strict[j] + cell * W + word] |= bit;
          }
        });
      });
      this.tSnap.push(snaps);
      this.tStrict.push(strict);
      this.tStar.push(star);
      this.tWild.push(wild);
      this.tHasSet.push(hasSet);
      this.tHasWild.push(Uint8Array.from(t.modules, (_, j) => (t.rows.some((row) => row[j] === -1) ? 1 : 0)));
      this.tResidue.push(new Int32Array(t.modules.reduce((a, m) => a + this.domSize[m], 0)));
      this.tWildResidue.push(new Int32Array(k));
    });

    // Initial state: full domains, all rows alive, snapshots = full domains.
    this.state = new Uint32Array(w);
    for (let m = 0; m < n; m++) this.fillFull(this.state, this.off[m], this.domSize[m]);
    tables.forEach((t, ti) => {
      this.fillFull(this.state, this.tCurr[ti], t.rows.length);
      this.state[this.tLimit[ti]] = this.tWords[ti];
      t.modules.forEach((m, j) => this.fillFull(this.state, this.tSnap[ti][j], this.domSize[m]));
    });
    this.stamp = new Int32Array(w).fill(-1);
    this.pristine = this.state.slice();
    this.scratch = new Uint32Array(Math.max(1, ...Array.from(this.words)));

    // Watches: module -> constraints.
    const watchLists: number[][] = Array.from({ length: n }, () => []);
    for (let c = 0; c < clauses.length; c++)
      for (let l = this.cLitStart[c]; l < this.cLitStart[c + 1]; l++) watchLists[this.litModule[l]].push(c);
    tables.forEach((t, ti) => t.modules.forEach((m) => watchLists[m].push(clauses.length + ti)));
    this.watch = watchLists.map((l) => Int32Array.from(new Set(l)));
    const cc = clauses.length + tables.length;
    this.weight = new Float64Array(cc).fill(1);
    this.modWeight = new Float64Array(n);
    this.queue = new Int32Array(cc + 1);
    this.inQueue = new Uint8Array(cc);
    this.allEnabled = new Uint8Array(this.ruleCount).fill(1);
    this.enabled = this.allEnabled;

    this.rootConsistent = this.propagateAll();
    this.root = this.rootConsistent ? this.state.slice() : null;
    this.trailLen = 0;
    this.stamp.fill(-1);
  }

  private fillFull(a: Uint32Array, at: number, bits: number): void {
    const W = (bits + 31) >>> 5;
    for (let i = 0; i < W; i++) a[at + i] = 0xffffffff;
    if (bits & 31) a[at + W - 1] = (1 << (bits & 31)) - 1;
  }

  /** Bytes held by the compiled constraint store (typed arrays), for the benchmarks. */
  memoryBytes(): number {
    const arrays: ArrayLike<unknown>[] = [];
    for (const v of Object.values(this)) {
      if (ArrayBuffer.isView(v)) arrays.push(v as unknown as ArrayLike<unknown>);
      else if (Array.isArray(v)) for (const x of v) if (ArrayBuffer.isView(x)) arrays.push(x as unknown as ArrayLike<unknown>);
    }
    return arrays.reduce((sum, a) => sum + (a as unknown as ArrayBufferView).byteLength, 0);
  }

  /** A mask holding the given value indices of module m. */
  mask(m: number, values: Iterable<number>): Mask {
    const out = new Uint32Array(this.words[m]);
    for (const v of values) out[v >>> 5] |= 1 << (v & 31);
    return out;
  }

  // ---- trailed state -------------------------------------------------------

  private write(i: number, value: number): void {
    const s = this.state;
    if (s[i] === value >>> 0) return;
    if (this.stamp[i] !== this.level) {
      if (this.trailLen === this.trailIdx.length) this.growTrail();
      this.trailIdx[this.trailLen] = i;
      this.trailOld[this.trailLen] = s[i];
      this.trailStamp[this.trailLen] = this.stamp[i];
      this.trailLen++;
      this.stamp[i] = this.level;
    }
    s[i] = value;
  }

  private growTrail(): void {
    const size = this.trailIdx.length * 2;
    const idx = new Int32Array(size);
    idx.set(this.trailIdx);
    const old = new Uint32Array(size);
    old.set(this.trailOld);
    const st = new Int32Array(size);
    st.set(this.trailStamp);
    this.trailIdx = idx;
    this.trailOld = old;
    this.trailStamp = st;
  }

  private pushLevel(): void {
    this.levelStart.push(this.trailLen);
    this.level++;
  }

  private popTo(level: number): void {
    while (this.level > level) {
      const start = this.levelStart.pop()!;
      for (let t = this.trailLen - 1; t >= start; t--) {
        const i = this.trailIdx[t];
        this.state[i] = this.trailOld[t];
        this.stamp[i] = this.trailStamp[t];
      }
      this.trailLen = start;
      this.level--;
    }
  }

  // ---- domains -------------------------------------------------------------

  size(m: number): number {
    let c = 0;
    const o = this.off[m];
    for (let i = 0; i < this.words[m]; i++) c += popcount(this.state[o + i]);
    return c;
  }

  has(m: number, v: number): boolean {
    return (this.state[this.off[m] + (v >>> 5)] & (1 << (v & 31))) !== 0;
  }

  /** The current domain of module m as value indices. */
  domain(m: number): number[] {
    const out: number[] = [];
    const o = this.off[m];
    for (let i = 0; i < this.words[m]; i++) {
      let x = this.state[o + i];
      while (x) {
        const b = 31 - Math.clz32(x & -x);
        out.push(i * 32 + b);
        x &= x - 1;
      }
    }
    return out;
  }

  /** dom(m) &= mask (mask words at `pool[at..]`). Returns false on a wipe-out. */
  private restrict(m: number, pool: Uint32Array, at: number): boolean {
    const o = this.off[m];
    let changed = false;
    let any = 0;
    for (let i = 0; i < this.words[m]; i++) {
      const cur = this.state[o + i];
      const nv = (cur & pool[at + i]) >>> 0;
      any |= nv;
      if (nv !== cur) {
        this.write(o + i, nv);
        changed = true;
      }
    }
    if (any === 0) return false;
    if (changed) this.schedule(m);
    return true;
  }

  private removeValue(m: number, v: number): boolean {
    const i = this.off[m] + (v >>> 5);
    const cur = this.state[i];
    const bit = 1 << (v & 31);
    if (!(cur & bit)) return true;
    this.write(i, (cur & ~bit) >>> 0);
    this.schedule(m);
    return this.size(m) > 0;
  }

  private assign(m: number, v: number): void {
    const o = this.off[m];
    for (let i = 0; i < this.words[m]; i++) this.write(o + i, i === v >>> 5 ? (1 << (v & 31)) >>> 0 : 0);
    this.schedule(m);
  }

  // ---- propagation -----------------------------------------------------------

  private schedule(m: number): void {
    const list = this.watch[m];
    for (let k = 0; k < list.length; k++) {
      const c = list[k];
      if (this.inQueue[c]) continue;
      const rule = c < this.clauseCount ? this.cRule[c] : this.tRule[c - this.clauseCount];
      if (!this.enabled[rule]) continue;
      this.inQueue[c] = 1;
      this.queue[(this.qHead + this.qLen++) % this.queue.length] = c;
    }
  }

  private clearQueue(): void {
    while (this.qLen > 0) {
      this.inQueue[this.queue[this.qHead]] = 0;
      this.qHead = (this.qHead + 1) % this.queue.length;
      this.qLen--;
    }
  }

  private propagateAll(): boolean {
    const total = this.clauseCount + this.tableCount;
    for (let c = 0; c < total; c++) {
      const rule = c < this.clauseCount ? this.cRule[c] : this.tRule[c - this.clauseCount];
      if (!this.enabled[rule] || this.inQueue[c]) continue;
      this.inQueue[c] = 1;
      this.queue[(this.qHead + this.qLen++) % this.queue.length] = c;
    }
    return this.propagate();
  }

  private propagate(): boolean {
    while (this.qLen > 0) {
      const c = this.queue[this.qHead];
      this.qHead = (this.qHead + 1) % this.queue.length;
      this.qLen--;
      // Stays marked while it runs: its own prunings need no second pass.
      const ok = c < this.clauseCount ? this.propagateClause(c) : this.propagateTable(c - this.clauseCount);
      this.inQueue[c] = 0;
      if (!ok) {
        this.weight[c] += 1;
        this.bumpModules(c);
        this.clearQueue();
        return false;
      }
    }
    return true;
  }

  private bumpModules(c: number): void {
    if (c < this.clauseCount) {
      for (let l = this.cLitStart[c]; l < this.cLitStart[c + 1]; l++) this.modWeight[this.litModule[l]] += 1;
    } else for (const m of this.tModules[c - this.clauseCount]) this.modWeight[m] += 1;
  }

  private propagateClause(c: number): boolean {
    let open = -1;
    let count = 0;
    const s = this.state;
    for (let l = this.cLitStart[c]; l < this.cLitStart[c + 1]; l++) {
      const m = this.litModule[l];
      const o = this.off[m];
      const mk = this.litMask[l];
      let meets = false;
      let inside = true;
      for (let i = 0; i < this.words[m]; i++) {
        const d = s[o + i];
        const k = this.maskPool[mk + i];
        if (d & k) meets = true;
        if (d & ~k) inside = false;
      }
      if (!meets) continue;
      if (inside) return true;
      count++;
      open = l;
      if (count > 1) return true;
    }
    if (count === 0) return false;
    return this.restrict(this.litModule[open], this.maskPool, this.litMask[open]);
  }

  private propagateTable(t: number): boolean {
    const s = this.state;
    const mods = this.tModules[t];
    const W = this.tWords[t];
    const curr = this.tCurr[t];
    const pool = this.supPool;
    const index = this.tIndex[t];
    let limit = s[this.tLimit[t]];
    // 1. Drop the rows that lost their value since this table last looked.
    for (let j = 0; j < mods.length; j++) {
      const m = mods[j];
      const o = this.off[m];
      const snap = this.tSnap[t][j];
      let removed = 0;
      let kept = 0;
      for (let i = 0; i < this.words[m]; i++) {
        removed += popcount(s[snap + i] & ~s[o + i]);
        kept += popcount(s[o + i]);
      }
      if (removed === 0) continue;
      if (removed <= kept && !this.tHasSet[t][j]) {
        // Incremental: a row whose single value was removed dies.
        const strict = this.tStrict[t][j];
        for (let i = 0; i < this.words[m]; i++) {
          let x = (s[snap + i] & ~s[o + i]) >>> 0;
          while (x) {
            const v = i * 32 + (31 - Math.clz32(x & -x));
            x &= x - 1;
            const base = strict + v * W;
            for (let p = 0; p < limit; p++) {
              const k = index[p];
              const cw = s[curr + k];
              if (cw & pool[base + k]) this.write(curr + k, (cw & ~pool[base + k]) >>> 0);
            }
          }
        }
      } else {
        // Reset: keep the rows that still hold some value of the domain.
        const star = this.tStar[t][j];
        const wild = this.tWild[t][j];
        const dom = this.domain(m);
        for (let p = 0; p < limit; p++) {
          const k = index[p];
          const cw = s[curr + k];
          let keep = pool[wild + k];
          for (let d = 0; d < dom.length && (cw & ~keep) !== 0; d++) keep |= pool[star + dom[d] * W + k];
          const nv = (cw & keep) >>> 0;
          if (nv !== cw) this.write(curr + k, nv);
        }
      }
      for (let i = 0; i < this.words[m]; i++) this.write(snap + i, s[o + i]);
    }
    // Words that became empty leave the live range (no trail needed for the
    // permutation: only the limit is restored, and the set below it is).
    for (let p = limit - 1; p >= 0; p--) {
      const k = index[p];
      if (s[curr + k] === 0) {
        index[p] = index[limit - 1];
        index[limit - 1] = k;
        limit--;
      }
    }
    this.write(this.tLimit[t], limit);
    if (limit === 0) return false;
    // 2. Remove the values no live row supports any more.
    let resBase = 0;
    for (let j = 0; j < mods.length; j++) {
      const m = mods[j];
      const star = this.tStar[t][j];
      const wild = this.tWild[t][j];
      const res = this.tResidue[t];
      const wr = this.tWildResidue[t][j];
      // A fixed module is supported by every live row (step 1 kept only rows holding its value).
      if (this.size(m) === 1) {
        resBase += this.domSize[m];
        continue;
      }
      const hasWild = this.tHasWild[t][j] === 1;
      let wildAlive = hasWild && (s[curr + wr] & pool[wild + wr]) !== 0;
      for (let p = 0; p < limit && hasWild && !wildAlive; p++) {
        const k = index[p];
        if (s[curr + k] & pool[wild + k]) {
          wildAlive = true;
          this.tWildResidue[t][j] = k;
        }
      }
      if (!wildAlive) {
        const o = this.off[m];
        let pruned = false;
        for (let i = 0; i < this.words[m]; i++) {
          let x = s[o + i];
          while (x) {
            const v = i * 32 + (31 - Math.clz32(x & -x));
            x &= x - 1;
            const base = star + v * W;
            const r = res[resBase + v];
            if (s[curr + r] & pool[base + r]) continue;
            let found = -1;
            for (let p = 0; p < limit; p++) {
              const k = index[p];
              if (s[curr + k] & pool[base + k]) {
                found = k;
                break;
              }
            }
            if (found >= 0) res[resBase + v] = found;
            else {
              if (!this.removeValue(m, v)) return false;
              pruned = true;
            }
          }
        }
        // Our own removals must not re-trigger this table's row update.
        if (pruned) for (let i = 0; i < this.words[m]; i++) this.write(this.tSnap[t][j] + i, s[this.off[m] + i]);
      }
      resBase += this.domSize[m];
    }
    return true;
  }

  // ---- search ----------------------------------------------------------------

  /**
   * Finds a complete assignment satisfying the enabled rules and the
   * assumptions, or null when there is none. Always returns to level 0.
   */
  solve(opts: SolveOptions = {}): Int32Array | null {
    const custom = opts.enabled !== undefined && opts.enabled !== this.allEnabled;
    const top = this.level;
    if (custom) {
      if (top !== 0) throw new Error('custom rule sets are solved from the root only');
      this.state.set(this.pristine);
      this.enabled = opts.enabled!;
      this.pushLevel();
      if (!this.propagateAll()) return this.finish(top, custom, null);
    } else if (!this.root) return null;
    if (!this.push(opts.assume ?? [])) return this.finish(top, custom, null);
    return this.finish(top, custom, this.search(opts));
  }

  private finish(level: number, custom: boolean, result: Int32Array | null): Int32Array | null {
    this.clearQueue();
    this.popTo(level);
    if (custom) {
      this.enabled = this.allEnabled;
      if (this.root) this.state.set(this.root);
    }
    return result;
  }

  /**
   * Pushes a level with the domains restricted and propagated. False on a
   * wipe-out; the level is pushed either way, so callers always `pop()`.
   * Queries sharing assumptions push them once and search many times above.
   */
  push(assume: ReadonlyArray<readonly [number, Mask]>): boolean {
    this.pushLevel();
    if (!this.root && this.enabled === this.allEnabled) return false;
    for (const [m, mask] of assume) {
      this.scratch.set(mask);
      if (!this.restrict(m, this.scratch, 0)) {
        this.clearQueue();
        return false;
      }
    }
    if (this.propagate()) return true;
    this.clearQueue();
    return false;
  }

  /** Undoes the latest `push`. */
  pop(): void {
    this.clearQueue();
    this.popTo(this.level - 1);
  }

  /** A solution extending the current level, or null; returns to the current level. */
  search(opts: Pick<SolveOptions, 'score' | 'staticOrder'> = {}): Int32Array | null {
    const base = this.level;
    const decisions: number[] = [];
    const score = opts.score;
    for (;;) {
      const m = opts.staticOrder ? this.firstOpen() : this.pickModule();
      if (m < 0) {
        const sol = new Int32Array(this.moduleCount);
        for (let k = 0; k < this.moduleCount; k++) sol[k] = this.firstValue(k);
        this.popTo(base);
        return sol;
      }
      const v = this.pickValue(m, score);
      this.pushLevel();
      decisions.push(m, v);
      this.assign(m, v);
      let ok = this.propagate();
      while (!ok) {
        // Refute the latest decision one level down; climb while that fails too.
        if (this.level === base) return null;
        const dv = decisions.pop()!;
        const dm = decisions.pop()!;
        this.popTo(this.level - 1);
        ok = this.removeValue(dm, dv) && this.propagate();
        if (!ok) this.clearQueue();
      }
    }
  }

  /** The current domains (after the pushed levels' propagation). */
  domains(): number[][] {
    return Array.from({ length: this.moduleCount }, (_, m) => this.domain(m));
  }

  private firstValue(m: number): number {
    const o = this.off[m];
    for (let i = 0; i < this.words[m]; i++) {
      const x = this.state[o + i];
      if (x) return i * 32 + (31 - Math.clz32(x & -x));
    }
    return -1;
  }

  /**
   * Whether the full assignment `sol` satisfies every enabled constraint on
   * module m. Used to test a known solution with one module changed, which
   * is far cheaper than a search.
   */
  satisfiesAround(sol: Int32Array, m: number): boolean {
    const list = this.watch[m];
    for (let k = 0; k < list.length; k++) {
      const c = list[k];
      if (c < this.clauseCount) {
        if (!this.enabled[this.cRule[c]]) continue;
        let sat = false;
        for (let l = this.cLitStart[c]; l < this.cLitStart[c + 1] && !sat; l++) {
          const v = sol[this.litModule[l]];
          sat = (this.maskPool[this.litMask[l] + (v >>> 5)] & (1 << (v & 31))) !== 0;
        }
        if (!sat) return false;
      } else {
        const t = c - this.clauseCount;
        if (!this.enabled[this.tRule[t]]) continue;
        if (!this.rowMatches(t, sol)) return false;
      }
    }
    return true;
  }

  /** Whether the full assignment `sol` satisfies every constraint (a check, no search). */
  satisfiesAll(sol: Int32Array): boolean {
    for (let m = 0; m < this.moduleCount; m++) if (sol[m] < 0 || sol[m] >= this.domSize[m]) return false;
    for (let c = 0; c < this.clauseCount; c++) {
      let sat = false;
      for (let l = this.cLitStart[c]; l < this.cLitStart[c + 1] && !sat; l++) {
        const v = sol[this.litModule[l]];
        sat = (this.maskPool[this.litMask[l] + (v >>> 5)] & (1 << (v & 31))) !== 0;
      }
      if (!sat) return false;
    }
    for (let t = 0; t < this.tableCount; t++) if (!this.rowMatches(t, sol)) return false;
    return true;
  }

  private rowMatches(t: number, sol: Int32Array): boolean {
    const mods = this.tModules[t];
    const W = this.tWords[t];
    const pool = this.supPool;
    const star = this.tStar[t];
    const wild = this.tWild[t];
    for (let k = 0; k < W; k++) {
      let x = 0xffffffff;
      for (let j = 0; j < mods.length && x; j++) x &= pool[star[j] + sol[mods[j]] * W + k] | pool[wild[j] + k];
      if (x) return true;
    }
    return false;
  }


  private firstOpen(): number {
    for (let m = 0; m < this.moduleCount; m++) if (this.size(m) > 1) return m;
    return -1;
  }

  private pickModule(): number {
    let best = -1;
    let bestScore = Infinity;
    for (let m = 0; m < this.moduleCount; m++) {
      const sz = this.size(m);
      if (sz <= 1) continue;
      const sc = sz / (1 + this.modWeight[m]);
      if (sc < bestScore) {
        bestScore = sc;
        best = m;
      }
    }
    return best;
  }

  private pickValue(m: number, score: Int32Array | undefined): number {
    const dom = this.domain(m);
    if (!score) return dom[0];
    const vo = this.valueOffset[m];
    let best = dom[0];
    for (let k = 1; k < dom.length; k++) if (score[vo + dom[k]] > score[vo + best]) best = dom[k];
    return best;
  }

  /**
   * The exact number of complete assignments satisfying every rule, by
   * depth-first counting with connected-component decomposition and a cache
   * keyed by each component's residual problem (the sharpSAT idea): modules
   * that no longer share a constraint are counted apart and multiplied.
   * Null when the deadline (a performance.now() value) passes first.
   */
  countSolutions(deadline: number): bigint | null {
    if (!this.root) return 0n;
    const mods = Array.from({ length: this.moduleCount }, (_, m) => m);
    const cache = new Map<string, bigint>();
    const out = { expired: false };
    const n = this.countOver(mods, cache, deadline, out);
    this.clearQueue();
    this.popTo(0);
    return out.expired ? null : n;
  }

  private countOver(mods: number[], cache: Map<string, bigint>, deadline: number, out: { expired: boolean }): bigint {
    const open = mods.filter((m) => this.size(m) > 1);
    if (!open.length) return 1n;
    let total = 1n;
    for (const comp of this.components(open)) {
      const key = this.componentKey(comp);
      let c = cache.get(key);
      if (c === undefined) {
        if (out.expired || performance.now() > deadline) {
          out.expired = true;
          return 0n;
        }
        c = 0n;
        const m = this.countBranch(comp);
        for (const v of this.domain(m)) {
          this.pushLevel();
          this.assign(m, v);
          if (this.propagate()) c += this.countOver(comp, cache, deadline, out);
          else this.clearQueue();
          this.popTo(this.level - 1);
        }
        if (!out.expired) cache.set(key, c);
      }
      if (c === 0n) return 0n;
      total *= c;
    }
    return total;
  }

  /**
   * The module to branch on when counting: the one sharing constraints with
   * the most other open modules of the component (fixing it is likeliest to
   * split the component), then the smallest domain.
   */
  private countBranch(comp: number[]): number {
    const inComp = new Set(comp);
    let best = comp[0];
    let bestDegree = -1;
    for (const m of comp) {
      const near = new Set<number>();
      for (const c of this.watch[m]) {
        const cm = this.constraintModules(c);
        for (let i = 0; i < cm.length; i++) if (cm[i] !== m && inComp.has(cm[i])) near.add(cm[i]);
      }
      if (near.size > bestDegree || (near.size === bestDegree && this.size(m) < this.size(best))) {
        best = m;
        bestDegree = near.size;
      }
    }
    return best;
  }

  private constraintModules(c: number): ArrayLike<number> {
    if (c >= this.clauseCount) return this.tModules[c - this.clauseCount];
    const out: number[] = [];
    for (let l = this.cLitStart[c]; l < this.cLitStart[c + 1]; l++) out.push(this.litModule[l]);
    return out;
  }

  /** Groups open modules that share a constraint (through other open modules). */
  private components(open: number[]): number[][] {
    const inOpen = new Set(open);
    const seen = new Set<number>();
    const comps: number[][] = [];
    for (const start of open) {
      if (seen.has(start)) continue;
      const comp: number[] = [];
      const stack = [start];
      seen.add(start);
      while (stack.length) {
        const m = stack.pop()!;
        comp.push(m);
        for (const c of this.watch[m]) {
          const cm = this.constraintModules(c);
          for (let i = 0; i < cm.length; i++) {
            const x = cm[i];
            if (inOpen.has(x) && !seen.has(x)) {
              seen.add(x);
              stack.push(x);
            }
          }
        }
      }
      comps.push(comp.sort((a, b) => a - b));
    }
    return comps;
  }

  /** The residual problem of a component: its domains and the fixed values its constraints see. */
  private componentKey(comp: number[]): string {
    const parts: string[] = [];
    const inComp = new Set(comp);
    const cons = new Set<number>();
    for (const m of comp) {
      parts.push(`${m}:${Array.from(this.state.subarray(this.off[m], this.off[m] + this.words[m])).join('.')}`);
      for (const c of this.watch[m]) cons.add(c);
    }
    for (const c of [...cons].sort((a, b) => a - b)) {
      const cm = this.constraintModules(c);
      const fixed: number[] = [];
      for (let i = 0; i < cm.length; i++) if (!inComp.has(cm[i])) fixed.push(cm[i], this.firstValue(cm[i]));
      if (fixed.length) parts.push(`c${c}=${fixed.join(',')}`);
    }
    return parts.join('|');
  }
}
