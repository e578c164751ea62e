/**
 * The widget's quote client: turns a stream of configuration changes into a
 * stream of states for the promise badge. No lit, no DOM beyond `fetch`, so
 * the same logic is unit-tested in Node with fake timers.
 *
 * What a shopper clicking through options needs from it:
 * - debounce: a burst of clicks (or a slider drag) asks once, for the last one;
 * - a newer request aborts the one in flight (AbortController), and every
 *   answer is checked against a sequence number, so an old answer that
 *   arrives late (a fetch that ignored its abort, a cache served meanwhile)
 *   never overwrites a newer one;
 * - identical configurations are answered from a short-lived cache (never
 *   past the quote's own `expiresAt`), so clicking back and forth costs nothing;
 * - a timeout, and retries with exponential backoff on network errors and
 *   5xx (a 4xx will say the same thing again, so it is shown, not retried);
 * - every body is validated with the contract's schemas: a body that does
 *   not match is a broken service, handled like a down one;
 * - when the service is down (or slow, or broken) the caller's `estimate`
 *   gives a labelled estimate instead of a blank.
 */
import type { DeliveryEstimate } from '../promise/estimate.js';
import { type ApiError, type Quote, type QuoteRequest, errorSchema, quoteSchema } from './contract.js';

export type QuoteState =
  | { kind: 'loading'; request: QuoteRequest }
  | { kind: 'quote'; quote: Quote; cached: boolean }
  /** The service could not give a quote; `reason` says why (for logs and tests, not for shoppers). */
  | { kind: 'estimate'; estimate: DeliveryEstimate | undefined; reason: string }
  /** The service refused the request (4xx): `error.message` names the problem. */
  | { kind: 'error'; status: number; error: ApiError };

export interface QuoteClientOptions {
  /** URL of `POST /api/quote`. */
  endpoint: string;
  onState: (state: QuoteState) => void;
  /** The fallback when no quote can be had. */
  estimate?: (request: QuoteRequest) => DeliveryEstimate | undefined;
  /** Quiet time after the last change before asking. Default 250 ms. */
  debounceMs?: number;
  /** Per attempt. Default 4000 ms. */
  timeoutMs?: number;
  /** Further attempts after a network error or 5xx. Default 2. */
  retries?: number;
  /** Wait before the first retry; each further one waits twice as long. Default 300 ms. */
  backoffMs?: number;
  /** How long an answer is reused for the same configuration. Default 30 s. */
  cacheTtlMs?: number;
  /** Injected in tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Injected in tests; defaults to `Date.now`. */
  now?: () => number;
}

/** Why an attempt failed: `retry` for network errors and 5xx, `final` for the rest. */
type Outcome = { quote: Quote } | { status: number; error: ApiError } | { failure: string; retry: boolean };

/** The cache key: the same product, choices, quantity and destination, whatever the key order. */
export function quoteKey(request: QuoteRequest): string {
  const selection = Object.keys(request.selection)
    .sort()
    .map((k) => [k, request.selection[k]]);
  const { country, postalCode } = request.destination;
  return JSON.stringify([request.product, selection, request.quantity ?? 1, country.toUpperCase(), postalCode ?? '']);
}

export class QuoteClient {
  private readonly options: QuoteClientOptions;
  private readonly cache = new Map<string, { quote: Quote; until: number }>();
  private sequence = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | undefined;

  constructor(options: QuoteClientOptions) {
    this.options = options;
  }

  /** Asks for a quote for this configuration; the answer comes through `onState`. */
  request(request: QuoteRequest): void {
    const seq = this.cancel();
    const hit = this.cache.get(quoteKey(request));
    if (hit && hit.until > this.now()) {
      this.options.onState({ kind: 'quote', quote: hit.quote, cached: true });
      return;
    }
    this.options.onState({ kind: 'loading', request });
    this.timer = setTimeout(() => void this.run(seq, request), this.options.debounceMs ?? 250);
  }

  /** Stops the pending request (e.g. the element left the page); late answers are dropped. */
  cancel(): number {
    clearTimeout(this.timer);
    this.inFlight?.abort();
    this.inFlight = undefined;
    return ++this.sequence;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async run(seq: number, request: QuoteRequest): Promise<void> {
    const retries = this.options.retries ?? 2;
    let outcome: Outcome = { failure: 'not asked', retry: true };
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0 && !(await this.pause((this.options.backoffMs ?? 300) * 2 ** (attempt - 1), seq))) return;
      outcome = await this.attempt(request, seq);
      if (seq !== this.sequence) return;
      if (!('retry' in outcome) || !outcome.retry) break;
    }
    if ('quote' in outcome) {
      // Reused only while the quote holds: before it expires and before the cut-off moves the order day on.
      const { expiresAt, promise } = outcome.quote;
      const until = Math.min(this.now() + (this.options.cacheTtlMs ?? 30_000), Date.parse(expiresAt) || Infinity, Date.parse(promise.cutoffDeadline) || Infinity);
      this.cache.set(quoteKey(request), { quote: outcome.quote, until });
      this.options.onState({ kind: 'quote', quote: outcome.quote, cached: false });
    } else if ('error' in outcome) {
      this.options.onState({ kind: 'error', status: outcome.status, error: outcome.error });
    } else {
      this.options.onState({ kind: 'estimate', estimate: this.fallback(request), reason: outcome.failure });
    }
  }

  /** The caller's estimate; a fallback that throws must not leave the shopper with a spinner. */
  private fallback(request: QuoteRequest): DeliveryEstimate | undefined {
    try {
      return this.options.estimate?.(request);
    } catch {
      return undefined;
    }
  }

  /** One POST with its own timeout. */
  private async attempt(request: QuoteRequest, seq: number): Promise<Outcome> {
    const abort = new AbortController();
    this.inFlight = abort;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, this.options.timeoutMs ?? 4000);
    try {
      const response = await (this.options.fetch ?? fetch)(this.options.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        signal: abort.signal,
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok) {
        const parsed = quoteSchema.safeParse(body);
        return parsed.success ? { quote: parsed.data } : { failure: 'the service answered a body that is not a quote', retry: false };
      }
      if (response.status >= 500) return { failure: `the service answered HTTP ${response.status}`, retry: true };
      const parsed = errorSchema.safeParse(body);
      const error = parsed.success ? parsed.data : { error: 'http', message: `The quote service answered HTTP ${response.status}.` };
      return { status: response.status, error };
    } catch (e) {
      // A slow service will not be faster on the next try, and the shopper is waiting: a timeout is final.
      if (timedOut) return { failure: `no answer within ${this.options.timeoutMs ?? 4000} ms`, retry: false };
      return { failure: seq === this.sequence ? `network error: ${(e as Error).message}` : 'aborted', retry: true };
    } finally {
      clearTimeout(timer);
      if (this.inFlight === abort) this.inFlight = undefined;
    }
  }

  /**
   * Waits before a retry; false when a newer request came in meanwhile. When
   * `cancel` clears the timer this never settles, and the stale run is dropped.
   */
  private pause(ms: number, seq: number): Promise<boolean> {
    return new Promise((resolve) => {
      this.timer = setTimeout(() => resolve(seq === this.sequence), ms);
    });
  }
}
