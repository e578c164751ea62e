/**
 * The live summary: what is chosen, the price lines and the total, the
 * delivery-promise slot, and the checkout button once the product is
 * complete and valid.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CompiledModel, Value } from '../rules/model.js';
import type { Evaluation } from '../rules/results.js';
import type { MoneyFormat } from './money-format.js';

export interface SummaryView {
  model: CompiledModel;
  evaluation: Evaluation;
  shown: (module: string) => Value | undefined;
  money: MoneyFormat;
  disabled: boolean;
  checkout(): void;
  /** The built-in promise badge (or `nothing`), shown unless the merchant fills the `promise` slot. */
  promise: unknown;
}

export function renderSummary(view: SummaryView): TemplateResult {
  const { model, evaluation, money } = view;
  const missing = model.modules.filter((m) => !m.optional && view.shown(m.id) === undefined);
  const ready = evaluation.valid && evaluation.complete;
  return html`<section part="summary" class="summary" aria-labelledby="summary-title">
    <h3 class="summary-title" id="summary-title">Your ${model.product.name}</h3>
    <dl class="chosen" part="summary-list">
      ${model.modules.map((m) => {
        const v = view.shown(m.id);
        const label = v === undefined ? 'Not chosen yet' : (m.values.find((x) => x.id === v)?.label ?? String(v));
        return html`<div class="chosen-row"><dt>${m.label}</dt><dd>${label}</dd></div>`;
      })}
    </dl>
    <ul class="lines" part="price-lines" aria-label="Price">
      ${evaluation.price.lines.map(
        (l, i) => html`<li class="line" part="price-line"><span>${l.label}</span><span class="amount">${i === 0 ? money.amount(l.amount) : money.delta(l.amount)}</span></li>`,
      )}
    </ul>
    <p class="total" part="price total">
      <span>Total</span><span class="amount" aria-live="off">${money.amount(evaluation.price.amount)}</span>
    </p>
    <div part="promise" class="promise"><slot name="promise">${view.promise}</slot></div>
    ${ready
      ? html`<button part="checkout" class="primary checkout" ?disabled=${view.disabled} @click=${view.checkout}>Add to cart</button>`
      : html`<p class="incomplete" part="incomplete">
          ${evaluation.valid ? `Still to choose: ${missing.map((m) => m.label).join(', ')}.` : 'This combination cannot be built.'}
        </p>`}
  </section>`;
}

/** On narrow layouts: the total and the next step, always in reach at the bottom of the screen. */
export function renderBar(view: SummaryView, toSummary: () => void): TemplateResult {
  const ready = view.evaluation.valid && view.evaluation.complete;
  return html`<div class="bar" part="bar">
    <span class="bar-total"><span>Total</span><strong>${view.money.amount(view.evaluation.price.amount)}</strong></span>
    ${ready
      ? html`<button part="button bar-checkout" class="primary" ?disabled=${view.disabled} @click=${view.checkout}>Add to cart</button>`
      : html`<button part="button bar-review" class="secondary" @click=${toSummary}>Review</button>`}
  </div>`;
}

/** The debug panel: every located problem of a broken rules file, for the merchant. */
export function renderProblems(lines: string[]): TemplateResult | typeof nothing {
  if (!lines.length) return nothing;
  return html`<details part="debug" class="debug" open>
    <summary>Rules file problems (${lines.length}) \u2014 shown because of the <code>debug</code> attribute</summary>
    <ol>
      ${lines.map((l) => html`<li><code>${l}</code></li>`)}
    </ol>
  </details>`;
}
