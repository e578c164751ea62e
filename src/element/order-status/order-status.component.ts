import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { type OrderStatusBody, orderStatusSchema } from '../../orders/status.js';
import { MILESTONES } from '../../orders/timeline.js';
import { themeStyles } from '../theme.styles.js';
import { orderStatusStyles } from './order-status.styles.js';
import { formatDay, formatInstant, formatRange, headline } from './status-text.js';
import { z } from 'zod/mini';

/** Why there is no fresh status: the token is unknown, the service is unreachable, or it answered something we cannot read. */
export type StatusFailure = 'unknown' | 'down' | 'invalid';

export interface BtoStatusDetail {
  status: OrderStatusBody;
}
export interface BtoStatusErrorDetail {
  failure: StatusFailure;
  message: string;
}

type Phase = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ok' } | { kind: 'failed'; failure: StatusFailure; message: string };

const PENDING: Partial<Record<(typeof MILESTONES)[number], { label: string; expected?: 'materialsReady' | 'shipDate' | 'delivery' }>> = {
  materials_ready: { label: 'Materials ready', expected: 'materialsReady' },
  production_started: { label: 'In production' },
  qc_passed: { label: 'Quality check' },
  shipped: { label: 'Shipped', expected: 'shipDate' },
  delivered: { label: 'Delivered', expected: 'delivery' },
};

const MESSAGES: Record<StatusFailure, string> = {
  unknown: "We can't find this order. Please check the link in your order confirmation.",
  down: "We can't reach the order service right now. We will try again shortly.",
  invalid: 'The order service answered with something we could not read. We will try again shortly.',
};

/**
 * The shopper's view of one order after checkout: the promised delivery
 * window, today's forecast, an honest message when it slipped, and the
 * milestones reached so far, refreshed every few minutes. The status token
 * (from the order confirmation) is the only key.
 *
 * @summary Show a build-to-order order's progress and delivery forecast.
 *
 * @event bto-status - A status was loaded (also on each refresh). Detail: `{ status }`.
 * @event bto-status-error - The status could not be loaded. Detail: `{ failure: 'unknown' | 'down' | 'invalid', message }`.
 *
 * @csspart base - The card around everything.
 * @csspart heading - "Your order ORD-…" (an h2).
 * @csspart message - The headline: on track, running late, delivered (an aria-live region).
 * @csspart message-late - Added to `message` when the forecast is past the promise.
 * @csspart dates - The promised window and current forecast (a description list).
 * @csspart promised - The promised delivery window.
 * @csspart forecast - The current forecast window.
 * @csspart timeline-heading - "Progress" (an h3).
 * @csspart timeline - The ordered list of milestones.
 * @csspart step - One milestone (`step-done` or `step-pending` is added).
 * @csspart step-done - A milestone reached.
 * @csspart step-pending - A milestone still to come.
 * @csspart tracking - The carrier and tracking number of the shipment.
 * @csspart error - Why no status is shown (unknown order, service down).
 * @csspart footer - Last update time and the refresh button.
 * @csspart refresh-button - "Refresh" / "Try again".
 *
 * @cssproperty --bto-color-accent - Reached milestones, buttons, focus ring. Default #1d5fd1.
 * @cssproperty --bto-color-accent-text - Text on the accent colour. Default #fff.
 * @cssproperty --bto-color-text - Text. Default #1d1d1f.
 * @cssproperty --bto-color-muted - Secondary text, pending milestones. Default #5f6368.
 * @cssproperty --bto-color-surface - Card background. Default #fff.
 * @cssproperty --bto-color-subtle - Background of the on-track message. Default #f5f5f7.
 * @cssproperty --bto-color-border - Borders and the timeline line. Default #d2d2d7.
 * @cssproperty --bto-color-warning - Background of the running-late message. Default #fff4e5.
 * @cssproperty --bto-color-error - Error text. Default #b3261e.
 * @cssproperty --bto-radius - Corner radius. Default 12px.
 * @cssproperty --bto-space - Spacing unit. Default 8px.
 * @cssproperty --bto-font - Font family. Default the system UI font.
 * @cssproperty --bto-font-size - Base font size. Default 16px.
 * @cssproperty --bto-focus-ring - Box shadow of the keyboard focus ring.
 */
export class BtoOrderStatus extends LitElement {
  static override styles = [themeStyles, orderStatusStyles];

  static override properties = {
    token: { type: String },
    endpoint: { type: String },
    locale: { type: String },
    refreshSeconds: { type: Number, attribute: 'refresh-seconds' },
  };

  /** The order's status token (from the order confirmation; unguessable). */
  declare token: string | undefined;
  /** The status API: the element fetches `GET {endpoint}/{token}`. Default `/api/orders/status`. */
  declare endpoint: string;
  /** BCP 47 locale for dates, e.g. "de-DE". Default: the page's language. */
  declare locale: string | undefined;
  /** How often the status is re-read, in seconds. Default 300 (5 minutes). */
  declare refreshSeconds: number;

  /** After a failed load (service down), retry after this long, in ms (tests shorten it). */
  retryDelayMs = 30_000;

