/**
 * The clash flow: the shopper picked something the current choices rule out.
 * The banner says why, lists the changes the engine's resolution makes with
 * the price difference, applies them in one click, and offers Undo after.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Engine } from '../rules/engine.js';
import type { Selection, Value } from '../rules/model.js';
import type { Resolution } from '../rules/results.js';
import type { MoneyFormat } from './money-format.js';

export interface ChangeLine {
  module: string;
  from: string;
  to: string;
}

export type Clash =
  | {
      kind: 'offer';
      module: string;
      value: Value;
      /** "Walnut" */
      wanted: string;
      reason: string;
      changes: ChangeLine[];
      /** Total after minus total now, minor units. */
      delta: number;
      resolution: Resolution;
    }
  | { kind: 'applied'; wanted: string; changes: ChangeLine[]; previous: Selection }
  | { kind: 'impossible'; wanted: string; reason: string };

export interface ClashActions {
  apply(): void;
  dismiss(): void;
  undo(): void;
}

/** Builds the offer (or the dead end) for choosing `module = value` under `selection`. */
export function clashFor(engine: Engine, selection: Selection, module: string, value: Value, currentTotal: number): Clash {
  const mod = engine.module(module)!;
  const wanted = valueLabel(engine, module, value);
  const reason = engine.explain(selection, module, value)?.text ?? '';
  const resolution = engine.resolve(selection, module, value);
  if (!resolution) return { kind: 'impossible', wanted: `${mod.label}: ${wanted}`, reason };
  const changes = resolution.changes.map((c) => ({
    module: engine.module(c.module)?.label ?? c.module,
    from: c.from === undefined ? '\u2014' : valueLabel(engine, c.module, c.from),
    to: valueLabel(engine, c.module, c.to),
  }));
  return { kind: 'offer', module, value, wanted, reason, changes, delta: resolution.price.amount - currentTotal, resolution };
}

export function valueLabel(engine: Engine, module: string, value: Value): string {
  return engine.module(module)?.values.find((v) => v.id === value)?.label ?? String(value);
}

/** One sentence for the live region. */
export function announceClash(clash: Clash, money: MoneyFormat): string {
  const list = (cs: ChangeLine[]): string => cs.map((c) => `${c.module}: ${c.to}`).join(', ');
  switch (clash.kind) {
    case 'offer':
      return `${clash.reason} ${clash.wanted} needs ${list(clash.changes)}${clash.delta ? ` (${money.delta(clash.delta)})` : ''}. Switch?`;
    case 'applied':
      return `Switched to ${clash.wanted}. Changed ${list(clash.changes)}.`;
    case 'impossible':
      return `${clash.wanted} cannot be built. ${clash.reason}`;
  }
}

export function renderClash(clash: Clash, actions: ClashActions, money: MoneyFormat): TemplateResult {
  const changeList = (cs: ChangeLine[]): TemplateResult =>
    html`<ul class="changes" part="resolve-changes">
      ${cs.map(
        (c) => html`<li><span class="change-module">${c.module}:</span> <s>${c.from}</s> <span aria-hidden="true">\u2192</span
          ><span class="visually-hidden">becomes</span> <strong>${c.to}</strong></li>`,
      )}
    </ul>`;
  if (clash.kind === 'offer')
    return html`<div part="resolve-dialog" class="clash" role="dialog" aria-labelledby="clash-title" aria-describedby="clash-reason">
      <p class="clash-title" id="clash-title">
        <strong>${clash.wanted}</strong> needs ${clash.changes.length === 1 ? 'a change' : `${clash.changes.length} changes`}${clash.delta
          ? html` <span part="price resolve-price" class="clash-delta">(${money.delta(clash.delta)})</span>`
          : nothing}.
        Switch?
      </p>
      ${clash.reason ? html`<p class="clash-reason" id="clash-reason">${clash.reason}</p>` : nothing} ${changeList(clash.changes)}
      <div class="clash-actions">
        <button part="button resolve-apply" class="primary" @click=${actions.apply}>Switch</button>
        <button part="button resolve-cancel" class="secondary" @click=${actions.dismiss}>Keep my choices</button>
      </div>
    </div>`;
  if (clash.kind === 'applied')
    return html`<div part="resolve-dialog resolve-done" class="clash done" role="group" aria-labelledby="clash-title">
      <p class="clash-title" id="clash-title">Switched to <strong>${clash.wanted}</strong>.</p>
      ${changeList(clash.changes)}
      <div class="clash-actions">
        <button part="button resolve-undo" class="secondary" @click=${actions.undo}>Undo</button>
        <button part="button resolve-close" class="link" @click=${actions.dismiss}>OK</button>
      </div>
    </div>`;
  return html`<div part="resolve-dialog" class="clash" role="group" aria-labelledby="clash-title">
    <p class="clash-title" id="clash-title"><strong>${clash.wanted}</strong> can't be built with this product.</p>
    ${clash.reason ? html`<p class="clash-reason">${clash.reason}</p>` : nothing}
    <div class="clash-actions"><button part="button resolve-close" class="secondary" @click=${actions.dismiss}>OK</button></div>
  </div>`;
}
