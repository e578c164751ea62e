/**
 * Autocomplete and hover docs: field names from the JSON Schema, module ids
 * where a module is named (conditions, tables, checks) and option ids of
 * the right module where a value is written.
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { type EditorView, type Tooltip, hoverTooltip } from '@codemirror/view';
import type { OutlineModule } from './protocol.js';
import { type JsonSchema, fieldDoc, fieldsAt, valuesAt } from './schema-docs.js';
import { type Step, yamlContext } from './yaml-context.js';

/** What the assistant needs to know about the file being edited; read on each request (it changes as the file is checked). */
export interface AssistSource {
  schema: JsonSchema;
  outline(): OutlineModule[];
}

/** Mappings whose keys are module ids. */
const BY_MODULE = new Set(['when', 'require', 'exclude', 'selection', 'available', 'unavailable', 'forced']);

type Target = { kind: 'module' } | { kind: 'option'; module: string } | { kind: 'field' } | { kind: 'schema-value' };

/** What kind of name belongs at a place in the file. */
function targetAt(path: Step[], position: 'key' | 'value', text: string, offset: number): Target {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (position === 'key') return typeof last === 'string' && BY_MODULE.has(last) ? { kind: 'module' } : { kind: 'field' };
  if (typeof parent === 'string' && BY_MODULE.has(parent) && typeof last === 'string') return { kind: 'option', module: last };
  const grand = path[path.length - 3];
  if (typeof grand === 'string' && BY_MODULE.has(grand) && typeof parent === 'string') return { kind: 'option', module: parent };
  if (path[0] === 'modules' && path[2] === 'default' && typeof path[1] === 'string') return { kind: 'option', module: path[1] };
  const t = path.lastIndexOf('table');
  if (t >= 0 && path[t + 1] === 'modules') return { kind: 'module' };
  if (t >= 0 && (path[t + 1] === 'allow' || path[t + 1] === 'forbid') && typeof path[t + 3] === 'number') {
    const module = tableModules(text, offset)[path[t + 3] as number];
    if (module) return { kind: 'option', module };
  }
  return { kind: 'schema-value' };
}

/** The `modules: [...]` of the table the cursor is in: the nearest one above, within the same rule. */
function tableModules(text: string, offset: number): string[] {
  const lines = text.slice(0, offset).split('\n');
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 400; i--) {
    const m = /^\s*modules:\s*\[([^\]]*)\]/.exec(lines[i]);
    if (m) return m[1].split(',').map((s) => s.trim().replace(/^["']|["']$/g, ''));
  }
  return [];
}

function moduleOptions(outline: OutlineModule[], id: string): Completion[] {
  const mod = outline.find((m) => m.id === id);
  if (!mod) return [];
  const opts: Completion[] = mod.options.map((o) => ({ label: o.id, detail: o.label, type: 'enum', info: o.price ? `${o.label ?? o.id} · price ${o.price}` : o.label }));
  if (mod.kind === 'number') opts.push({ label: '{ min: , max: }', apply: `{ min: ${mod.min ?? 0}, max: ${mod.max ?? 0} }`, detail: `range ${mod.min}–${mod.max}`, type: 'keyword' });
  if (mod.optional) opts.push({ label: 'null', detail: 'left empty', type: 'keyword' });
  return opts;
}

export function completionSource(src: AssistSource) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const text = ctx.state.doc.toString();
    const here = yamlContext(text, ctx.pos);
    if (!here.word && !ctx.explicit && !/[:{[,\s-]\s?$/.test(text.slice(Math.max(0, ctx.pos - 2), ctx.pos))) return null;
    const outline = src.outline();
    const target = targetAt(here.path, here.position, text, ctx.pos);
    let options: Completion[] = [];
    if (target.kind === 'module')
      options = outline.map((m) => ({ label: m.id, detail: m.label, info: m.description, type: 'variable', apply: here.position === 'key' ? `${m.id}: ` : m.id }));
    else if (target.kind === 'option') options = moduleOptions(outline, target.module);
    else if (target.kind === 'field')
      options = fieldsAt(src.schema, here.path).map((f) => ({ label: f.name, info: f.description, type: 'property', apply: `${f.name}: ` }));
    else options = valuesAt(src.schema, here.path).map((v) => ({ label: v, type: 'keyword' }));
    if (options.length === 0) return null;
    return { from: here.from, options, validFor: /^[\w.$-]*$/ };
  };
}

export function hoverDocs(src: AssistSource) {
  return hoverTooltip((view: EditorView, pos: number): Tooltip | null => {
    const line = view.state.doc.lineAt(pos);
    const rel = pos - line.from;
    const start = rel - (/[\w.$-]*$/.exec(line.text.slice(0, rel))?.[0].length ?? 0);
    const end = rel + (/^[\w.$-]*/.exec(line.text.slice(rel))?.[0].length ?? 0);
    if (start === end) return null;
    const word = line.text.slice(start, end);
    const text = view.state.doc.toString();
    const isKey = /^\s*["']?:/.test(line.text.slice(end));
    const here = yamlContext(text, line.from + end);
    const path = isKey ? here.path.slice(0, -1) : here.path;
    const position = isKey ? 'key' : here.position;
    const outline = src.outline();
    let title = word;
    let body = '';
    const target = targetAt(isKey ? path : here.path, position, text, line.from + end);
    if (target.kind === 'module' || (path[0] === 'modules' && path.length === 1 && isKey)) {
      const mod = outline.find((m) => m.id === word);
      if (!mod) return null;
      title = `module ${word}${mod.label ? ` — ${mod.label}` : ''}`;
      body = [mod.description ?? '', mod.kind === 'number' ? `number ${mod.min}–${mod.max}` : `options: ${mod.options.map((o) => o.id).join(', ')}`].filter(Boolean).join('\n');
    } else if (target.kind === 'option') {
      const opt = outline.find((m) => m.id === target.module)?.options.find((o) => o.id === word);
      if (!opt) return null;
      title = `option ${target.module}.${word}`;
      body = [opt.label ?? '', opt.price ? `price ${opt.price}` : ''].filter(Boolean).join(' · ');
    } else if (isKey) {
      const doc = fieldDoc(src.schema, path, word);
      if (!doc?.description) return null;
      body = doc.description + (doc.values.length ? `\nValues: ${doc.values.join(', ')}` : '');
    } else return null;
    return {
      pos: line.from + start,
      end: line.from + end,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-bto-doc';
        const h = document.createElement('strong');
        h.textContent = title;
        const p = document.createElement('p');
        p.textContent = body;
        dom.append(h, p);
        return { dom };
      },
    };
  });
}