  private phase: Phase = { kind: 'idle' };
  private current: OrderStatusBody | undefined;
  private updatedAt: Date | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.endpoint = '/api/orders/status';
    this.refreshSeconds = 300;
  }

  /** The last status loaded (kept while a refresh fails); undefined before the first. */
  get status(): OrderStatusBody | undefined {
    return this.current;
  }

  /** Resolves when the load in flight (if any) has finished and rendered. */
  get statusComplete(): Promise<boolean> {
    return this.inFlight.then(() => this.updateComplete);
  }

  /** Re-reads the status now. */
  refresh(): Promise<void> {
    this.controller?.abort();
    clearTimeout(this.timer);
    if (!this.token) {
      this.phase = { kind: 'idle' };
      this.requestUpdate();
      return (this.inFlight = Promise.resolve());
    }
    const controller = (this.controller = new AbortController());
    if (!this.current) this.phase = { kind: 'loading' };
    this.requestUpdate();
    this.inFlight = this.load(this.token, controller.signal);
    return this.inFlight;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.abort();
    clearTimeout(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token') || changed.has('endpoint')) {
      if (changed.has('token')) this.current = undefined;
      void this.refresh();
    }
  }

  private async load(token: string, signal: AbortSignal): Promise<void> {
    const url = `${this.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(token)}`;
    let failure: StatusFailure | undefined;
    try {
      const res = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
      if (res.status === 404) failure = 'unknown';
      else if (!res.ok) failure = 'down';
      else {
        const parsed = z.safeParse(orderStatusSchema, await res.json().catch(() => undefined));
        if (parsed.success) {
          this.current = parsed.data;
          this.updatedAt = new Date();
          this.phase = { kind: 'ok' };
          this.dispatchEvent(new CustomEvent<BtoStatusDetail>('bto-status', { detail: { status: parsed.data }, bubbles: true, composed: true }));
        } else failure = 'invalid';
      }
    } catch {
      if (signal.aborted) return;
      failure = 'down';
    }
    if (signal.aborted) return;
    if (failure) {
      if (failure === 'unknown') this.current = undefined;
      this.phase = { kind: 'failed', failure, message: MESSAGES[failure] };
      this.dispatchEvent(new CustomEvent<BtoStatusErrorDetail>('bto-status-error', { detail: { failure, message: MESSAGES[failure] }, bubbles: true, composed: true }));
    }
    this.requestUpdate();
    // An unknown token stays unknown; anything else is re-read later (sooner after a failure).
    if (failure !== 'unknown') {
      const delay = failure ? this.retryDelayMs : Math.max(10, this.refreshSeconds) * 1000;
      this.timer = setTimeout(() => void this.refresh(), delay);
    }
  }

  protected override render(): TemplateResult {
    const status = this.current;
    const failed = this.phase.kind === 'failed' ? this.phase : undefined;
    const late = status ? headline(status, this.locale) : undefined;
    return html`<section part="base" aria-labelledby="heading" aria-busy=${this.phase.kind === 'loading' ? 'true' : 'false'}>
      <h2 id="heading" part="heading">${status ? `Your order ${status.orderId}` : 'Your order'}</h2>
      <p part=${late?.late ? 'message message-late' : 'message'} aria-live="polite" ?hidden=${!late && this.phase.kind !== 'loading'}>
        ${late ? late.text : this.phase.kind === 'loading' ? 'Loading your order…' : ''}
      </p>
      ${failed ? html`<p part="error" role="alert">${failed.message}</p>` : nothing}
      ${status ? this.renderStatus(status) : nothing}
      ${status || (failed && failed.failure !== 'unknown') ? this.renderFooter(failed) : nothing}
    </section>`;
  }

  private renderStatus(status: OrderStatusBody): TemplateResult {
    const delivered = status.stage === 'delivered';
    return html`<dl part="dates">
        <dt>Promised delivery</dt>
        <dd part="promised">${formatRange(status.promised.delivery, this.locale)}</dd>
        <dt>${delivered ? 'Delivered' : 'Now expected'}</dt>
        <dd part="forecast">${delivered ? formatDay(status.forecast.delivery.latest, this.locale) : formatRange(status.forecast.delivery, this.locale)}</dd>
      </dl>
      <h3 part="timeline-heading">Progress</h3>
      <ol part="timeline">
        <li part="step step-done">
          Ordered
          <span class="when">${formatDay(status.promised.orderDay, this.locale)}</span>
        </li>
        ${status.timeline.map(
          (e) => html`<li part="step step-done">
            ${e.label}
            <span class="when"><time datetime=${e.occurredAt}>${formatInstant(e.occurredAt, this.locale)}</time></span>
            ${e.type === 'shipped' && e.carrier ? html`<span part="tracking">${e.carrier}, tracking number ${e.tracking}</span>` : nothing}
          </li>`,
        )}
        ${this.pendingSteps(status).map(
          ([label, expected]) => html`<li part="step step-pending">
            ${label}
            ${expected ? html`<span class="when">expected ${formatRange(expected, this.locale)}</span>` : nothing}
          </li>`,
        )}
      </ol>`;
  }

  /** Milestones after the current stage that have not happened yet. */
  private pendingSteps(status: OrderStatusBody): [string, OrderStatusBody['forecast']['delivery'] | undefined][] {
    const reached = MILESTONES.indexOf(status.stage as (typeof MILESTONES)[number]);
    const seen = new Set(status.timeline.map((e) => e.type));
    return MILESTONES.filter((m, i) => i > reached && !seen.has(m) && PENDING[m]).map((m) => {
      const { label, expected } = PENDING[m]!;
      return [label, expected ? status.forecast[expected] : undefined];
    });
  }

  private renderFooter(failed: Extract<Phase, { kind: 'failed' }> | undefined): TemplateResult {
    const at = this.updatedAt ? new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit' }).format(this.updatedAt) : undefined;
    return html`<p part="footer">
      ${at ? html`<span>${failed ? `Showing what we knew at ${at}.` : `Updated ${at}.`}</span>` : nothing}
      <button part="refresh-button" type="button" @click=${() => void this.refresh()}>${failed ? 'Try again' : 'Refresh'}</button>
    </p>`;
  }
}
