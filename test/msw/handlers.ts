/**
 * msw handlers for the browser tests: a quote service backed by the SAME
 * rules and promise engines as the real one (rules/<product>.yaml and
 * rules/<product>.ops.yaml, `loadRules`, `loadOps`, `promiseDelivery`), and
 * the failures a widget must survive: down, slow, 500 then OK, answers out
 * of order. Only the signature is fake (no server secret in a browser).
 */
import { HttpResponse, http, type HttpHandler } from 'msw';
import { loadOps } from '../../src/promise/load-ops.js';
import type { OpsFile } from '../../src/promise/ops-schema.js';
import { promiseDelivery } from '../../src/promise/promise.js';
import { type ApiError, type Quote, quoteRequestSchema } from '../../src/quote/contract.js';
import type { Engine } from '../../src/rules/engine.js';
import { loadRules } from '../../src/rules/load.js';

export const QUOTE_URL = '/api/quote';
/** Stands in for the server's HMAC: mocks have no secret, and nothing may mistake this for a real one. */
export const FAKE_SIGNATURE = 'msw-fake-signature-not-an-hmac';

export interface QuoteServiceOptions {
  /** Where the rules and ops files are. Default "/rules/". */
  rulesBase?: string;
  /** The order time: fixed in tests that pin dates. Default: now. */
  orderTime?: () => Date | string;
}

const loaded = new Map<string, Promise<{ engine: Engine; ops: OpsFile }>>();

/** Loads (once per base and product) the rules and ops files the real service would use. */
function productData(base: string, product: string): Promise<{ engine: Engine; ops: OpsFile }> {
  const key = base + product;
  let data = loaded.get(key);
  if (!data) {
    data = (async () => {
      const [rulesText, opsText] = await Promise.all([`${product}.yaml`, `${product}.ops.yaml`].map(async (f) => (await fetch(base + f)).text()));
      const { engine, problems } = loadRules(rulesText, `${product}.yaml`);
      if (!engine) throw new Error(`${product}.yaml: ${problems.map((p) => p.message).join('; ')}`);
      const { ops } = loadOps(opsText, `${product}.ops.yaml`, engine.model);
      if (!ops) throw new Error(`${product}.ops.yaml has errors`);
      return { engine, ops };
    })();
    loaded.set(key, data);
  }
  return data;
}

const refuse = (status: number, body: ApiError): Response => HttpResponse.json(body, { status });

/** Answers one quote request body the way the service does (price and promise recomputed here). */
export async function answerQuote(body: unknown, options: QuoteServiceOptions = {}): Promise<Response> {
  const parsed = quoteRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(400, { error: 'bad_request', message: issue?.message ?? 'invalid request', field: issue?.path.join('.') });
  }
  const request = parsed.data;
  if (!/^[a-z0-9-]+$/.test(request.product)) return refuse(404, { error: 'unknown_product', message: `no product "${request.product}"`, field: 'product' });
  const { engine, ops } = await productData(options.rulesBase ?? '/rules/', request.product);
  const evaluation = engine.evaluate(request.selection);
  if (!evaluation.valid || !evaluation.configuration) return refuse(422, { error: 'invalid_selection', message: 'this combination cannot be built', field: 'selection' });
  const orderTime = options.orderTime?.() ?? new Date();
  const { bookings: _planned, ...promise } = promiseDelivery({
    model: engine.model,
    ops,
    configuration: evaluation.configuration,
    quantity: request.quantity ?? 1,
    destination: request.destination,
    orderTime,
  });
  const created = new Date(orderTime);
  const quote: Quote = {
    quoteId: `q-${crypto.randomUUID()}`,
    product: request.product,
    selection: request.selection,
    configuration: evaluation.configuration,
    quantity: request.quantity ?? 1,
    destination: request.destination,
    price: evaluation.price,
    promise,
    createdAt: created.toISOString(),
    expiresAt: new Date(Math.max(created.getTime(), Date.now()) + 15 * 60_000).toISOString(),
    signature: FAKE_SIGNATURE,
  };
  return HttpResponse.json(quote);
}

/** The working service. */
export function quoteService(options: QuoteServiceOptions = {}): HttpHandler {
  return http.post(QUOTE_URL, async ({ request }) => answerQuote(await request.json(), options));
}

/** The service is down: every request fails at the network level. */
export function serviceDown(): HttpHandler {
  return http.post(QUOTE_URL, () => HttpResponse.error());
}

/** The service never answers until `release` (the client's timeout fires first). */
export function serviceSlow(options: QuoteServiceOptions = {}): { handler: HttpHandler; release(): void } {
  let release = (): void => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { handler: http.post(QUOTE_URL, async ({ request }) => (await gate, answerQuote(await request.json(), options))), release };
}

/** Fails with 500 `failures` times, then answers; `calls` counts the requests. */
export function failingThenOk(failures: number, options: QuoteServiceOptions = {}): { handler: HttpHandler; calls(): number } {
  let calls = 0;
  const handler = http.post(QUOTE_URL, async ({ request }) => {
    calls += 1;
    if (calls <= failures) return refuse(500, { error: 'internal', message: 'mock failure' });
    return answerQuote(await request.json(), options);
  });
  return { handler, calls: () => calls };
}

/**
 * Holds every answer until the test releases it by arrival index, so a test
 * can answer the second request before the first. `arrived(n)` resolves once
 * n requests came in.
 */
export function heldAnswers(options: QuoteServiceOptions = {}): { handler: HttpHandler; release(index: number): void; arrived(count: number): Promise<void> } {
  const gates: (() => void)[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const handler = http.post(QUOTE_URL, async ({ request }) => {
    const body: unknown = await request.json();
    await new Promise<void>((resolve) => {
      gates.push(resolve);
      for (const w of waiting.filter((x) => gates.length >= x.count)) w.resolve();
    });
    return answerQuote(body, options);
  });
  return {
    handler,
    release: (index) => gates[index]?.(),
    arrived: (count) => (gates.length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve }))),
  };
}
