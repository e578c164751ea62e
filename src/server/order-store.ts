/**
 * What the service remembers after checkout (migration 2): merchants and
 * their hashed API keys, order events (unique per order and event id, so a
 * retried post is a no-op), the current forecast beside the original promise
 * (orders.body, never rewritten), the alerts fired (once per cause) and
 * every webhook attempt.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ClashFacts } from '../orders/metrics.js';
import type { Alert, Forecast, MilestoneEvent } from '../orders/timeline.js';
import type { PromiseBookings } from '../promise/promise.js';
import type { Order, Quote } from '../quote/contract.js';
import type { Value } from '../rules/model.js';
import type { Database } from './database.js';

export interface Merchant {
  id: string;
  name: string;
  /** Products whose orders it sees; null: all. */
  products: string[] | null;
  webhookUrl: string | null;
  webhookSecret: string;
}

/** A new merchant with its API key: the key is shown once and only its hash is kept (the webhook secret is kept: it signs). */
export interface CreatedMerchant extends Merchant {
  key: string;
}

export interface StoredOrder {
  order: Omit<Order, 'statusToken'>;
  product: string;
  quote: Quote;
  bookings: PromiseBookings;
}

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

interface MerchantRow {
  id: string;
  name: string;
  products: string[] | null;
  webhook_url: string | null;
  webhook_secret: string;
}
const merchantOf = (r: MerchantRow): Merchant => ({ id: r.id, name: r.name, products: r.products, webhookUrl: r.webhook_url, webhookSecret: r.webhook_secret });

export class OrderStore {
  readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Creates a merchant and its API key (`bto_...`); the key is returned once and stored as its SHA-256. */
  async createMerchant(input: { name: string; products?: readonly string[]; webhookUrl?: string }): Promise<CreatedMerchant> {
    const key = `bto_${randomBytes(24).toString('base64url')}`;
    const merchant: Merchant = {
      id: `m_${randomBytes(9).toString('base64url')}`,
      name: input.name,
      products: input.products?.length ? [...input.products] : null,
      webhookUrl: input.webhookUrl ?? null,
      webhookSecret: `whsec_${randomBytes(24).toString('base64url')}`,
    };
    await this.db.query('INSERT INTO merchants (id, name, key_hash, products, webhook_url, webhook_secret) VALUES ($1, $2, $3, $4, $5, $6)', [
      merchant.id,
      merchant.name,
      hashKey(key),
      merchant.products,
      merchant.webhookUrl,
      merchant.webhookSecret,
    ]);
    return { ...merchant, key };
  }

  async merchantByKey(key: string): Promise<Merchant | undefined> {
    const [row] = await this.db.query<MerchantRow>('SELECT id, name, products, webhook_url, webhook_secret FROM merchants WHERE key_hash = $1', [hashKey(key)]);
    return row ? merchantOf(row) : undefined;
  }

  /** Merchants that see `product`'s orders (a webhook goes to each). */
  async merchantsFor(product: string): Promise<Merchant[]> {
    const rows = await this.db.query<MerchantRow>(
      'SELECT id, name, products, webhook_url, webhook_secret FROM merchants WHERE products IS NULL OR $1 = ANY(products) ORDER BY created_at, id',
      [product],
    );
    return rows.map(merchantOf);
  }

  async order(orderId: string): Promise<StoredOrder | undefined> {
    const [row] = await this.db.query<{ body: Omit<Order, 'statusToken'>; product: string; quote: Quote; bookings: PromiseBookings }>(
      'SELECT o.body, o.product, q.body AS quote, q.bookings FROM orders o JOIN quotes q ON q.id = o.quote_id WHERE o.id = $1',
      [orderId],
    );
    return row ? { order: row.body, product: row.product, quote: row.quote, bookings: row.bookings } : undefined;
  }

