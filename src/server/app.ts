/**
 * The HTTP face of the quote service (Hono): each route parses and checks
 * its input with the contract's zod schemas, calls QuoteService and
 * serialises. `app.request()` runs it without a port (tests); serve.ts puts
 * it on one.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod/mini';
import { orderRequestSchema, quoteRequestSchema } from '../quote/contract.js';
import { ApiError } from './api-error.js';
import { openApiDocument } from './openapi.js';
import type { LeadTimeLearning } from './lead-time-learning.js';
import { registerLearningRoutes } from './learning-routes.js';
import { registerOrderRoutes } from './order-routes.js';
import type { OrderTracking } from './order-tracking.js';
import { originAllowed } from './origins.js';
import { parseBody } from './parse-body.js';
import type { QuoteService } from './service.js';

export interface AppOptions {
  service: QuoteService;
  /** Merchant origins allowed to call from a browser; undefined: loopback origins (demo). */
  origins?: readonly string[];
  /** Largest request body, in bytes. Default 16 KiB. */
  maxBodyBytes?: number;
  /** Milestones, order status and metrics (order-routes.ts); left out when undefined. */
  tracking?: OrderTracking;
  /** Learned lead times (learning-routes.ts); needs `tracking`; left out when undefined. */
  learning?: LeadTimeLearning;
}

const idempotencyKeySchema = z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[\x21-\x7e]+$/));

export function createApp({ service, origins, maxBodyBytes = 16 * 1024, tracking, learning }: AppOptions): Hono {
  const app = new Hono();
  const allowed = (origin: string, url: string): boolean => originAllowed(origin, new URL(url).origin, origins);

  // A page from an origin we do not serve gets no CORS headers and a 403, so neither its reads nor its writes get through.
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin && !allowed(origin, c.req.url)) {
      return c.json(new ApiError(403, 'origin_not_allowed', `origin ${origin} may not call this service (see BTO_ORIGINS)`, 'Origin').body, 403);
    }
    await next();
  });
  app.use(
    '/api/*',
    cors({
      origin: (origin, c) => (allowed(origin, c.req.url) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization'],
      maxAge: 600,
    }),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => c.json(new ApiError(413, 'body_too_large', `the body is over ${maxBodyBytes} bytes`, 'body').body, 413),
    }),
  );

  app.post('/api/quote', async (c) => c.json(await service.quote(await parseBody(c.req.raw, quoteRequestSchema))));

  app.post('/api/orders', async (c) => {
    const key = z.safeParse(idempotencyKeySchema, c.req.header('idempotency-key'));
    if (!key.success) {
      throw new ApiError(400, 'missing_idempotency_key', 'send an Idempotency-Key header (1-200 visible ASCII characters, e.g. a UUID)', 'Idempotency-Key');
    }
    const body = await parseBody(c.req.raw, orderRequestSchema);
    const answer = await service.order(key.data, body);
    return c.json(answer.body, answer.status as ContentfulStatusCode);
  });

  app.get('/api/health', async (c) => {
    try {
      await service.store.db.query('SELECT 1');
      return c.json({ status: 'ok', store: service.store.db.kind, products: [...service.catalog.products.keys()] });
    } catch (e) {
      return c.json({ status: 'down', store: service.store.db.kind, message: String(e) }, 503);
    }
  });

  if (tracking) registerOrderRoutes(app, tracking);
  if (tracking && learning) registerLearningRoutes(app, tracking, learning);

  // Generated once: the schemas do not change while the service runs.
  let document: Record<string, unknown> | undefined;
  app.get('/api/openapi.json', (c) => c.json((document ??= openApiDocument(new URL(c.req.url).origin))));

  app.notFound((c) => c.json(new ApiError(404, 'not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`).body, 404));
  app.onError((e, c) => {
    if (e instanceof ApiError) {
      // c.json keeps the CORS headers already set on the context.
      return c.json(e.body, e.status as ContentfulStatusCode);
    }
    console.error(e);
    return c.json({ error: 'internal', message: 'the service failed; try again' }, 500);
  });
  return app;
}
