/**
 * The quote API contract, through the app without a port: every bad input
 * is refused with a 4xx JSON body naming its field; CORS lets only allowed
 * origins in; the OpenAPI document is generated from the zod schemas.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod/mini';
import { errorSchema, quoteSchema } from '../../src/quote/contract.js';
import { ApiError } from '../../src/server/api-error.js';
import { buildQuote } from '../../src/server/quoting.js';
import type { RunningServer } from '../../src/server/serve.js';
import { deskRequest, post, testServer } from './server-fixture.js';

let server: RunningServer;
before(async () => {
  server = await testServer({ origins: ['https://shop.example'] });
});
after(() => server.close());

/** POSTs a quote request and checks it is refused with `status`, naming `field`. */
async function refused(body: unknown, status: number, field: string, error?: string): Promise<void> {
  const res = await post(server, '/api/quote', body);
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.ok(z.safeParse(errorSchema, res.body).success, 'the body follows errorSchema');
  assert.equal(res.body.field, field, JSON.stringify(res.body));
  if (error) assert.equal(res.body.error, error);
  assert.ok(res.body.message.length > 5);
}

describe('POST /api/quote', () => {
  test('a good request gets a signed quote that follows quoteSchema', async () => {
    const res = await post(server, '/api/quote', deskRequest({ selection: { top: 'walnut' } }));
    assert.equal(res.status, 200);
    const quote = z.parse(quoteSchema, res.body);
    assert.equal(quote.configuration.frame, 'pro', 'completed with the rules');
    assert.equal(quote.price.amount, quote.price.lines.reduce((s, l) => s + l.amount, 0));
    assert.match(quote.signature, /^[0-9a-f]{64}$/);
    assert.ok(Date.parse(quote.expiresAt) - Date.parse(quote.createdAt) === 30 * 60_000);
    assert.ok(!('bookings' in quote.promise), 'the plant bookings stay on the server');
    assert.ok(quote.promise.drivers.some((d) => d.id === 'top-walnut'), 'walnut drives the date');
  });

  test('a price sent by the browser is refused, not used', async () => {
    await refused({ ...deskRequest(), price: { amount: 1 } }, 400, 'price', 'invalid_request');
  });

  test('each bad field is named', async () => {
    await refused(deskRequest({ product: 'sofa' }), 404, 'product', 'unknown_product');
    await refused(deskRequest({ product: '' }), 400, 'product');
    await refused(deskRequest({ selection: { toppp: 'oak' } }), 422, 'selection.toppp', 'unknown_module');
    await refused(deskRequest({ selection: { top: 'marble' } }), 422, 'selection.top', 'unknown_value');
    await refused(deskRequest({ selection: { width: 145 } }), 422, 'selection.width', 'unknown_value');
    await refused(deskRequest({ selection: { top: 'oak', frame: 7 } }), 422, 'selection.frame');
    await refused(deskRequest({ selection: 'oak' }), 400, 'selection');
    await refused(deskRequest({ destination: { country: 'Germany' } }), 400, 'destination.country');
    await refused(deskRequest({ destination: {} }), 400, 'destination.country');
    await refused(deskRequest({ quantity: 0 }), 400, 'quantity');
    await refused(deskRequest({ quantity: 2.5 }), 400, 'quantity');
    await refused(deskRequest({ quantity: 1001 }), 400, 'quantity');
    const { destination: _, ...noDestination } = deskRequest();
    await refused(noDestination, 400, 'destination');
  });

  test('a selection that fits no product names the module and says why', async () => {
    const res = await post(server, '/api/quote', deskRequest({ selection: { top: 'walnut', frame: 'basic' } }));
    assert.equal(res.status, 422);
    assert.equal(res.body.error, 'invalid_selection');
    assert.equal(res.body.field, 'selection.frame');
    assert.match(res.body.message, /dual-motor/);
  });

  test('a country without a shipping zone names destination.country', () => {
    // The example products all ship to "*"; drop it from the ops data.
    const product = server.service.catalog.products.get('desk')!;
    const ops = { ...product.ops, shipping: { DE: product.ops.shipping.DE } };
    const request = deskRequest({ destination: { country: 'US' } });
    assert.throws(
      () => buildQuote({ product, request, ops, now: new Date(), secret: 's', ttlMs: 1000 }),
      (e: unknown) => e instanceof ApiError && e.status === 422 && e.field === 'destination.country' && /do not ship/.test(e.message),
    );
  });

  test('malformed JSON names body; a body over 16 KB is refused with 413 JSON', async () => {
    await refused('{"product": "desk",', 400, 'body', 'malformed_json');
    const big = deskRequest({ selection: { top: 'oak', note: 'x'.repeat(20_000) } });
    const res = await post(server, '/api/quote', big);
    assert.equal(res.status, 413);
    assert.equal(res.body.error, 'body_too_large');
  });

  test('a body that is not JSON is refused with 415', async () => {
    const res = await server.app.request('/api/quote', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(deskRequest()) });
    assert.equal(res.status, 415);
  });
});

