/**
 * The merchant dashboard: asks for the merchant API key (kept in
 * sessionStorage, so it goes with the tab), reads GET /api/metrics and
 * GET /api/learning with it, and shows at a glance: the orders at risk
 * first, the headline numbers, five charts (on-time per week, order to
 * delivery, variability, suppliers, option popularity) and the learned
 * lead times with an Apply button (POST /api/learning/apply).
 *
 * A face: lit's `render` for the markup, Chart.js (lazy) for the charts.
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import type { LearningReview, ProductLearning, ReviewedProposal } from '../orders/learning-effect.js';
import type { Metrics } from '../orders/metrics.js';
import { CHARTS, chartLibrary, popularOptions } from './charts.js';

export const KEY_STORAGE = 'bto-merchant-key';

export interface DashboardOptions {
  /** Where the service is: '' for the page's own origin (the demo proxies /api). */
  apiBase?: string;
  storage?: Storage;
  /** Today, for "days left" (tests fix it). */
  today?: () => Date;
}

export interface Dashboard {
  /** Resolves when the current load (numbers, tables and charts) is on screen. */
  readonly loaded: Promise<void>;
  reload(): Promise<void>;
}

type State =
  | { kind: 'no-key'; message?: string }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; metrics: Metrics; learning: LearningReview | undefined; notice?: string };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const fmtPct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const fmtDays = (v: number | null): string => (v === null ? '–' : `${v} d`);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function mountDashboard(root: HTMLElement, options: DashboardOptions = {}): Dashboard {
  const api = options.apiBase ?? '';
  const storage = options.storage ?? sessionStorage;
  const today = options.today ?? (() => new Date());
  let state: State = storage.getItem(KEY_STORAGE) ? { kind: 'loading' } : { kind: 'no-key' };
  let charts: { destroy(): void }[] = [];
  let loaded: Promise<void> = Promise.resolve();

  async function get<T>(path: string, init: RequestInit = {}): Promise<T> {
    const key = storage.getItem(KEY_STORAGE) ?? '';
    const res = await fetch(api + path, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${key}`, accept: 'application/json' } });
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    if (!res.ok) throw new HttpError(res.status, body.message ?? `${res.status} ${res.statusText}`);
    return body as T;
  }

  async function load(notice?: string): Promise<void> {
    if (!storage.getItem(KEY_STORAGE)) {
      state = { kind: 'no-key' };
      return draw();
    }
    state = { kind: 'loading' };
    await draw();
    try {
      const [metrics, learning] = await Promise.all([get<Metrics>('/api/metrics'), get<LearningReview>('/api/learning').catch(() => undefined)]);
      state = { kind: 'ready', metrics, learning, notice };
    } catch (e) {
      if (e instanceof HttpError && e.status === 401) {
        storage.removeItem(KEY_STORAGE);
        state = { kind: 'no-key', message: 'The service did not accept this key. Check it and try again.' };
      } else {
        state = { kind: 'error', message: e instanceof HttpError ? `The service answered: ${e.message}` : 'The service cannot be reached. Is it running?' };
      }
    }
    await draw();
  }

  /** Applies the product's proposals; `loaded` covers the call and the reload after it. */
  function applyLearning(product: string): Promise<void> {
    loaded = (async () => {
      let notice: string;
      try {
        const answer = await get<{ applied: ProductLearning[] }>('/api/learning/apply', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ products: [product] }),
        });
        const count = answer.applied.reduce((n, p) => n + p.proposals.length, 0);
        notice = `Applied ${plural(count, 'correction')} to ${product}: new quotes use them from now on.`;
      } catch (e) {
        notice = `Could not apply: ${e instanceof Error ? e.message : String(e)}`;
      }
      await load(notice);
    })();
    return loaded;
  }

  function onKey(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('key') as HTMLInputElement;
    const key = input.value.trim();
    if (!key) return;
    storage.setItem(KEY_STORAGE, key);
    loaded = load();
  }

  function forget(): void {
    storage.removeItem(KEY_STORAGE);
    loaded = load();
  }

  async function draw(): Promise<void> {
    for (const c of charts) c.destroy();
    charts = [];
    render(page(), root);
    if (state.kind !== 'ready') return;
    const metrics = state.metrics;
    const Chart = await chartLibrary();
    if (state.kind !== 'ready' || state.metrics !== metrics) return; // a newer load took over
    for (const canvas of root.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) {
      charts.push(CHARTS[canvas.dataset.chart as keyof typeof CHARTS](Chart, canvas, metrics));
    }
  }

  function page(): TemplateResult {
    return html`<header class="dash-header">
        <div>
          <h1>Promise dashboard</h1>
          <p class="sub">Are our delivery promises holding? Orders at risk first.</p>
        </div>
        ${state.kind === 'no-key'
          ? nothing
          : html`<div class="actions">
              <button type="button" @click=${() => (loaded = load())}>Refresh</button>
              <button type="button" class="quiet" @click=${forget}>Forget key</button>
            </div>`}
      </header>
      ${state.kind === 'no-key' ? keyForm(state.message) : nothing}
      ${state.kind === 'loading' ? html`<p class="status" role="status">Loading the numbers…</p>` : nothing}
      ${state.kind === 'error'
        ? html`<p class="error" role="alert">${state.message} <button type="button" @click=${() => (loaded = load())}>Try again</button></p>`
        : nothing}
      ${state.kind === 'ready' ? ready(state.metrics, state.learning, state.notice) : nothing}`;
  }

  function keyForm(message?: string): TemplateResult {
    return html`<form class="key-form" @submit=${onKey}>
      <label for="key">Merchant API key</label>
      <input id="key" name="key" type="password" autocomplete="off" spellcheck="false" placeholder="bto_…" required />
      <button type="submit">Show dashboard</button>
      <p class="hint">Kept in this browser tab only (sessionStorage). Create one with <code>bto order merchant</code>.</p>
      ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
    </form>`;
  }

  function ready(m: Metrics, learning: LearningReview | undefined, notice?: string): TemplateResult {
    const t = m.totals;
    return html`${notice ? html`<p class="notice" role="status">${notice}</p>` : nothing}
      <section class="card at-risk" aria-labelledby="risk-h">
        <h2 id="risk-h">Orders at risk <span class="count">${m.atRisk.length}</span></h2>
        ${m.atRisk.length ? riskTable(m) : html`<p class="ok">No order is at risk.</p>`}
      </section>
      <section class="kpis" aria-label="Headline numbers">
        ${kpi('On time', fmtPct(t.onTimeRate), `${t.onTime} of ${t.delivered} delivered · target 95 %`, t.onTimeRate !== null && t.onTimeRate < 0.95)}
        ${kpi('Order to delivery', `${fmtDays(t.leadDays.median)} / ${fmtDays(t.leadDays.p90)}`, `median / p90 · promised median ${fmtDays(t.promisedLeadDays.median)}`)}
        ${kpi('Variability', `± ${fmtDays(t.deviationDays.stdev)}`, `delivered vs promised latest · mean ${fmtDays(t.deviationDays.mean)}`)}
        ${kpi('Early / late', `${t.early} / ${t.late}`, `of ${t.delivered} delivered, ${t.orders - t.delivered} open`)}
      </section>
      <div class="charts">
        ${chartCard('on-time', 'On-time rate per week', 'Share of orders delivered on or before the promised latest date, by the week they were ordered.')}
        ${chartCard('lead-time', 'Order to delivery', 'Calendar days from order to delivery, median and p90, against the promised median.')}
        ${chartCard('variability', 'Lead-time variability', 'Delivered minus promised latest date, in days: negative is early.')}
        ${chartCard('suppliers', 'Supplier reliability', 'Declared latest lead time against what each supplier actually took; the share of parts that came in time after the name.', m.suppliers.filter((s) => s.arrivals > 0).length)}
        ${chartCard(
          'popularity',
          'Option popularity',
          'How often each option is configured, how often it is bought, and how often a quote was refused because it clashed.',
          popularOptions(m).length,
          clashList(m),
        )}
        ${learningCard(learning)}
      </div>`;
  }

  function riskTable(m: Metrics): TemplateResult {
    const day = Date.UTC(today().getUTCFullYear(), today().getUTCMonth(), today().getUTCDate());
    return html`<div class="scroll" tabindex="0" aria-label="Orders at risk, soonest promise first"><table>
      <thead>
        <tr><th scope="col">Order</th><th scope="col">Product</th><th scope="col">Promised by</th><th scope="col">Days left</th></tr>
      </thead>
      <tbody>
        ${m.atRisk.map((o) => {
          const left = Math.round((Date.parse(`${o.promisedLatest}T00:00:00Z`) - day) / 86_400_000);
          return html`<tr class=${left < 0 ? 'overdue' : ''}>
            <td><code>${o.orderId}</code></td>
            <td>${o.product}</td>
            <td>${o.promisedLatest}</td>
            <td>${left < 0 ? `${-left} overdue` : left}</td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
  }

  function kpi(label: string, value: string, detail: string, bad = false): TemplateResult {
    return html`<div class="kpi ${bad ? 'bad' : ''}">
      <div class="label">${label}</div>
      <div class="value">${value}</div>
      <div class="detail">${detail}</div>
    </div>`;
  }

  function chartCard(id: keyof typeof CHARTS, title: string, description: string, rows = 0, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
    const height = rows > 6 ? 60 + rows * 26 : 260;
    return html`<section class="card chart ${id}" aria-labelledby="${id}-h">
      <h2 id="${id}-h">${title}</h2>
      <p class="sub">${description}</p>
      <div class="canvas" style="height:${height}px"><canvas data-chart=${id} role="img" aria-label=${`${title}: ${description}`}></canvas></div>
      ${extra}
    </section>`;
  }

  /** "Clash most": the option pairs (or option and rule) refused most often, most frequent first. */
  function clashList(m: Metrics): TemplateResult | typeof nothing {
    const top = (m.topClashes ?? []).slice(0, 5);
    if (!top.length) return nothing;
    const products = new Set(top.map((c) => c.product)).size > 1;
    return html`<div class="clash-most">
      <h3 id="clash-h">Clash most</h3>
      <ol aria-labelledby="clash-h">
        ${top.map(
          (c) => html`<li>
            ${products ? html`<span class="sub">${c.product}:</span> ` : nothing}<code>${c.option}</code> ↔
            ${c.kind === 'rule' ? html`rule <code>${c.with}</code>` : html`<code>${c.with}</code>`}
            <span class="count">${plural(c.count, 'refusal')}</span>
          </li>`,
        )}
      </ol>
    </div>`;
  }

  function learningCard(learning: LearningReview | undefined): TemplateResult {
    if (!learning) return html``;
    return html`<section class="card learning" aria-labelledby="learn-h">
      <h2 id="learn-h">Learned lead times</h2>
      <p class="sub">
        From delivered orders: the median as the likely lead time, the ${Math.round(learning.coverage * 100)} % quantile as the latest
        (at least ${learning.minSamples} observations).
      </p>
      ${learning.products.map(
        (p) => html`<h3>${p.product} <span class="sub">${plural(p.delivered, 'delivered order')}</span></h3>
          ${p.proposals.length
            ? html`<table>
                  <thead>
                    <tr><th scope="col">What</th><th scope="col">Now</th><th scope="col">Proposed</th><th scope="col">Effect</th></tr>
                  </thead>
                  <tbody>
                    ${p.proposals.map(proposalRow)}
                  </tbody>
                </table>
                <button type="button" @click=${() => applyLearning(p.product)}>Apply ${plural(p.proposals.length, 'correction')} to ${p.product}</button>`
            : html`<p class="ok">Nothing to correct: declared lead times match what happens.</p>`}`,
      )}
    </section>`;
  }

  function proposalRow(p: ReviewedProposal): TemplateResult {
    const e = p.effect;
    const move = e.latestDays.proposed - e.latestDays.current;
    const what = p.kind === 'component' ? `Part ${p.id}` : `Shipping to ${p.id}`;
    const now = p.kind === 'component' ? `${p.current.supplierDays} + ${p.current.spreadDays} d` : `${p.current[0]}–${p.current[1]} d`;
    const next = p.kind === 'component' ? `${p.proposed.supplierDays} + ${p.proposed.spreadDays} d` : `${p.proposed[0]}–${p.proposed[1]} d`;
    return html`<tr>
      <th scope="row">${what} <span class="sub">(${p.samples})</span></th>
      <td>${now}</td>
      <td>${next}</td>
      <td class=${e.promises}>
        ${e.promises === 'same' ? 'latest date unchanged' : `latest promise ${move > 0 ? '+' : '−'}${plural(Math.abs(move), 'workday')}`}; covers
        ${Math.round(e.covered.current * 100)} % → ${Math.round(e.covered.proposed * 100)} % of past ${p.kind === 'component' ? 'arrivals' : 'deliveries'}
      </td>
    </tr>`;
  }

  loaded = load();
  return {
    get loaded() {
      return loaded;
    },
    reload: () => (loaded = load()),
  };
}

/** The key from `?key=` (for a bookmarked demo link): stored in the tab, then taken out of the address bar. */
export function keyFromUrl(storage: Storage = sessionStorage): void {
  const url = new URL(location.href);
  const key = url.searchParams.get('key');
  if (!key) return;
  storage.setItem(KEY_STORAGE, key);
  url.searchParams.delete('key');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