  async orderIdByTokenHash(hash: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ id: string }>('SELECT id FROM orders WHERE status_token_hash = $1', [hash]);
    return row?.id;
  }

  /** Stores an event: 'new', 'duplicate' (same id, same body) or 'conflict' (same id, another body). */
  async addEvent(orderId: string, event: MilestoneEvent): Promise<'new' | 'duplicate' | 'conflict'> {
    const inserted = await this.db.query<{ event_id: string }>(
      `INSERT INTO order_events (order_id, event_id, type, body, occurred_at) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (order_id, event_id) DO NOTHING RETURNING event_id`,
      [orderId, event.eventId, event.type, JSON.stringify(event), event.occurredAt],
    );
    if (inserted.length) return 'new';
    const [row] = await this.db.query<{ body: MilestoneEvent }>('SELECT body FROM order_events WHERE order_id = $1 AND event_id = $2', [orderId, event.eventId]);
    return JSON.stringify(sortKeys(row.body)) === JSON.stringify(sortKeys(event)) ? 'duplicate' : 'conflict';
  }

  async events(orderId: string): Promise<MilestoneEvent[]> {
    const rows = await this.db.query<{ body: MilestoneEvent }>('SELECT body FROM order_events WHERE order_id = $1 ORDER BY occurred_at, event_id', [orderId]);
    return rows.map((r) => r.body);
  }

  /** Stores the forecast made from `eventsSeen` events, unless one made from more is already stored. */
  async saveForecast(orderId: string, forecast: Forecast, atRisk: boolean, eventsSeen: number): Promise<void> {
    await this.db.query(
      `INSERT INTO forecasts (order_id, body, at_risk, events_seen, updated_at) VALUES ($1, $2::jsonb, $3, $4, now())
       ON CONFLICT (order_id) DO UPDATE SET body = EXCLUDED.body, at_risk = forecasts.at_risk OR EXCLUDED.at_risk,
         events_seen = EXCLUDED.events_seen, updated_at = now()
       WHERE forecasts.events_seen <= EXCLUDED.events_seen`,
      [orderId, JSON.stringify(forecast), atRisk, eventsSeen],
    );
  }

  async forecast(orderId: string): Promise<{ forecast: Forecast; atRisk: boolean } | undefined> {
    const [row] = await this.db.query<{ body: Forecast; at_risk: boolean }>('SELECT body, at_risk FROM forecasts WHERE order_id = $1', [orderId]);
    return row ? { forecast: row.body, atRisk: row.at_risk } : undefined;
  }

  /** Records the alerts; returns those not fired before for this order. */
  async newAlerts(orderId: string, alerts: readonly Alert[]): Promise<Alert[]> {
    const fresh: Alert[] = [];
    for (const alert of alerts) {
      const rows = await this.db.query('INSERT INTO order_alerts (order_id, alert_key, body) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING RETURNING alert_key', [
        orderId,
        alert.key,
        JSON.stringify(alert),
      ]);
      if (rows.length) fresh.push(alert);
    }
    return fresh;
  }

  async alerts(orderId: string): Promise<Alert[]> {
    return (await this.db.query<{ body: Alert }>('SELECT body FROM order_alerts WHERE order_id = $1 ORDER BY fired_at, alert_key', [orderId])).map((r) => r.body);
  }

  async logDelivery(entry: { orderId: string; merchantId: string; alertKey: string; url: string; attempt: number; status?: number; error?: string; delivered: boolean }): Promise<void> {
    await this.db.query(
      'INSERT INTO webhook_deliveries (order_id, merchant_id, alert_key, url, attempt, status, error, delivered) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [entry.orderId, entry.merchantId, entry.alertKey, entry.url, entry.attempt, entry.status ?? null, entry.error ?? null, entry.delivered],
    );
  }

  async deliveries(orderId: string): Promise<{ alert_key: string; attempt: number; status: number | null; error: string | null; delivered: boolean }[]> {
    return this.db.query('SELECT alert_key, attempt, status, error, delivered FROM webhook_deliveries WHERE order_id = $1 ORDER BY id', [orderId]);
  }

  /** Every order a merchant sees, with its quote, events and risk flag (for metrics). */
  async ordersFor(merchant: Pick<Merchant, 'products'>): Promise<(StoredOrder & { events: MilestoneEvent[]; atRisk: boolean })[]> {
    const rows = await this.db.query<{ id: string; body: Omit<Order, 'statusToken'>; product: string; quote: Quote; bookings: PromiseBookings; events: MilestoneEvent[] | null; at_risk: boolean | null }>(
      `SELECT o.id, o.body, o.product, q.body AS quote, q.bookings, f.at_risk,
              (SELECT jsonb_agg(e.body ORDER BY e.occurred_at, e.event_id) FROM order_events e WHERE e.order_id = o.id) AS events
       FROM orders o JOIN quotes q ON q.id = o.quote_id LEFT JOIN forecasts f ON f.order_id = o.id
       WHERE $1::text[] IS NULL OR o.product = ANY($1::text[])
       ORDER BY o.created_at, o.id`,
      [merchant.products],
    );
    return rows.map((r) => ({ order: r.body, product: r.product, quote: r.quote, bookings: r.bookings, events: r.events ?? [], atRisk: r.at_risk ?? false }));
  }

  /** Every refused selection (clash) of the products a merchant sees (option popularity). */
  async clashes(merchant: Pick<Merchant, 'products'>): Promise<ClashFacts[]> {
    const rows = await this.db.query<{ product: string; module: string; value: Value; other_module: string | null; other_value: Value | null; rule_id: string | null }>(
      `SELECT product, module, value, other_module, other_value, rule_id FROM clashes WHERE $1::text[] IS NULL OR product = ANY($1::text[]) ORDER BY at, id`,
      [merchant.products],
    );
    return rows.map((r) => ({
      product: r.product,
      module: r.module,
      value: r.value,
      ...(r.other_module !== null ? { other: { module: r.other_module, value: r.other_value as Value } } : {}),
      ...(r.rule_id !== null ? { rule: r.rule_id } : {}),
    }));
  }

  /** The selections of every quote a merchant sees (option popularity). */
  async quoteSelections(merchant: Pick<Merchant, 'products'>): Promise<{ product: string; selection: Quote['selection'] }[]> {
    return this.db.query(
      `SELECT product, body->'selection' AS selection FROM quotes WHERE $1::text[] IS NULL OR product = ANY($1::text[]) ORDER BY created_at`,
      [merchant.products],
    );
  }
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}
