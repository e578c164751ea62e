import { LitElement, type PropertyValues, html, nothing } from 'lit';
import type { Engine } from '../rules/engine.js';
import type { CompiledModel, CompiledModule, Selection, Value } from '../rules/model.js';
import { formatProblem } from '../rules/problems.js';
import type { Evaluation, Price, PriceLine } from '../rules/results.js';
import type { Quote } from '../quote/contract.js';
import { configuratorStyles } from './configurator.styles.js';
import { themeStyles } from './theme.styles.js';
import { updateFormState } from './form-value.js';
import { type ModuleView, labelId } from './module-view.js';
import { promiseBadgeStyles } from './promise-badge.js';
import { PreviewFeature } from './preview-feature.js';
import { previewStyles } from './preview.styles.js';
import { QuoteFeature } from './quote-feature.js';
import { type MoneyFormat, currencyDisplay, moneyFormat } from './money-format.js';
import { renderNumber } from './numeric-control.js';
import { renderChoice } from './option-group.js';
import { ReasonCache } from './reasons.js';
import { type Clash, announceClash, clashFor, renderClash, valueLabel } from './resolve-banner.js';
import { type RetryPolicy, defaultRetry, rulesFromObject, rulesFromUrl, type RulesOutcome } from './rules-source.js';
import { readSelectionHash, writeSelectionHash } from './selection-hash.js';
import { type SummaryView, renderBar, renderProblems, renderSummary } from './summary.js';

export interface BtoChangeDetail {
  /** The shopper's choices, module -> value, oldest first. */
  selection: Selection;
  /** The completed configuration (choices + defaults), when valid. */
  configuration: Record<string, Value> | undefined;
  price: Price;
  valid: boolean;
  complete: boolean;
}

export interface BtoCheckoutDetail {
  selection: Selection;
  configuration: Record<string, Value>;
  price: Price;
  lines: PriceLine[];
  /** The service's signed quote for this configuration; null without `quote-endpoint` or while none is in (loading, down, refused). */
  quote: Quote | null;
  /** A PNG data URL of the 3D preview, for the cart line; null without a drawn preview. */
  snapshot: string | null;
}

export interface BtoErrorDetail {
  failure: 'invalid' | 'network';
  message: string;
  problems: string[];
}

type Phase = 'idle' | 'loading' | 'ready' | 'error';

const CANT_CONFIGURE = "This product can't be configured right now.";

