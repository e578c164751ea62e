/**
 * What the service remembers, in PostgreSQL: quotes, orders, the answer to
 * each Idempotency-Key, and the capacity and stock orders booked.
 *
 * Booking invariant: for every (product, work centre, day), baseline booked +
 * stored minutes <= minutesPerDay, and for every part, stored units taken <=
 * baseline stock. `bookOrder` keeps it across any number of service processes
 * on one database: it checks and books in one transaction holding an advisory
 * lock on the product, so two bookings of one product never interleave.
 */
import { randomBytes } from 'node:crypto';
import type { Order, Quote } from '../quote/contract.js';
import type { OpsFile } from '../promise/ops-schema.js';
import type { PromiseBookings } from '../promise/promise.js';
import type { Database, Sql } from './database.js';
import type { Clash } from './quoting.js';

/** A stored quote: what the shopper got and what it would book. */
export interface StoredQuote {
  quote: Quote;
  bookings: PromiseBookings;
}

export type BookingResult =
  /** A new order was booked. */
  | { kind: 'booked' }
  /** This Idempotency-Key was answered before: the same answer again. */
  | { kind: 'replay'; status: number; body: unknown }
  /** The quote was already turned into an order (under another key). */
  | { kind: 'used' }
  /** Some capacity or stock the quote planned is gone; nothing was booked. */
  | { kind: 'taken'; what: string };

export interface BookingRequest {
  idempotencyKey: string;
  stored: StoredQuote;
  /** The product's ops file as written (the baseline). */
  baseline: OpsFile;
  order: Order;
  statusTokenHash: string;
}

/** Minutes of slack for floating-point sums of fractional minutes. */
const EPSILON = 1e-6;

