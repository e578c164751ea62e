/**
 * The delivery promise as the shopper reads it, in the `promise` part:
 *   Arrives Tue 8 Dec – Fri 11 Dec           (promise-dates)
 *   Walnut board adds 7 days                 (promise-drivers)
 *   Order within 3 h 12 min to ship Monday   (promise-cutoff)
 * or, when the service cannot be reached, the estimate with its label
 * (promise-estimate). Dates are plant days formatted in the element's locale
 * (see describe.ts: never shifted into the shopper's zone).
 *
 * Only dates, drivers and the estimate label sit in the polite live region:
 * a screen reader hears the new dates after a change, but not the countdown
 * ticking every minute.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { cutoffClause, delayDrivers, describeDriver, formatRange } from '../promise/describe.js';
import type { DeliveryEstimate } from '../promise/estimate.js';
import type { QuotedPromise } from '../quote/contract.js';

export interface PromiseView {
  /** What to show: the quoted promise, the estimate, or nothing yet. */
  shown: QuotedPromise | DeliveryEstimate | undefined;
  /** A newer answer is on its way (the shown one stays, marked busy, rather than blinking out). */
  busy: boolean;
  /** The service refused the configuration (4xx): its message. */
  error?: string;
  locale: string;
  now: Date;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function renderPromise(view: PromiseView): TemplateResult | typeof nothing {
  const { shown, locale } = view;
  if (!shown && !view.error && !view.busy) return nothing;
  const estimate = shown?.kind === 'estimate';
  const drivers = shown ? delayDrivers(shown.drivers).slice(0, 2) : [];
  const cutoff = shown && !estimate ? cutoffClause(shown as QuotedPromise, view.now, locale) : undefined;
  return html`<div class="promise-badge ${estimate ? 'estimate' : ''}">
    <div role="status" aria-live="polite" aria-busy=${view.busy ? 'true' : 'false'}>
      ${view.error
        ? html`<p part="promise-error" class="promise-error">${view.error}</p>`
        : shown
          ? html`<p part="promise-dates" class="promise-dates">${estimate ? 'Estimated arrival' : 'Arrives'} ${formatRange(shown.delivery, locale)}</p>`
          : html`<p part="promise-dates" class="promise-dates pending">Checking delivery dates\u2026</p>`}
      ${drivers.length && !view.error
        ? html`<p part="promise-drivers" class="promise-drivers">${drivers.map((d) => (estimate ? `${d.label} takes about ${d.days} days` : describeDriver(d))).join(' · ')}</p>`
        : nothing}
      ${estimate && !view.error ? html`<p part="promise-estimate" class="promise-estimate">${(shown as DeliveryEstimate).label}</p>` : nothing}
    </div>
    ${cutoff && !view.error ? html`<p part="promise-cutoff" class="promise-cutoff">${capitalise(cutoff)}</p>` : nothing}
  </div>`;
}

export const promiseBadgeStyles = css`
  /* The wrapper hides while the promise slot is empty; the built-in badge fills it too. */
  [part~='promise']:has(.promise-badge) {
    display: block;
  }
  .promise-badge p {
    margin: 0;
  }
  .promise-badge {
    display: grid;
    gap: calc(var(--_space, 8px) / 2);
    margin-block: var(--_space, 8px);
  }
  .promise-dates {
    font-weight: 600;
  }
  .promise-dates.pending,
  .promise-drivers,
  .promise-cutoff,
  .promise-estimate {
    color: var(--bto-color-muted, #5f6368);
    font-size: 0.9em;
  }
  /* Dimmed with a colour that keeps text contrast (opacity would fail WCAG AA). */
  [aria-busy='true'] .promise-dates {
    color: var(--bto-color-muted, #5f6368);
  }
`;