/**
 * A product configurator for build-to-order products: the shopper chooses
 * options, sees what is unavailable and why, resolves clashes in one click,
 * and checks out only a product that can be built.
 *
 * @summary Configure a build-to-order product from a rules file.
 *
 * @slot preview - A product preview (e.g. the 3D view), shown above the options.
 * @slot promise - Replaces the built-in delivery promise in the summary, above the checkout button.
 *
 * @event bto-load - The rules are loaded and the options are on screen. Detail: `{ product }`.
 * @event bto-change - The shopper changed the selection. Detail: `{ selection, configuration, price, valid, complete }`.
 * @event bto-checkout - The shopper pressed "Add to cart" on a complete, valid product. Detail: `{ selection, configuration, price, lines, quote, snapshot }`.
 * @event bto-error - The rules could not be loaded. Detail: `{ failure: 'invalid' | 'network', message, problems }`.
 *
 * @csspart module - One module (a fieldset).
 * @csspart module-label - A module's name.
 * @csspart option - An option card or swatch.
 * @csspart card - An option shown as a card.
 * @csspart swatch-option - An option shown as a colour swatch.
 * @csspart swatch - The colour dot of a swatch.
 * @csspart option-selected - The chosen option of a module.
 * @csspart option-unavailable - An option the current choices rule out.
 * @csspart option-label - An option's name.
 * @csspart option-description - An option's description (cards).
 * @csspart option-price - An option's price difference, e.g. "+ €180".
 * @csspart reason - The tooltip saying why an option is unavailable.
 * @csspart select - The select used for modules with many options.
 * @csspart select-reasons - Under a select, once it has had focus: why each unavailable option is unavailable.
 * @csspart number - The numeric control (slider, input, range).
 * @csspart slider - The range slider of a numeric module.
 * @csspart number-input - The number input of a numeric module.
 * @csspart range - The "Available: 100–160 cm" line.
 * @csspart resolve-dialog - The banner offering (or undoing) a resolution.
 * @csspart button - Every button.
 * @csspart summary - The summary panel.
 * @csspart price - Every price (option deltas, lines, total).
 * @csspart price-line - A line of the price breakdown.
 * @csspart total - The total.
 * @csspart checkout - The "Add to cart" button.
 * @csspart preview - The wrapper of the `preview` slot.
 * @csspart preview-stage - The built-in 3D preview (role="img", labelled with the configuration; drag, pinch or arrow keys turn it).
 * @csspart preview-poster - The poster image shown until the first 3D frame and in the fallback.
 * @csspart preview-placeholder - What shows until the first 3D frame.
 * @csspart preview-fallback - The 2D fallback without WebGL: the poster and the option summary.
 * @csspart promise - The delivery promise (the wrapper of the `promise` slot).
 * @csspart promise-dates - "Arrives Tue 8 Dec – Fri 11 Dec" (or "Estimated arrival ...").
 * @csspart promise-cutoff - "Order within 3 h 12 min to ship Monday", updated each minute.
 * @csspart promise-drivers - What sets the date: "Walnut board adds 7 days".
 * @csspart promise-estimate - The label of a static estimate (no quote service, or it is down).
 * @csspart promise-error - Why the quote service refused this configuration.
 * @csspart error - The message shown when the product cannot be configured.
 * @csspart debug - The list of rules-file problems (with `debug`).
 *
 * @cssproperty --bto-color-accent - Selected options, buttons, focus ring. Default #1d5fd1.
 * @cssproperty --bto-color-accent-text - Text on the accent colour. Default #fff.
 * @cssproperty --bto-color-text - Text. Default #1d1d1f.
 * @cssproperty --bto-color-muted - Secondary text. Default #5f6368.
 * @cssproperty --bto-color-surface - Card and panel background. Default #fff.
 * @cssproperty --bto-color-subtle - Quiet backgrounds. Default #f5f5f7.
 * @cssproperty --bto-color-border - Borders. Default #d2d2d7.
 * @cssproperty --bto-color-unavailable - Text of unavailable options. Default #6e6e73.
 * @cssproperty --bto-color-warning - Background of the clash banner. Default #fff4e5.
 * @cssproperty --bto-color-error - Debug panel text. Default #b3261e.
 * @cssproperty --bto-color-tooltip - Reason tooltip background. Default #1d1d1f.
 * @cssproperty --bto-color-tooltip-text - Reason tooltip text. Default #fff.
 * @cssproperty --bto-radius - Corner radius. Default 12px.
 * @cssproperty --bto-space - Spacing unit. Default 8px.
 * @cssproperty --bto-font - Font family. Default the system UI font.
 * @cssproperty --bto-font-size - Base font size. Default 16px.
 * @cssproperty --bto-focus-ring - Box shadow of the keyboard focus ring.
 * @cssproperty --bto-preview-height - Height of the 3D preview. Default clamp(260px, 42vw, 460px).
 */
