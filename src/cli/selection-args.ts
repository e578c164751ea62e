/** Turns `--select module=value` arguments into a selection the engine takes. */
import type { Engine } from '../rules/engine.js';
import type { Selection, Value } from '../rules/model.js';

/** Parses `m=v` (`m=` or `m=none` for an empty optional module; numbers for numeric modules). */
export function parseAssignment(engine: Engine, text: string): [string, Value] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`expected module=value, got "${text}"`);
  const id = text.slice(0, eq);
  const raw = text.slice(eq + 1);
  const mod = engine.module(id);
  if (!mod) throw new Error(`unknown module "${id}" (modules: ${engine.model.modules.map((m) => m.id).join(', ')})`);
  if (raw === '' || raw === 'none' || raw === 'null') return [id, null];
  if (mod.kind === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`module "${id}" takes a number, got "${raw}"`);
    return [id, n];
  }
  return [id, raw];
}

/** The selection in the order given on the command line (that order is the shopper's). */
export function parseSelection(engine: Engine, items: string[]): Selection {
  const out: Selection = {};
  for (const item of items) {
    const [id, v] = parseAssignment(engine, item);
    delete out[id];
    out[id] = v;
    engine.pair(id, v); // throws a clear error for an unknown value
  }
  return out;
}
