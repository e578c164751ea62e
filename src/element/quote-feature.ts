/**
 * The delivery promise feature of <bto-configurator>, as a lit reactive
 * controller so the element class only wires it in: after each update it
 * looks at the completed configuration and, when that (or the endpoint,
 * country or locale) changed, asks the quote client. Without
 * `quote-endpoint` it shows the static estimate from the rules file.
 *
 * It never blocks input: requests run in the background, and the shown
 * promise stays (marked busy) until the next answer replaces it.
 *
 * The client (with zod, to validate answers) is a lazy chunk: a shop without
 * a quote service never downloads it, and one with it fetches it while the
 * first request is being debounced anyway.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type DeliveryEstimate, estimateDelivery } from '../promise/estimate.js';
import type { QuoteClient, QuoteState } from '../quote/client.js';
import type { Quote, QuoteRequest } from '../quote/contract.js';
import type { CompiledModel, Value } from '../rules/model.js';
import type { Evaluation } from '../rules/results.js';
import { renderPromise } from './promise-badge.js';

/** What the feature reads from the element. */
export interface QuoteHost extends ReactiveControllerHost {
  readonly state: Evaluation | undefined;
  readonly model: CompiledModel | undefined;
  quoteEndpoint: string | undefined;
  country: string | undefined;
  locale: string | undefined;
}

export class QuoteFeature implements ReactiveController {
  private readonly host: QuoteHost;
  private client: QuoteClient | undefined;
  private endpoint: string | undefined;
  private asked = '';
  /** The last answer (quote, estimate or error); a loading state only sets `busy`. */
  private current: Exclude<QuoteState, { kind: 'loading' }> | undefined;
  private busy = false;
  /** The static estimate shown without a quote endpoint. */
  private estimate: DeliveryEstimate | undefined;
  private tick: ReturnType<typeof setTimeout> | undefined;
  private plantZone: string | undefined;
  /** The estimate for the configuration being asked about, for the client to fall back on. */
  private fallback: () => DeliveryEstimate | undefined = () => undefined;

  constructor(host: QuoteHost) {
    this.host = host;
    host.addController(this);
  }

  /** The signed quote for the configuration on screen, or null while there is none (loading, estimate, error). */
  get latest(): Quote | null {
    return !this.busy && this.current?.kind === 'quote' ? this.current.quote : null;
  }

  hostUpdate(): void {
    const { state, model } = this.host;
    const configuration = state?.valid && state.complete ? state.configuration : undefined;
    const country = destinationCountry(this.host.country, this.locale());
    const endpoint = this.host.quoteEndpoint || undefined;
    const key = JSON.stringify([endpoint, country, configuration, model?.product.id]);
    if (key === this.asked) return;
    this.asked = key;
    if (!model || !configuration) return this.show(undefined);
    const estimate = (): DeliveryEstimate | undefined => this.estimateFor(model, configuration);
    if (!endpoint || !country) return this.show(estimate());
    // The completed configuration, not the bare choices: the signed quote then names exactly what is ordered.
    const request: QuoteRequest = { product: model.product.id, selection: { ...configuration }, quantity: 1, destination: { country } };
    this.onState({ kind: 'loading', request });
    void this.clientFor(endpoint, estimate).then((client) => {
      if (client && key === this.asked) client.request(request);
    });
  }

  /** The client for this endpoint, loading its chunk the first time; undefined when another endpoint came meanwhile. */
  private async clientFor(endpoint: string, estimate: () => DeliveryEstimate | undefined): Promise<QuoteClient | undefined> {
    this.fallback = estimate;
    if (endpoint !== this.endpoint) {
      this.client?.cancel();
      this.client = undefined;
      this.endpoint = endpoint;
    }
    if (!this.client) {
      const { QuoteClient } = await import('../quote/client.js');
      if (endpoint !== this.endpoint) return undefined;
      this.client ??= new QuoteClient({ endpoint, estimate: () => this.fallback(), onState: (s) => this.onState(s) });
    }
    return this.client;
  }

  hostConnected(): void {
    // Back on the page after hostDisconnected: render, and so ask, again.
    if (this.asked === '') this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.client?.cancel();
    clearTimeout(this.tick);
    // Ask again when the element comes back: the dates may have moved meanwhile.
    this.asked = '';
  }

  /** The template for the `promise` part. */
  render(): unknown {
    const s = this.current;
    return renderPromise({
      shown: s?.kind === 'quote' ? s.quote.promise : s?.kind === 'estimate' ? s.estimate : this.estimate,
      busy: this.busy,
      error: s?.kind === 'error' ? s.error.message : undefined,
      locale: this.locale(),
      now: new Date(),
    });
  }

  private onState(next: QuoteState): void {
    // While loading, what was shown stays (marked busy) rather than blinking out between clicks.
    if (next.kind === 'loading') this.busy = true;
    else {
      this.busy = false;
      this.current = next;
      if (next.kind === 'quote') this.plantZone = next.quote.promise.timeZone;
    }
    this.scheduleTick();
    this.host.requestUpdate();
  }

  private show(estimate: DeliveryEstimate | undefined): void {
    this.client?.cancel();
    this.busy = false;
    this.current = undefined;
    this.estimate = estimate;
    clearTimeout(this.tick);
  }

  private estimateFor(model: CompiledModel, configuration: Record<string, Value>): DeliveryEstimate | undefined {
    try {
      // The plant's zone when a quote told us; else the shopper's (the estimate is rough either way).
      const timeZone = this.plantZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      return estimateDelivery({ model, configuration, orderTime: new Date(), timeZone });
    } catch {
      return undefined;
    }
  }

  /**
   * Re-renders when the countdown's minute changes (one timer, no polling),
   * and asks again once the cut-off has passed: the promise no longer holds.
   */
  private scheduleTick(): void {
    clearTimeout(this.tick);
    const quote = this.current?.kind === 'quote' ? this.current.quote : undefined;
    if (!quote) return;
    const left = Date.parse(quote.promise.cutoffDeadline) - Date.now();
    if (!(left > 0)) return;
    this.tick = setTimeout(() => {
      if (Date.parse(quote.promise.cutoffDeadline) <= Date.now()) this.asked = '';
      else this.scheduleTick();
      this.host.requestUpdate();
    }, left % 60_000 || 60_000);
  }

  private locale(): string {
    return this.host.locale || document.documentElement.lang || navigator.language || 'en-GB';
  }
}

/** The `country` attribute, else the locale's region (de-DE -> DE); undefined when neither names one. */
export function destinationCountry(country: string | undefined, locale: string): string | undefined {
  if (country && /^[A-Za-z]{2}$/.test(country.trim())) return country.trim().toUpperCase();
  try {
    const parsed = new Intl.Locale(locale);
    // "de" alone names no region; its likely one ("DE") is a fair guess for a shop's default.
    const region = parsed.region ?? parsed.maximize().region;
    return region && /^[A-Z]{2}$/.test(region) ? region : undefined;
  } catch {
    return undefined;
  }
}