export class BtoConfigurator extends LitElement {
  static override styles = [themeStyles, configuratorStyles, promiseBadgeStyles, previewStyles];
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: false };

  static override properties = {
    src: { type: String, reflect: true },
    rules: { attribute: false },
    locale: { type: String },
    currency: { type: String },
    quoteEndpoint: { type: String, attribute: 'quote-endpoint' },
    country: { type: String },
    disabled: { type: Boolean, reflect: true },
    name: { type: String, reflect: true },
    debug: { type: Boolean, reflect: true },
    noUrl: { type: Boolean, attribute: 'no-url' },
    preview: { type: String, reflect: true },
  };

  /** URL of the rules file (YAML or JSON) or of a model compiled by `bto build`. */
  declare src: string | undefined;
  /** The rules as an object (a rules file or a compiled model); takes precedence over `src`. */
  declare rules: unknown;
  /** BCP 47 locale for prices, e.g. "de-DE". Default: the page's language. */
  declare locale: string | undefined;
  /** How the currency is written: "symbol" (default), "narrowSymbol", "code" or "name". */
  declare currency: string | undefined;
  /** URL of the quote service's `POST /api/quote`; without it the promise is a static estimate from the rules file. */
  declare quoteEndpoint: string | undefined;
  /** Where the product ships (ISO 3166-1 alpha-2, e.g. "FR"). Default: the locale's region (de-DE -> DE). */
  declare country: string | undefined;
  /** Shows the configuration but accepts no changes. */
  declare disabled: boolean;
  /** Form field name under which the configuration (JSON) is submitted. */
  declare name: string | undefined;
  /** Shows every located rules-file problem in a panel. */
  declare debug: boolean;
  /** Keeps the selection out of the page URL's hash. */
  declare noUrl: boolean;
  /** "off" turns the built-in 3D preview off (it shows when the rules have a `view` and nothing is slotted into `preview`). */
  declare preview: string | undefined;

  // Internal state; whatever changes it calls requestUpdate.
  private phase: Phase;
  private clash: Clash | undefined;
  private announcement: string;

  /** Retries for fetching `src` (tests shorten the delays). */
  retry: RetryPolicy = defaultRetry;

  private internals: ElementInternals;
  private engine: Engine | undefined;
  private evaluation: Evaluation | undefined;
  private current: Selection = {};
  private pendingSelection: Selection | undefined;
  private initialSelection: Selection = {};
  private reasons = new ReasonCache();
  private failure: { message: string; problems: string[]; network: boolean } | undefined;
  private loadToken = 0;
  private abort: AbortController | undefined;
  private loading: Promise<void> = Promise.resolve();
  private filledSlots = new Set<string>();
  /** The module under which the clash banner shows (kept after Switch, for Undo). */
  private clashModule: string | undefined;
  /** The delivery promise: quotes, the estimate fallback, the countdown (quote-feature.ts). */
  private quotes = new QuoteFeature(this);
  /** The 3D preview: lazy three.js stage, poster, 2D fallback (preview-feature.ts). */
  private previewFeature = new PreviewFeature(this);

  constructor() {
    super();
    this.disabled = false;
    this.debug = false;
    this.noUrl = false;
    this.phase = 'idle';
    this.announcement = '';
    this.clash = undefined;
    this.internals = this.attachInternals();
  }

  // ---- public API -------------------------------------------------------------

  /** The shopper's choices, module -> value, in the order chosen. Setting it re-evaluates (unknown entries are dropped). */
  get selection(): Selection {
    return { ...(this.pendingSelection ?? this.current) };
  }
  set selection(value: Selection) {
    if (!this.engine) {
      this.pendingSelection = { ...value };
      return;
    }
    this.clash = undefined;
    this.setSelection(this.sanitize(value));
  }

  /** A PNG data URL of the 3D preview showing the current configuration; null without a drawn preview. */
  snapshot(): Promise<string | null> {
    return this.previewFeature.snapshot();
  }

  /** The current evaluation (availability, configuration, price), once loaded. */
  get state(): Evaluation | undefined {
    return this.evaluation;
  }

  /** The loaded model, once loaded. */
  get model(): CompiledModel | undefined {
    return this.engine?.model;
  }

  /** Resolves when the current rules have loaded (or failed) and rendered. */
  get loadComplete(): Promise<boolean> {
    return this.updateComplete.then(() => this.loading).then(() => this.updateComplete).then(() => this.phase === 'ready');
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  // ---- lifecycle ---------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') || changed.has('rules')) this.startLoading();
    if (changed.has('disabled')) this.internals.ariaDisabled = this.disabled ? 'true' : null;
  }

  protected override updated(): void {
    this.syncForm();
  }

  formResetCallback(): void {
    if (this.engine) this.setSelection(this.sanitize(this.initialSelection));
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  // ---- loading ----------------------------------------------------------------

  private startLoading(): void {
    const token = ++this.loadToken;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const rules = this.rules;
    const src = this.src;
    if (rules === undefined && !src) {
      this.phase = 'idle';
      return;
    }
    this.phase = 'loading';
    this.requestUpdate();
    this.loading = (async () => {
      let outcome: RulesOutcome;
      try {
        outcome = rules !== undefined ? await rulesFromObject(rules) : await rulesFromUrl(src!, abort.signal, this.retry);
      } catch (e) {
        if (abort.signal.aborted) return;
        outcome = { ok: false, failure: 'invalid', problems: [], message: String(e) };
      }
      if (token !== this.loadToken) return;
      if (!outcome.ok) {
        const problems = outcome.problems.map(formatProblem);
        console.error(`<bto-configurator>: ${outcome.message}`);
        for (const p of problems) console.error(p);
        this.failure = { message: outcome.message, problems, network: outcome.failure === 'network' };
        this.engine = undefined;
        this.evaluation = undefined;
        this.phase = 'error';
        this.requestUpdate();
        this.emit('bto-error', { failure: outcome.failure, message: outcome.message, problems } satisfies BtoErrorDetail);
        return;
      }
      for (const p of outcome.problems) console.warn(formatProblem(p));
      this.failure = undefined;
      this.engine = outcome.engine;
      const wanted = this.pendingSelection ?? (this.noUrl ? {} : readSelectionHash(location.hash, outcome.engine.model));
      this.pendingSelection = undefined;
      this.current = {};
      this.clash = undefined;
      this.setSelection(this.sanitize(wanted), { silent: true });
      this.initialSelection = { ...this.current };
      this.phase = 'ready';
      this.requestUpdate();
      await this.updateComplete;
      this.emit('bto-load', { product: outcome.engine.model.product });
    })();
  }

  /** Keeps known modules and values, then drops the oldest choices until the rest can be built. */
  private sanitize(wanted: Selection): Selection {
    const engine = this.engine!;
    const out: Selection = {};
    for (const [m, v] of Object.entries(wanted)) {
      try {
        engine.pair(m, v);
        out[m] = v;
      } catch {
        console.warn(`<bto-configurator>: ignoring unknown selection ${m}=${String(v)}`);
      }
    }
    const entries = Object.entries(out);
    while (entries.length && !engine.evaluate(Object.fromEntries(entries)).valid) entries.shift();
    return Object.fromEntries(entries);
  }

  private onHashChange = (): void => {
    if (this.noUrl || !this.engine) return;
    const fromHash = readSelectionHash(location.hash, this.engine.model);
    if (JSON.stringify(fromHash) !== JSON.stringify(this.current)) this.selection = fromHash;
  };

  // ---- choosing ---------------------------------------------------------------

  private setSelection(selection: Selection, opts: { silent?: boolean } = {}): void {
    const engine = this.engine!;
    this.current = selection;
    this.evaluation = engine.evaluate(selection);
    if (!this.noUrl) {
      const hash = writeSelectionHash(location.hash, selection);
      if (hash !== location.hash && !(hash === '' && location.hash === '')) history.replaceState(history.state, '', hash || location.pathname + location.search);
    }
    this.requestUpdate();
    if (!opts.silent) this.emit('bto-change', this.changeDetail());
  }

  private changeDetail(): BtoChangeDetail {
    const ev = this.evaluation!;
    return { selection: { ...this.current }, configuration: ev.configuration, price: ev.price, valid: ev.valid, complete: ev.complete };
  }

  private choose(module: CompiledModule, value: Value): void {
    if (this.disabled || !this.engine || !this.evaluation) return;
    if (this.current[module.id] === value) return;
    const available = this.evaluation.modules[module.id]?.options[String(value)]?.available;
    if (available) {
      const next = { ...this.current };
      delete next[module.id];
      next[module.id] = value;
      this.clash = undefined;
      this.setSelection(next);
      this.announcement = `${module.label}: ${valueLabel(this.engine, module.id, value)}. Total ${this.money().amount(this.evaluation.price.amount)}.`;
      return;
    }
    this.clashModule = module.id;
    this.clash = clashFor(this.engine, this.current, module.id, value, this.evaluation.price.amount);
    this.announcement = announceClash(this.clash, this.money());
    this.requestUpdate();
    void this.focusAfterUpdate('[part~="resolve-apply"], [part~="resolve-close"]');
  }

  private applyResolution = (): void => {
    const clash = this.clash;
    if (clash?.kind !== 'offer') return;
    const previous = { ...this.current };
    this.setSelection(clash.resolution.selection);
    this.clash = { kind: 'applied', wanted: clash.wanted, changes: clash.changes, previous };
    this.announcement = announceClash(this.clash, this.money());
    void this.focusAfterUpdate('[part~="resolve-undo"]');
  };

  private undo = (): void => {
    const clash = this.clash;
    if (clash?.kind !== 'applied') return;
    this.setSelection(clash.previous);
    this.clash = undefined;
    this.announcement = 'Undone: your previous choices are back.';
  };

  private dismissClash = (): void => {
    this.clash = undefined;
    this.requestUpdate();
  };

  private checkout = (): void => {
    const ev = this.evaluation;
    if (!ev?.valid || !ev.complete || !ev.configuration || this.disabled) return;
    this.emit('bto-checkout', {
      selection: { ...this.current },
      configuration: ev.configuration,
      price: ev.price,
      lines: ev.price.lines,
      quote: this.quotes.latest,
      snapshot: this.previewFeature.snapshotNow(),
    } satisfies BtoCheckoutDetail);
  };

  private async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // ---- rendering ---------------------------------------------------------------

  private money(): MoneyFormat {
    const p = this.engine!.model.product;
    return moneyFormat(this.locale || document.documentElement.lang || undefined, p.currency, p.fractionDigits, currencyDisplay(this.currency));
  }

  /** The value a module shows as chosen: the shopper's, the only one left, or an explicit default the configuration keeps. */
  private shown(mod: CompiledModule): Value | undefined {
    const ev = this.evaluation!;
    const st = ev.modules[mod.id];
    if (st?.selected !== undefined) return st.selected;
    if (st?.forced !== undefined) return st.forced;
    const configured = ev.configuration?.[mod.id];
    if (configured === undefined) return undefined;
    if (mod.optional) return configured;
    return mod.explicitDefault && configured === mod.values[mod.defaultIndex].id ? configured : undefined;
  }

  private missing(): CompiledModule[] {
    return this.engine ? this.engine.model.modules.filter((m) => !m.optional && this.shown(m) === undefined) : [];
  }

  private syncForm(): void {
    const missing = this.missing();
    const at = missing.length ? `#m-${this.engine!.model.modules.indexOf(missing[0])}` : '';
    const anchor = at ? (this.renderRoot.querySelector<HTMLElement>(`${at} [tabindex="0"], ${at} select, ${at} input`) ?? undefined) : undefined;
    updateFormState(this.internals, this.engine?.model, this.phase === 'ready' ? this.evaluation : undefined, missing.map((m) => m.label), anchor);
  }

  private onSlotChange(e: Event): void {
    const slot = e.target as HTMLSlotElement;
    if (slot.assignedNodes({ flatten: true }).length) this.filledSlots.add(slot.name);
    else this.filledSlots.delete(slot.name);
    slot.parentElement?.classList.toggle('filled', this.filledSlots.has(slot.name));
  }

  protected override render(): unknown {
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
    if (this.phase === 'error') return html`${live}${this.renderError()}`;
    if (this.phase !== 'ready' || !this.engine || !this.evaluation)
      return html`<div class="loading" part="loading" aria-busy="true">${this.phase === 'loading' ? 'Loading the configurator\u2026' : ''}</div>`;
    const engine = this.engine;
    const model = engine.model;
    const money = this.money();
    const selection = this.current;
    const preview = this.previewFeature.render();
    const summary: SummaryView = {
      model,
      evaluation: this.evaluation,
      shown: (id) => this.shown(engine.module(id)!),
      money,
      disabled: this.disabled,
      checkout: this.checkout,
      promise: this.quotes.render(),
    };
    return html`${live}
      <div class="layout" @slotchange=${this.onSlotChange}>
        <div part="preview" class="preview ${this.filledSlots.has('preview') || preview !== nothing ? 'filled' : ''}"><slot name="preview">${preview}</slot></div>
        <div class="modules" part="modules">
          ${model.modules.map((mod, index) => {
            const shown = this.shown(mod);
            const view: ModuleView = {
              module: mod,
              index,
              state: this.evaluation!.modules[mod.id],
              shown,
              disabled: this.disabled,
              money,
              reason: (v) => this.reasons.peek(selection, mod.id, v),
              wantReason: (v) => {
                if (this.reasons.peek(selection, mod.id, v) !== undefined) return;
                this.reasons.get(engine, selection, mod.id, v);
                this.requestUpdate();
              },
              choose: (v) => this.choose(mod, v),
            };
            const shownLabel = shown === undefined ? '' : (mod.values.find((x) => x.id === shown)?.label ?? '');
            return html`<fieldset part="module" class="module" id="m-${index}">
              <div class="module-head">
                <legend part="module-label" class="module-label" id=${labelId(view)}>${mod.label}</legend>
                <span class="module-value" aria-hidden="true">${shownLabel}</span>
              </div>
              ${mod.description ? html`<p class="module-description" part="module-description">${mod.description}</p>` : nothing}
              ${mod.kind === 'number' ? renderNumber(view) : renderChoice(view)}
              ${this.clash && this.clashModule === mod.id
                ? html`<div class="clash-slot">${renderClash(this.clash, { apply: this.applyResolution, dismiss: this.dismissClash, undo: this.undo }, money)}</div>`
                : nothing}
            </fieldset>`;
          })}
        </div>
        ${renderSummary(summary)} ${renderBar(summary, () => this.renderRoot.querySelector('.summary')?.scrollIntoView({ behavior: 'smooth', block: 'start' }))}
      </div>`;
  }

  private renderError(): unknown {
    const f = this.failure;
    return html`<div part="error" class="error" role="alert">
      <p><strong>${CANT_CONFIGURE}</strong></p>
      ${f?.network
        ? html`<p>We couldn't reach our server. Please check your connection.</p>
            <button part="button retry" class="secondary" @click=${() => this.startLoading()}>Try again</button>`
        : html`<p>Please try again later or contact us.</p>`}
      ${this.debug && f ? renderProblems([f.message, ...f.problems]) : nothing}
    </div>`;
  }

  private emit(name: string, detail: unknown): void {
    this.dispatchEvent(btoEvent(name, detail));
  }
}

/** The element's events bubble out of the shadow root to the merchant's page. */
function btoEvent(name: string, detail: unknown): CustomEvent {
  return new CustomEvent(name, { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'bto-change': CustomEvent<BtoChangeDetail>;
    'bto-checkout': CustomEvent<BtoCheckoutDetail>;
    'bto-error': CustomEvent<BtoErrorDetail>;
    'bto-load': CustomEvent<{ product: CompiledModel['product'] }>;
  }
}
