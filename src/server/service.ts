/**
 * The quote service under the HTTP routes: plain functions from a parsed
 * request to a quote or an order, throwing ApiError for refusals. The routes
 * (app.ts) only parse, call these and serialise.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { OpsFile } from '../promise/ops-schema.js';
import type { Order, OrderRequest, Quote, QuoteRequest } from '../quote/contract.js';
import { ApiError } from './api-error.js';
import type { Catalog, Product } from './catalog.js';
import { PlanCache } from './plan-cache.js';
import { buildQuote, SelectionClash } from './quoting.js';
import { verify } from './signature.js';
import type { Store, StoredQuote } from './store.js';

export interface ServiceOptions {
  catalog: Catalog;
  store: Store;
  secret: string;
  /** The server's clock (tests move it). */
  now?: () => Date;
  /** How long a quote can be ordered. Default 30 minutes. */
  quoteTtlMs?: number;
  /**
   * How long a product's booked ops are reused for quotes before they are
   * read again. Bookings by this process refresh them at once; other
   * processes' bookings show after at most this long. Orders always re-check
   * in the database, so a stale quote costs a 409, never an overbooking.
   */
  opsCacheMs?: number;
}

/** An answer to an order request: the status and body to send. */
export interface OrderAnswer {
  status: number;
  body: unknown;
}

export class QuoteService {
  readonly catalog: Catalog;
  readonly store: Store;
  private readonly secret: string;
  private readonly now: () => Date;
  private readonly ttlMs: number;
  private readonly cacheMs: number;
  private readonly opsCache = new Map<string, { ops: Promise<OpsFile>; at: number }>();
  private readonly plans = new PlanCache();

  constructor(options: ServiceOptions) {
    this.catalog = options.catalog;
    this.store = options.store;
    this.secret = options.secret;
    this.now = options.now ?? (() => new Date());
    this.ttlMs = options.quoteTtlMs ?? 30 * 60_000;
    this.cacheMs = options.opsCacheMs ?? 1000;
  }

  /** Prices and promises a configuration, stores the quote and returns it signed. */
  async quote(request: QuoteRequest): Promise<Quote> {
    const product = this.product(request.product);
    const ops = await this.bookedOps(request.product, product);
    const now = this.now();
    let stored: StoredQuote;
    try {
      stored = buildQuote({ product, request, ops, now, secret: this.secret, ttlMs: this.ttlMs, plans: this.plans });
    } catch (e) {
      // Recorded for the metrics (one cheap insert); a failed insert never changes the answer.
      if (e instanceof SelectionClash) await this.store.saveClash(e.clash, now).catch(() => undefined);
      throw e;
    }
    await this.store.saveQuote(stored);
    return stored.quote;
  }

  /** Books the quote under `idempotencyKey`; the same key again gets the same answer. */
  async order(idempotencyKey: string, request: OrderRequest): Promise<OrderAnswer> {
    const answered = await this.store.answerFor(idempotencyKey);
    if (answered) return this.withStatusToken(answered);
    const stored = await this.store.findQuote(request.quoteId);
    if (!stored) throw new ApiError(404, 'unknown_quote', `there is no quote "${request.quoteId}"`, 'quoteId');
    const { signature, ...signed } = stored.quote;
    if (!verify(this.secret, signed, request.signature)) {
      throw new ApiError(403, 'bad_signature', 'the signature does not match the quote; ask for a new quote', 'signature');
    }
    const now = this.now();
    if (now.getTime() >= Date.parse(stored.quote.expiresAt)) {
      throw new ApiError(410, 'quote_expired', `the quote expired at ${stored.quote.expiresAt}; ask for a new quote`, 'quoteId');
    }
    const product = this.catalog.products.get(stored.quote.product);
    if (!product) throw new ApiError(410, 'product_unavailable', `product "${stored.quote.product}" is no longer sold`, 'quoteId');
    if (now.getTime() >= Date.parse(stored.quote.promise.cutoffDeadline)) {
      // The order day moved on: the dates promised no longer hold.
      return this.refuse(idempotencyKey, stored.quote, 'promise_changed', 'the cut-off for this promise has passed; here is a fresh quote');
    }

    const orderId = `o_${randomBytes(12).toString('base64url')}`;
    const statusToken = this.statusToken(orderId);
    const order: Order = {
      orderId,
      quoteId: stored.quote.quoteId,
      status: 'booked',
      statusToken,
      price: stored.quote.price,
      promise: stored.quote.promise,
      createdAt: now.toISOString(),
    };
    const statusTokenHash = createHash('sha256').update(statusToken).digest('hex');
    const result = await this.store.bookOrder({ idempotencyKey, stored, baseline: product.ops, order, statusTokenHash });
    switch (result.kind) {
      case 'booked':
        this.opsCache.delete(stored.quote.product);
        return { status: 201, body: order };
      case 'replay':
        return this.withStatusToken({ status: result.status, body: result.body });
      case 'used':
        throw new ApiError(409, 'quote_used', 'this quote was already ordered (under another Idempotency-Key)', 'quoteId');
      case 'taken':
        this.opsCache.delete(stored.quote.product);
        return this.refuse(idempotencyKey, stored.quote, 'capacity_taken', `${result.what} was booked by another order meanwhile; here is a fresh quote`);
    }
  }

  /**
   * The order's status token: 32 bytes, HMAC of the order id under the
   * server secret. Unguessable without the secret, yet never stored: the
   * store keeps only its SHA-256, and an idempotent retry derives it again.
   */
  private statusToken(orderId: string): string {
    return createHmac('sha256', this.secret).update(`status-token:${orderId}`).digest('base64url');
  }

  /** A stored 201 answer with its status token put back (the store keeps orders without it). */
  private withStatusToken(answer: OrderAnswer): OrderAnswer {
    if (answer.status !== 201) return answer;
    const order = answer.body as Omit<Order, 'statusToken'>;
    return { status: 201, body: { ...order, statusToken: this.statusToken(order.orderId) } };
  }

  /** A 409 with a fresh quote for the same configuration, kept as this key's answer. */
  private async refuse(idempotencyKey: string, old: Quote, code: string, message: string): Promise<OrderAnswer> {
    const fresh = await this.quote({ product: old.product, selection: old.selection, quantity: old.quantity, destination: old.destination });
    const body = new ApiError(409, code, message, undefined, fresh).body;
    await this.store.rememberAnswer(idempotencyKey, old.quoteId, 409, body);
    return { status: 409, body };
  }

  private product(id: string): Product {
    const product = this.catalog.products.get(id);
    if (!product) {
      const known = [...this.catalog.products.keys()].join(', ');
      throw new ApiError(404, 'unknown_product', `there is no product "${id}" (products: ${known})`, 'product');
    }
    return product;
  }

  /** The product's baseline ops changed (learned lead times applied): the next quote reads them at once. */
  opsChanged(id: string): void {
    this.opsCache.delete(id);
  }

  private bookedOps(id: string, product: Product): Promise<OpsFile> {
    const cached = this.opsCache.get(id);
    const at = Date.now();
    if (cached && at - cached.at < this.cacheMs) return cached.ops;
    const ops = this.store.bookedOps(id, product.ops);
    this.opsCache.set(id, { ops, at });
    ops.catch(() => this.opsCache.delete(id));
    return ops;
  }
}
