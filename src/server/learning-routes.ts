/**
 * Learned lead times over HTTP, mounted by app.ts when the service tracks orders:
 *   GET  /api/learning         merchant key; proposed corrections per product, with their effect
 *   POST /api/learning/apply   merchant key; body {} or { "products": ["desk"] }: applies the
 *                              current proposals (recomputed here) and answers what was applied
 */
import type { Hono } from 'hono';
import { z } from 'zod/mini';
import type { LeadTimeLearning } from './lead-time-learning.js';
import type { OrderTracking } from './order-tracking.js';
import { parseBody } from './parse-body.js';

export const applyLearningSchema = z.strictObject({
  products: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(100))),
});

export function registerLearningRoutes(app: Hono, tracking: OrderTracking, learning: LeadTimeLearning): void {
  app.get('/api/learning', async (c) => {
    const merchant = await tracking.merchant(c.req.header('authorization'));
    c.header('cache-control', 'no-store');
    return c.json(await learning.proposals(merchant));
  });

  app.post('/api/learning/apply', async (c) => {
    const merchant = await tracking.merchant(c.req.header('authorization'));
    const empty = (await c.req.raw.clone().text()).trim() === '';
    const body = empty ? {} : await parseBody(c.req.raw, applyLearningSchema);
    const applied = await learning.apply(merchant, body.products);
    return c.json({ applied: applied.products, coverage: applied.coverage, minSamples: applied.minSamples });
  });
}