describe('POST /api/orders input', () => {
  test('without Idempotency-Key: 400 naming the header', async () => {
    const res = await post(server, '/api/orders', { quoteId: 'q_x', signature: 'ab' });
    assert.equal(res.status, 400);
    assert.equal(res.body.field, 'Idempotency-Key');
  });

  test('unknown quote: 404 naming quoteId; missing signature: 400 naming it', async () => {
    const unknown = await post(server, '/api/orders', { quoteId: 'q_nope', signature: 'ab' }, { 'idempotency-key': 'k-unknown' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.field, 'quoteId');
    const missing = await post(server, '/api/orders', { quoteId: 'q_nope' }, { 'idempotency-key': 'k-missing' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.field, 'signature');
  });
});

describe('CORS', () => {
  test('a configured merchant origin is allowed, preflight included', async () => {
    const pre = await server.app.request('/api/quote', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.ok(pre.status === 204 || pre.status === 200);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'https://shop.example');
    const res = await post(server, '/api/quote', deskRequest(), { origin: 'https://shop.example' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example');
  });

  test('an error answer keeps the CORS header, so the widget can read it', async () => {
    const res = await post(server, '/api/quote', deskRequest({ product: 'sofa' }), { origin: 'https://shop.example' });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example');
  });

  test('any other origin is refused: 403, no CORS header', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:5173']) {
      const res = await post(server, '/api/quote', deskRequest(), { origin });
      assert.equal(res.status, 403);
      assert.equal(res.body.field, 'Origin');
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    }
    const pre = await server.app.request('/api/quote', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(pre.status, 403);
  });

  test('without BTO_ORIGINS: loopback origins on any port (the demo), nothing else', async () => {
    const open = await testServer();
    try {
      assert.equal((await post(open, '/api/quote', deskRequest(), { origin: 'http://localhost:5173' })).status, 200);
      assert.equal((await post(open, '/api/quote', deskRequest(), { origin: 'http://127.0.0.1:8000' })).status, 200);
      assert.equal((await post(open, '/api/quote', deskRequest(), { origin: 'https://shop.example' })).status, 403);
    } finally {
      await open.close();
    }
  });
});

describe('GET', () => {
  test('/api/health says ok, the store and the products', async () => {
    const res = await server.app.request('/api/health');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; store: string; products: string[] };
    assert.equal(body.status, 'ok');
    assert.equal(body.store, 'pglite');
    assert.deepEqual(body.products.sort(), ['bicycle', 'desk', 'pc']);
  });

  test('/api/openapi.json is OpenAPI 3.1 with the schemas generated from zod', async () => {
    const res = await server.app.request('/api/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, any> } };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/api/health',
      '/api/learning',
      '/api/learning/apply',
      '/api/metrics',
      '/api/orders',
      '/api/orders/status/{token}',
      '/api/orders/{id}/events',
      '/api/quote',
    ]);
    const request = doc.components.schemas.QuoteRequest;
    assert.deepEqual(request.required.sort(), ['destination', 'product', 'selection']);
    assert.equal(request.additionalProperties, false);
    assert.ok(doc.components.schemas.Quote.properties.signature.description.includes('HMAC'));
    for (const name of ['Quote', 'Order', 'OrderRequest', 'Error', 'MilestoneEvent', 'OrderStatus', 'ApplyLearning']) assert.ok(doc.components.schemas[name], name);
  });

  test('an unknown route answers 404 JSON', async () => {
    const res = await server.app.request('/api/nope');
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { error: string }).error, 'not_found');
  });
});
