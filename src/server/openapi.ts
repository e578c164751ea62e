/**
 * The OpenAPI 3.1 document of the quote API, generated from the zod schemas
 * of src/quote/contract.ts (never written by hand): each schema becomes a
 * component, and the paths refer to them.
 */
import { z } from 'zod/mini';
import { orderStatusSchema } from '../orders/status.js';
import { milestoneEventSchema } from '../orders/timeline.js';
import { errorSchema, orderRequestSchema, orderSchema, quoteRequestSchema, quoteSchema } from '../quote/contract.js';
import { applyLearningSchema } from './learning-routes.js';

type JsonObject = Record<string, unknown>;

/** JSON Schema of a zod schema as an OpenAPI 3.1 component (draft 2020-12, no `$schema`). */
function component(schema: z.core.$ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject;
  delete json.$schema;
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
const error = (description: string) => ({ description, ...json('Error') });

/** The document served at /api/openapi.json. */
export function openApiDocument(serverUrl?: string): JsonObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'bto-configurator quote API',
      version: '1',
      description: 'Prices and delivery promises recomputed on the server from the rules and ops files, signed; orders book the capacity and stock a quote planned.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths: {
      '/api/quote': {
        post: {
          summary: 'Price and delivery promise for a configuration, signed',
          requestBody: { required: true, ...json('QuoteRequest') },
          responses: {
            200: { description: 'The quote', ...json('Quote') },
            400: error('Malformed JSON (field "body") or a field of the wrong shape'),
            404: error('Unknown product (field "product")'),
            413: error('Body over the size limit'),
            422: error('Unknown module or value, a selection that fits no product (field "selection.<module>"), a country not shipped to, a quantity the plant cannot make'),
          },
        },
      },
      '/api/orders': {
        post: {
          summary: 'Book the capacity and stock a quote planned',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'A unique key per order attempt (e.g. a UUID); a retry with the same key gets the same answer and books nothing more.',
              schema: { type: 'string', minLength: 1, maxLength: 200 },
            },
          ],
          requestBody: { required: true, ...json('OrderRequest') },
          responses: {
            201: { description: 'Booked', ...json('Order') },
            400: error('Malformed JSON, bad field or missing Idempotency-Key'),
            403: error('The signature does not match the quote (tampered)'),
            404: error('Unknown quote'),
            409: error('Capacity or stock taken meanwhile, or the cut-off passed: `quote` holds a fresh quote. Or the quote was already ordered.'),
            410: error('The quote expired'),
          },
        },
      },
      '/api/orders/{id}/events': {
        post: {
          summary: 'A milestone of a booked order, from the factory or its ERP (idempotent by eventId)',
          security: [{ merchantKey: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json('MilestoneEvent') },
          responses: {
            200: { description: 'Recorded (or already recorded): the current forecast and alerts' },
            400: error('Malformed JSON or a field of the wrong shape (named)'),
            401: error('No or wrong merchant key'),
            404: error('Unknown order, or an order of another merchant (same answer)'),
            409: error('The eventId was used before with different content'),
          },
        },
      },
      '/api/orders/status/{token}': {
        get: {
          summary: "The shopper's view of an order, by its status token only",
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Timeline, promised window, current forecast', ...json('OrderStatus') }, 404: error('Unknown token') },
        },
      },
      '/api/metrics': {
        get: {
          summary: 'Promise accuracy: on-time rate, lead times, variability, suppliers, option popularity and clashes, orders at risk',
          security: [{ merchantKey: [] }],
          responses: { 200: { description: 'The metrics (JSON)' }, 401: error('No or wrong merchant key') },
        },
      },
      '/api/learning': {
        get: {
          summary: 'Proposed corrections of supplier lead times, spreads and transit days, with their effect',
          security: [{ merchantKey: [] }],
          responses: { 200: { description: 'Proposals per product' }, 401: error('No or wrong merchant key') },
        },
      },
      '/api/learning/apply': {
        post: {
          summary: 'Apply the current proposals (recomputed on the server) to the stored ops data',
          security: [{ merchantKey: [] }],
          requestBody: { required: false, ...json('ApplyLearning') },
          responses: { 200: { description: 'What was applied' }, 400: error('A field of the wrong shape'), 401: error('No or wrong merchant key') },
        },
      },
      '/api/health': {
        get: {
          summary: 'Liveness and store check',
          responses: { 200: { description: 'Up' }, 503: { description: 'The store does not answer' } },
        },
      },
    },
    components: {
      schemas: {
        QuoteRequest: component(quoteRequestSchema, 'input'),
        Quote: component(quoteSchema, 'output'),
        OrderRequest: component(orderRequestSchema, 'input'),
        Order: component(orderSchema, 'output'),
        Error: component(errorSchema, 'output'),
        MilestoneEvent: component(milestoneEventSchema, 'input'),
        OrderStatus: component(orderStatusSchema, 'output'),
        ApplyLearning: component(applyLearningSchema, 'input'),
      },
      securitySchemes: {
        merchantKey: { type: 'http', scheme: 'bearer', description: 'A merchant API key from `bto merchant create-key`.' },
      },
    },
  };
}
