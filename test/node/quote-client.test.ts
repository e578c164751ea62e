/**
 * The quote client's timing logic with fake timers and a fake fetch whose
 * answers the test releases by hand: no sleeps, no network.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { QuoteClient, type QuoteClientOptions, type QuoteState, quoteKey } from '../../src/quote/client.js';
import type { Quote, QuoteRequest } from '../../src/quote/contract.js';
import type { DeliveryEstimate } from '../../src/promise/estimate.js';

const request = (top: string, extra: Partial<QuoteRequest> = {}): QuoteRequest => ({
  product: 'desk',
  selection: { frame: 'pro', top },
  quantity: 1,
  destination: { country: 'DE' },
  ...extra,
});

function quoteFor(req: QuoteRequest, id = `q-${String(req.selection.top)}`): Quote {
  const range = { earliest: '2026-12-08', latest: '2026-12-11' };
  return {
    quoteId: id,
    product: req.product,
    selection: req.selection,
    configuration: req.selection,
    quantity: 1,
    destination: req.destination,
    price: { amount: 100, currency: 'EUR', lines: [{ label: 'Desk', amount: 100 }] },
    promise: {
      kind: 'promise',
      timeZone: 'Europe/Berlin',
      orderDay: '2026-12-01',
      cutoffDeadline: '2026-12-01T13:00:00.000Z',
      materialsReady: range,
      shipDate: range,
      delivery: range,
      shippingZone: 'DE',
      drivers: [],
    },
    createdAt: '2026-12-01T10:00:00.000Z',
    expiresAt: '2099-01-01T00:00:00.000Z',
    signature: 'fake',
  };
}

const ESTIMATE = { kind: 'estimate', label: 'Estimate from standard lead times' } as DeliveryEstimate;

/** A fetch whose calls wait until the test answers them; an abort rejects like the real one. */
function controlledFetch() {
  const calls: { body: QuoteRequest; signal: AbortSignal; answer: (r: Response | Error) => void }[] = [];
  const fn = (_url: string | URL | Request, init?: RequestInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      const signal = init!.signal!;
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      calls.push({ body: JSON.parse(String(init!.body)), signal, answer: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
    });
  return { calls, fetch: fn as typeof fetch };
}

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
/** Lets resolved promises run (setImmediate is not faked). */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function client(extra: Partial<QuoteClientOptions> = {}) {
  const states: QuoteState[] = [];
  const net = controlledFetch();
  let now = 0;
  const c = new QuoteClient({ endpoint: '/api/quote', onState: (s) => states.push(s), fetch: net.fetch, estimate: () => ESTIMATE, now: () => now, ...extra });
  return { c, states, net, advance: (ms: number) => ((now += ms), mock.timers.tick(ms)) };
}

describe('quote client', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('keys configurations independently of key order and country case', () => {
    const a = quoteKey({ product: 'desk', selection: { a: 1, b: 'x' }, destination: { country: 'de' } });
    const b = quoteKey({ product: 'desk', selection: { b: 'x', a: 1 }, quantity: 1, destination: { country: 'DE' } });
    assert.equal(a, b);
    assert.notEqual(a, quoteKey({ product: 'desk', selection: { a: 1, b: 'x' }, quantity: 2, destination: { country: 'DE' } }));
  });

  it('debounces a burst of changes into one request for the last', async () => {
    const { c, states, net, advance } = client();
    c.request(request('white'));
    advance(100);
    c.request(request('oak'));
    advance(249);
    assert.equal(net.calls.length, 0);
    advance(1);
    assert.equal(net.calls.length, 1);
    assert.equal(net.calls[0].body.selection.top, 'oak');
    net.calls[0].answer(json(quoteFor(request('oak'))));
    await flush();
    assert.deepEqual(states.map((s) => s.kind), ['loading', 'loading', 'quote']);
  });

  it('aborts the stale request in flight and ignores an answer that comes out of order', async () => {
    const { c, states, net, advance } = client();
    c.request(request('white'));
    advance(250);
    c.request(request('walnut'));
    assert.equal(net.calls[0].signal.aborted, true);
    advance(250);
    // The old answer arrives after all (a server that ignores the abort): dropped.
    net.calls[0].answer(json(quoteFor(request('white'))));
    net.calls[1].answer(json(quoteFor(request('walnut'))));
    await flush();
    const quotes = states.filter((s) => s.kind === 'quote');
    assert.deepEqual(quotes.map((s) => s.kind === 'quote' && s.quote.quoteId), ['q-walnut']);
  });

  it('drops a late answer even when its fetch was not aborted', async () => {
    // A fetch that ignores the abort signal answers the old request last.
    const pending: ((r: Response) => void)[] = [];
    const { c, states, advance } = client({ fetch: (() => new Promise<Response>((r) => pending.push(r))) as typeof fetch });
    c.request(request('white'));
    advance(250);
    c.request(request('walnut'));
    advance(250);
    pending[1](json(quoteFor(request('walnut'))));
    await flush();
    pending[0](json(quoteFor(request('white'))));
    await flush();
    assert.deepEqual(states.filter((s) => s.kind === 'quote').map((s) => s.kind === 'quote' && s.quote.quoteId), ['q-walnut']);
  });

  it('answers an identical configuration from the cache without a request', async () => {
    const { c, states, net, advance } = client();
    c.request(request('walnut'));
    advance(250);
    net.calls[0].answer(json(quoteFor(request('walnut'))));
    await flush();
    c.request({ ...request('walnut'), selection: { top: 'walnut', frame: 'pro' } });
    advance(1000);
    assert.equal(net.calls.length, 1);
    assert.deepEqual(states.at(-1), { kind: 'quote', quote: quoteFor(request('walnut')), cached: true });
    // After the TTL it asks again.
    advance(30_000);
    c.request(request('walnut'));
    advance(250);
    assert.equal(net.calls.length, 2);
  });

  it('does not reuse a quote past its cut-off: the order day has moved on', async () => {
    const { c, net, advance } = client();
    const deadline = Date.parse('2026-12-01T13:00:00.000Z');
    advance(deadline - 10_000);
    c.request(request('walnut'));
    advance(250);
    net.calls[0].answer(json(quoteFor(request('walnut'))));
    await flush();
    advance(10_000);
    c.request(request('walnut'));
    advance(250);
    assert.equal(net.calls.length, 2);
  });

  it('times out and shows the labelled estimate, without retrying', async () => {
    const { c, states, net, advance } = client({ timeoutMs: 4000 });
    c.request(request('walnut'));
    advance(250);
    advance(4000);
    await flush();
    assert.equal(net.calls.length, 1);
    assert.equal(net.calls[0].signal.aborted, true);
    const last = states.at(-1)!;
    assert.equal(last.kind, 'estimate');
    assert.match(last.kind === 'estimate' ? last.reason : '', /no answer within 4000 ms/);
    assert.equal(last.kind === 'estimate' && last.estimate?.label, 'Estimate from standard lead times');
  });

  it('retries network errors and 5xx with exponential backoff, then succeeds', async () => {
    const { c, states, net, advance } = client({ retries: 3, backoffMs: 300 });
    c.request(request('walnut'));
    advance(250);
    net.calls[0].answer(new TypeError('Failed to fetch'));
    await flush();
    advance(299);
    await flush();
    assert.equal(net.calls.length, 1);
    advance(1);
    await flush();
    assert.equal(net.calls.length, 2);
    net.calls[1].answer(json({ error: 'internal', message: 'boom' }, 503));
    await flush();
    advance(599);
    await flush();
    assert.equal(net.calls.length, 2);
    advance(1);
    await flush();
    assert.equal(net.calls.length, 3);
    net.calls[2].answer(json(quoteFor(request('walnut'))));
    await flush();
    assert.deepEqual(states.map((s) => s.kind), ['loading', 'quote']);
  });

  it('falls back to the estimate when every try fails', async () => {
    const { c, states, net, advance } = client({ retries: 1, backoffMs: 100 });
    c.request(request('walnut'));
    advance(250);
    net.calls[0].answer(new TypeError('Failed to fetch'));
    await flush();
    advance(100);
    await flush();
    net.calls[1].answer(new TypeError('Failed to fetch'));
    await flush();
    assert.equal(net.calls.length, 2);
    assert.deepEqual(states.at(-1), { kind: 'estimate', estimate: ESTIMATE, reason: 'network error: Failed to fetch' });
  });

  it('shows a 4xx with its message and does not retry it', async () => {
    const { c, states, net, advance } = client();
    c.request(request('walnut'));
    advance(250);
    net.calls[0].answer(json({ error: 'bad_request', message: 'we do not ship to "ZZ"', field: 'destination.country' }, 400));
    await flush();
    advance(10_000);
    assert.equal(net.calls.length, 1);
    assert.deepEqual(states.at(-1), { kind: 'error', status: 400, error: { error: 'bad_request', message: 'we do not ship to "ZZ"', field: 'destination.country' } });
  });

  it('treats a body that is not a quote as a failure', async () => {
    const { c, states, net, advance } = client();
    c.request(request('walnut'));
    advance(250);
    net.calls[0].answer(json({ quoteId: 'x', price: 'free' }));
    await flush();
    assert.equal(states.at(-1)!.kind, 'estimate');
    assert.equal(net.calls.length, 1);
  });

  it('cancel drops whatever is pending', async () => {
    const { c, states, net, advance } = client();
    c.request(request('walnut'));
    c.cancel();
    advance(1000);
    assert.equal(net.calls.length, 0);
    assert.deepEqual(states.map((s) => s.kind), ['loading']);
  });
});
