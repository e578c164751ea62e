/** msw handlers for the merchant dashboard: GET /api/metrics, GET /api/learning, POST /api/learning/apply (Bearer key). */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { LearningReview } from '../../src/orders/learning-effect.js';
import type { GroupStats, Metrics } from '../../src/orders/metrics.js';

export const MERCHANT_KEY = 'bto_test_merchant_key';

const stats = (key: string, delivered: number, onTime: number, median: number): GroupStats => ({
  key,
  orders: delivered + 2,
  delivered,
  onTime,
  early: 1,
  late: delivered - onTime,
  onTimeRate: delivered ? Math.round((onTime / delivered) * 10000) / 10000 : null,
  atRisk: 1,
  leadDays: { median, p90: median + 6 },
  promisedLeadDays: { median: median + 2 },
  deviationDays: { mean: -1.5, stdev: 2.1, min: -5, max: 3 },
});

export const metricsBody: Metrics = {
  totals: stats('all', 40, 37, 14),
  byPeriod: [stats('2026-W45', 10, 10, 13), stats('2026-W46', 10, 9, 14), stats('2026-W47', 12, 11, 15), stats('2026-W48', 8, 7, 14)],
  byProduct: [stats('desk', 40, 37, 14)],
  byOption: [],
  byDestination: [],
  bySupplier: [],
  suppliers: [
    { component: 'top-walnut', label: 'Walnut board', ordered: 12, arrivals: 10, declaredDays: { supplierDays: 6, spreadDays: 2 }, actualDays: { median: 8, p90: 10, max: 12 }, reliability: 0.6, meanDelayDays: 2 },
    { component: 'top-oak', label: 'Oak board', ordered: 8, arrivals: 8, declaredDays: { supplierDays: 12, spreadDays: 3 }, actualDays: { median: 9, p90: 11, max: 11 }, reliability: 1, meanDelayDays: -3 },
  ],
  popularity: [
    { product: 'desk', option: 'top=white', quoted: 60, ordered: 20, conversion: 0.3333, clashes: 0 },
    { product: 'desk', option: 'top=walnut', quoted: 30, ordered: 12, conversion: 0.4, clashes: 5 },
    { product: 'desk', option: 'frame=basic', quoted: 20, ordered: 8, conversion: 0.4, clashes: 5 },
    { product: 'desk', option: 'drawer=null', quoted: 0, ordered: 30, conversion: null, clashes: 0 },
  ],
  topClashes: [
    { product: 'desk', option: 'frame=basic', kind: 'option', with: 'top=walnut', count: 5 },
  ],
  atRisk: [
    { orderId: 'o_soonest', product: 'desk', promisedLatest: '2026-12-02' },
    { orderId: 'o_later', product: 'desk', promisedLatest: '2026-12-09' },
  ],
};

export const learningBody: LearningReview = {
  coverage: 0.97,
  minSamples: 5,
  products: [
    {
      product: 'desk',
      delivered: 40,
      proposals: [
        {
          kind: 'component',
          id: 'top-walnut',
          samples: 10,
          current: { supplierDays: 6, spreadDays: 2 },
          proposed: { supplierDays: 8, spreadDays: 4 },
          description: 'part top-walnut: supplierDays 6 -> 8, spreadDays 2 -> 4 (10 arrivals)',
          effect: { latestDays: { current: 8, proposed: 12 }, likelyDays: { current: 6, proposed: 8 }, covered: { current: 0.6, proposed: 1 }, orders: 12, promises: 'later' },
        },
      ],
    },
  ],
};

const authorized = (request: Request): boolean => request.headers.get('authorization') === `Bearer ${MERCHANT_KEY}`;
const unauthorized = () => HttpResponse.json({ error: 'unauthorized', message: 'the API key is not valid', field: 'Authorization' }, { status: 401 });

/** The service for MERCHANT_KEY; `applied` collects the bodies of apply calls, after which there is nothing left to learn. */
export function merchantService(): { handlers: HttpHandler[]; applied: unknown[] } {
  const applied: unknown[] = [];
  const handlers = [
    http.get('/api/metrics', ({ request }) => (authorized(request) ? HttpResponse.json(metricsBody) : unauthorized())),
    http.get('/api/learning', ({ request }) =>
      authorized(request)
        ? HttpResponse.json(applied.length ? { ...learningBody, products: [{ product: 'desk', delivered: 40, proposals: [] }] } : learningBody)
        : unauthorized(),
    ),
    http.post('/api/learning/apply', async ({ request }) => {
      if (!authorized(request)) return unauthorized();
      applied.push(await request.json());
      return HttpResponse.json({ applied: learningBody.products, coverage: 0.97, minSamples: 5 });
    }),
  ];
  return { handlers, applied };
}
