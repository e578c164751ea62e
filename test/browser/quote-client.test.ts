/**
 * The quote client against msw handlers backed by the real rules and promise
 * engines, in Chromium with the real fetch and AbortController. Waits are on
 * states and on held answers, never on the clock (short timeouts and backoffs
 * keep it quick).
 */
import { expect } from '@esm-bundle/chai';
import { estimateDelivery } from '../../src/promise/estimate.js';
import { QuoteClient, type QuoteClientOptions, type QuoteState } from '../../src/quote/client.js';
import type { QuoteRequest } from '../../src/quote/contract.js';
import type { Engine } from '../../src/rules/engine.js';
import { loadRules } from '../../src/rules/load.js';
import { startWorker, worker } from '../msw/browser.js';
import { FAKE_SIGNATURE, QUOTE_URL, failingThenOk, heldAnswers, quoteService, serviceDown, serviceSlow } from '../msw/handlers.js';

const ORDER_TIME = '2026-12-01T09:00:00+01:00';
const desk = (top: string): QuoteRequest => ({ product: 'desk', selection: { frame: 'pro', top }, quantity: 1, destination: { country: 'DE' } });

let engine: Engine;

/** A client whose states can be awaited by kind. */
function client(options: Partial<QuoteClientOptions> = {}) {
  const states: QuoteState[] = [];
  const waiters: { kind: QuoteState['kind']; after: number; resolve: (s: QuoteState) => void }[] = [];
  const c = new QuoteClient({
    endpoint: QUOTE_URL,
    debounceMs: 0,
    backoffMs: 5,
    estimate: (r) => estimateDelivery({ model: engine.model, configuration: engine.evaluate(r.selection).configuration!, orderTime: ORDER_TIME, timeZone: 'Europe/Berlin' }),
    onState: (s) => {
      states.push(s);
      for (const w of [...waiters]) if (w.kind === s.kind && states.length > w.after) (waiters.splice(waiters.indexOf(w), 1), w.resolve(s));
    },
    ...options,
  });
  /** The next state of this kind from now on. */
  const next = <K extends QuoteState['kind']>(kind: K): Promise<Extract<QuoteState, { kind: K }>> =>
    new Promise((resolve) => waiters.push({ kind, after: states.length, resolve: resolve as (s: QuoteState) => void }));
  return { c, states, next };
}

/** A fetch that records each call's signal and settles `done[i]` once its body has been read. */
function recordingFetch(ignoreAbort = false) {
  const signals: AbortSignal[] = [];
  const done: Promise<unknown>[] = [];
  const fn = (url: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    signals.push(init.signal!);
    const p = fetch(url, ignoreAbort ? { ...init, signal: undefined } : init);
    done.push(p.then((r) => r.clone().text()).catch(() => undefined));
    return p;
  };
  return { fetch: fn as typeof fetch, signals, done };
}

/** Lets the client finish handling whatever has settled (tasks, not time). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('quote client against the msw quote service', () => {
  before(async () => {
    await startWorker();
    engine = loadRules(await (await fetch('/rules/desk.yaml')).text(), 'desk.yaml').engine!;
  });
  afterEach(() => worker.resetHandlers());

  it('gets a quote priced and promised by the same engines', async () => {
    worker.use(quoteService({ orderTime: () => ORDER_TIME }));
    const { c, next } = client();
    c.request(desk('walnut'));
    const { quote } = await next('quote');
    expect(quote.signature).to.equal(FAKE_SIGNATURE);
    expect(quote.configuration.top).to.equal('walnut');
    expect(quote.price.currency).to.equal('EUR');
    expect(quote.promise.orderDay).to.equal('2026-12-01');
    expect(quote.promise.drivers.some((d) => d.id === 'top-walnut')).to.equal(true);
  });

  it('aborts the stale request when the configuration changes', async () => {
    const held = heldAnswers({ orderTime: () => ORDER_TIME });
    worker.use(held.handler);
    const net = recordingFetch();
    const { c, next } = client({ fetch: net.fetch });
    c.request(desk('white'));
    await held.arrived(1);
    c.request(desk('walnut'));
    expect(net.signals[0].aborted).to.equal(true);
    await held.arrived(2);
    const answer = next('quote');
    held.release(1);
    expect((await answer).quote.configuration.top).to.equal('walnut');
    held.release(0);
  });

  it('ignores an answer that arrives out of order', async () => {
    const held = heldAnswers({ orderTime: () => ORDER_TIME });
    worker.use(held.handler);
    // A fetch that does not stop on abort (as through some proxies): the old answer does arrive.
    const net = recordingFetch(true);
    const { c, states, next } = client({ fetch: net.fetch });
    c.request(desk('white'));
    await held.arrived(1);
    c.request(desk('walnut'));
    await held.arrived(2);
    const answer = next('quote');
    held.release(1);
    await answer;
    held.release(0);
    await net.done[0];
    await settle();
    const quotes = states.filter((s) => s.kind === 'quote');
    expect(quotes.map((s) => s.kind === 'quote' && s.quote.configuration.top)).to.deep.equal(['walnut']);
  });

  it('answers an identical configuration from the cache, without a request', async () => {
    const service = failingThenOk(0, { orderTime: () => ORDER_TIME });
    worker.use(service.handler);
    const { c, states, next } = client();
    c.request(desk('oak'));
    const first = await next('quote');
    c.request({ ...desk('oak'), selection: { top: 'oak', frame: 'pro' } });
    expect(states.at(-1)).to.deep.equal({ kind: 'quote', quote: first.quote, cached: true });
    expect(service.calls()).to.equal(1);
  });

  it('times out and shows the labelled estimate', async () => {
    const slow = serviceSlow({ orderTime: () => ORDER_TIME });
    worker.use(slow.handler);
    const { c, next } = client({ timeoutMs: 50 });
    c.request(desk('walnut'));
    const state = await next('estimate');
    expect(state.reason).to.match(/no answer within 50 ms/);
    expect(state.estimate?.label).to.equal('Estimate from standard lead times');
    slow.release();
  });

  it('retries a 500 with backoff, then shows the quote', async () => {
    const service = failingThenOk(2, { orderTime: () => ORDER_TIME });
    worker.use(service.handler);
    const { c, states, next } = client({ retries: 2 });
    c.request(desk('walnut'));
    await next('quote');
    expect(service.calls()).to.equal(3);
    expect(states.map((s) => s.kind)).to.deep.equal(['loading', 'quote']);
  });

  it('shows the labelled estimate when the service is down', async () => {
    worker.use(serviceDown());
    const { c, next } = client({ retries: 1 });
    c.request(desk('walnut'));
    const state = await next('estimate');
    expect(state.reason).to.match(/^network error/);
    expect(state.estimate?.kind).to.equal('estimate');
    expect(state.estimate?.label).to.equal('Estimate from standard lead times');
    expect(state.estimate?.drivers[0]?.label).to.equal('Walnut board');
  });

  it('shows a refused request with the service message', async () => {
    worker.use(quoteService());
    const { c, next } = client();
    c.request({ ...desk('walnut'), destination: { country: 'D1' } });
    const state = await next('error');
    expect(state.status).to.equal(400);
    expect(state.error.field).to.equal('destination.country');
  });
});
