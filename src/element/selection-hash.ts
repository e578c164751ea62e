/**
 * The selection in the page URL, so that a shopper can share or reload a
 * configuration: `#bto=frame:pro,width:160,drawer:` (an empty value is an
 * optional module left empty). Other hash content is kept.
 */
import type { CompiledModel, Selection, Value } from '../rules/model.js';

const KEY = 'bto=';

/** The hash with `selection` written into it (or removed when empty). */
export function writeSelectionHash(hash: string, selection: Selection): string {
  const parts = hash.replace(/^#/, '').split('&').filter((p) => p && !p.startsWith(KEY));
  const entries = Object.entries(selection);
  if (entries.length) {
    const text = entries.map(([m, v]) => `${encodeURIComponent(m)}:${v === null ? '' : encodeURIComponent(String(v))}`).join(',');
    parts.push(KEY + text);
  }
  return parts.length ? `#${parts.join('&')}` : '';
}

/**
 * The selection written in `hash`, keeping only modules and values the model
 * has (a stale or edited link never breaks the widget). Order is kept.
 */
export function readSelectionHash(hash: string, model: CompiledModel): Selection {
  const part = hash.replace(/^#/, '').split('&').find((p) => p.startsWith(KEY));
  const out: Selection = {};
  if (!part) return out;
  for (const item of part.slice(KEY.length).split(',')) {
    const colon = item.indexOf(':');
    if (colon < 0) continue;
    let id: string;
    let text: string;
    try {
      id = decodeURIComponent(item.slice(0, colon));
      text = decodeURIComponent(item.slice(colon + 1));
    } catch {
      continue;
    }
    const mod = model.modules.find((m) => m.id === id);
    if (!mod) continue;
    const value: Value = text === '' ? null : mod.kind === 'number' ? Number(text) : text;
    if (mod.values.some((v) => v.id === value)) out[id] = value;
  }
  return out;
}