export class Store {
  readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** The signing secret kept in the database, created on first use (all processes on one database share it). */
  async secret(): Promise<string> {
    await this.db.query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      'signing-secret',
      randomBytes(32).toString('base64url'),
    ]);
    const [row] = await this.db.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', ['signing-secret']);
    return row.value;
  }

  /** The baseline ops with every booking in the store added on top. */
  async bookedOps(product: string, baseline: OpsFile): Promise<OpsFile> {
    const [capacity, stock] = await Promise.all([
      this.db.query<{ work_centre: string; day: string; minutes: number }>(
        'SELECT work_centre, day::text AS day, minutes FROM capacity WHERE product = $1',
        [product],
      ),
      this.db.query<{ component: string; quantity: number }>('SELECT component, quantity FROM stock WHERE product = $1', [product]),
    ]);
    const ops = structuredClone(baseline);
    for (const row of capacity) {
      const centre = ops.workCentres[row.work_centre];
      if (!centre) continue; // a work centre removed from the ops file since: nothing left to plan there
      const booked = (centre.booked ??= {});
      booked[row.day] = (booked[row.day] ?? 0) + row.minutes;
    }
    for (const row of stock) {
      const part = ops.components[row.component];
      // A planner may have lowered the baseline below what orders took: never below zero.
      if (part) part.stock = Math.max(0, (part.stock ?? 0) - row.quantity);
    }
    return ops;
  }

  /**
   * Stores a quote. Quotes arriving together are written by one INSERT (group
   * commit): a statement costs far more than a row, on PGlite above all. The
   * promise resolves once the quote's batch is written, so an order can
   * never name a quote the store has not got.
   */
  saveQuote(stored: StoredQuote): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pendingQuotes.push({ stored, resolve, reject });
      if (this.pendingQuotes.length === 1) setImmediate(() => void this.flushQuotes());
    });
  }

  private pendingQuotes: { stored: StoredQuote; resolve: () => void; reject: (e: unknown) => void }[] = [];

  private async flushQuotes(): Promise<void> {
    const batch = this.pendingQuotes;
    this.pendingQuotes = [];
    const rows = batch.map(({ stored: { quote, bookings } }) => ({
      id: quote.quoteId,
      product: quote.product,
      body: quote,
      bookings,
      expires_at: quote.expiresAt,
      created_at: quote.createdAt,
    }));
    try {
      await this.db.query(
        `INSERT INTO quotes (id, product, body, bookings, expires_at, created_at)
         SELECT id, product, body, bookings, expires_at, created_at FROM jsonb_to_recordset($1::jsonb)
           AS r(id text, product text, body jsonb, bookings jsonb, expires_at timestamptz, created_at timestamptz)`,
        [JSON.stringify(rows)],
      );
      for (const item of batch) item.resolve();
    } catch (e) {
      for (const item of batch) item.reject(e);
    }
  }

  async findQuote(id: string): Promise<StoredQuote | undefined> {
    const [row] = await this.db.query<{ body: Quote; bookings: PromiseBookings }>('SELECT body, bookings FROM quotes WHERE id = $1', [id]);
    return row ? { quote: row.body, bookings: row.bookings } : undefined;
  }

  /** The stored answer to an Idempotency-Key, if any. */
  async answerFor(key: string): Promise<{ status: number; body: unknown } | undefined> {
    const [row] = await this.db.query<{ status: number; body: unknown }>('SELECT status, body FROM idempotency_keys WHERE key = $1', [key]);
    return row;
  }

  /** Keeps a refusal as the answer to `key`, unless the key already has one. */
  async rememberAnswer(key: string, quoteId: string, status: number, body: unknown): Promise<void> {
    await this.db.query('INSERT INTO idempotency_keys (key, quote_id, status, body) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (key) DO NOTHING', [
      key,
      quoteId,
      status,
      JSON.stringify(body),
    ]);
  }

  /** Checks that what the quote planned is still free and books it, all in one transaction (see the file comment). */
  bookOrder(request: BookingRequest): Promise<BookingResult> {
    const { idempotencyKey, stored, baseline, order, statusTokenHash } = request;
    const product = stored.quote.product;
    return this.db.transaction(async (tx): Promise<BookingResult> => {
      // Same key twice at once: the second waits here, then finds the first one's answer.
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('bto-key:' || $1))", [idempotencyKey]);
      const [answered] = await tx.query<{ status: number; body: unknown }>('SELECT status, body FROM idempotency_keys WHERE key = $1', [idempotencyKey]);
      if (answered) return { kind: 'replay', status: answered.status, body: answered.body };
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('bto-product:' || $1))", [product]);
      const [used] = await tx.query('SELECT 1 FROM orders WHERE quote_id = $1', [stored.quote.quoteId]);
      if (used) return { kind: 'used' };

      const missing = await firstShortage(tx, product, stored.bookings, baseline);
      if (missing) return { kind: 'taken', what: missing };

      for (const b of stored.bookings.capacity) {
        await tx.query(
          `INSERT INTO capacity (product, work_centre, day, minutes) VALUES ($1, $2, $3, $4)
           ON CONFLICT (product, work_centre, day) DO UPDATE SET minutes = capacity.minutes + EXCLUDED.minutes`,
          [product, b.workCentre, b.date, b.minutes],
        );
      }
      for (const s of stored.bookings.stock) {
        await tx.query(
          `INSERT INTO stock (product, component, quantity) VALUES ($1, $2, $3)
           ON CONFLICT (product, component) DO UPDATE SET quantity = stock.quantity + EXCLUDED.quantity`,
          [product, s.component, s.quantity],
        );
      }
      // The status token stays out of the store; only its hash is kept.
      const { statusToken: _token, ...kept } = order;
      await tx.query(
        'INSERT INTO orders (id, quote_id, idempotency_key, product, status_token_hash, body, created_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)',
        [order.orderId, order.quoteId, idempotencyKey, product, statusTokenHash, JSON.stringify(kept), order.createdAt],
      );
      await tx.query('INSERT INTO idempotency_keys (key, quote_id, status, body) VALUES ($1, $2, 201, $3::jsonb)', [
        idempotencyKey,
        order.quoteId,
        JSON.stringify(kept),
      ]);
      return { kind: 'booked' };
    });
  }

  /** Records a refused selection (option popularity's clashes). */
  async saveClash(clash: Clash, at: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO clashes (product, module, value, other_module, other_value, rule_id, at) VALUES ($1, $2, $3::jsonb, $4, $5::jsonb, $6, $7)',
      [
        clash.product,
        clash.module,
        JSON.stringify(clash.value),
        clash.other?.module ?? null,
        clash.other ? JSON.stringify(clash.other.value) : null,
        clash.rule ?? null,
        at.toISOString(),
      ],
    );
  }

  /** Minutes booked by orders on one day at one work centre (tests and metrics). */
  async bookedMinutes(product: string, workCentre: string, day: string): Promise<number> {
    const [row] = await this.db.query<{ minutes: number }>('SELECT minutes FROM capacity WHERE product = $1 AND work_centre = $2 AND day = $3', [
      product,
      workCentre,
      day,
    ]);
    return row?.minutes ?? 0;
  }
}

/** The first capacity day or part the bookings need that is no longer free, in words; undefined when all are. */
async function firstShortage(tx: Sql, product: string, bookings: PromiseBookings, baseline: OpsFile): Promise<string | undefined> {
  for (const b of bookings.capacity) {
    const centre = baseline.workCentres[b.workCentre];
    if (!centre) return `work centre "${b.workCentre}"`;
    const [row] = await tx.query<{ minutes: number }>('SELECT minutes FROM capacity WHERE product = $1 AND work_centre = $2 AND day = $3', [
      product,
      b.workCentre,
      b.date,
    ]);
    const free = centre.minutesPerDay - (centre.booked?.[b.date] ?? 0) - (row?.minutes ?? 0);
    if (free + EPSILON < b.minutes) return `${centre.label ?? b.workCentre} on ${b.date}`;
  }
  for (const s of bookings.stock) {
    const [row] = await tx.query<{ quantity: number }>('SELECT quantity FROM stock WHERE product = $1 AND component = $2', [product, s.component]);
    const left = (baseline.components[s.component]?.stock ?? 0) - (row?.quantity ?? 0);
    if (left < s.quantity) return `stock of "${s.component}"`;
  }
  return undefined;
}
