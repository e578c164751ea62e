/**
 * The store's schema, as numbered migrations applied in order, once. The
 * same SQL runs on PGlite and on a PostgreSQL server. Service processes that
 * start together on one database take an advisory lock, so each migration
 * runs exactly once. Statements are split on ";", so none may appear inside one.
 *
 * Capacity and stock hold only what orders booked; the ops file's `booked`
 * and `stock` are the baseline they add to.
 */
import type { Database } from './database.js';

export const MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'quotes, orders, bookings',
    sql: `
      CREATE TABLE settings (
        name text PRIMARY KEY,
        value text NOT NULL
      );
      CREATE TABLE quotes (
        id text PRIMARY KEY,
        product text NOT NULL,
        body jsonb NOT NULL,          -- the signed quote as sent to the shopper
        bookings jsonb NOT NULL,      -- the capacity and stock it would take
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE orders (
        id text PRIMARY KEY,
        quote_id text NOT NULL UNIQUE REFERENCES quotes (id),
        idempotency_key text NOT NULL UNIQUE,
        product text NOT NULL,
        status_token_hash text NOT NULL UNIQUE,   -- sha256 hex, the token itself is never stored
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- The answer given to each Idempotency-Key, replayed on a retry.
      CREATE TABLE idempotency_keys (
        key text PRIMARY KEY,
        quote_id text NOT NULL,
        status integer NOT NULL,
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE capacity (
        product text NOT NULL,
        work_centre text NOT NULL,
        day date NOT NULL,
        minutes double precision NOT NULL CHECK (minutes >= 0),
        PRIMARY KEY (product, work_centre, day)
      );
      CREATE TABLE stock (
        product text NOT NULL,
        component text NOT NULL,
        quantity integer NOT NULL CHECK (quantity >= 0),   -- units taken from the baseline stock
        PRIMARY KEY (product, component)
      );
    `,
  },
  {
    id: 2,
    name: 'merchants, order events, forecasts, alerts, webhook deliveries',
    sql: `
      -- A merchant's API key is stored as its SHA-256 only, and shown once when created.
      CREATE TABLE merchants (
        id text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        key_hash text NOT NULL UNIQUE,
        products text[],                -- the products whose orders it sees, NULL: every product
        webhook_url text,
        webhook_secret text NOT NULL,   -- signs webhook payloads (HMAC-SHA256), shown once when created
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Milestones as posted. (order_id, event_id) is unique: a retried event is a no-op.
      CREATE TABLE order_events (
        order_id text NOT NULL REFERENCES orders (id),
        event_id text NOT NULL,
        type text NOT NULL,
        body jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, event_id)
      );
      -- The current forecast beside the original promise (orders.body), which is never rewritten.
      CREATE TABLE forecasts (
        order_id text PRIMARY KEY REFERENCES orders (id),
        body jsonb NOT NULL,
        at_risk boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- Each escalation cause fires once per order.
      CREATE TABLE order_alerts (
        order_id text NOT NULL REFERENCES orders (id),
        alert_key text NOT NULL,
        body jsonb NOT NULL,
        fired_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, alert_key)
      );
      -- Every webhook attempt: status NULL when the endpoint could not be reached.
      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        order_id text NOT NULL,
        merchant_id text NOT NULL,
        alert_key text NOT NULL,
        url text NOT NULL,
        attempt integer NOT NULL,
        status integer,
        error text,
        delivered boolean NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )
    `,
  },
  {
    id: 3,
    name: 'learned lead times',
    sql: `
      -- Corrections a merchant accepted (GET /api/learning, POST /api/learning/apply): applied
      -- over the ops file's declared values at every start, so quotes keep using them.
      CREATE TABLE learned_lead_times (
        product text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('component', 'zone')),
        id text NOT NULL,
        proposal jsonb NOT NULL,          -- the Proposal applied (orders/learning.ts), current and proposed values
        merchant_id text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (product, kind, id)
      )
    `,
  },
  {
    id: 4,
    name: 'selection clashes',
    sql: `
      -- Quote requests refused with 422 invalid_selection (option popularity's clashes): the
      -- selection named, the other selection and the rule the engine's explanation names, if any.
      CREATE TABLE clashes (
        id bigserial PRIMARY KEY,
        product text NOT NULL,
        module text NOT NULL,
        value jsonb NOT NULL,
        other_module text,
        other_value jsonb,
        rule_id text,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX clashes_product ON clashes (product, at)
    `,
  },
  {
    id: 5,
    name: 'forecasts remember how many events they saw',
    sql: `
      -- Events only accumulate, so a forecast made from more of them is newer: a process that
      -- re-forecast from fewer (a race between service processes) must not overwrite it.
      ALTER TABLE forecasts ADD COLUMN events_seen integer NOT NULL DEFAULT 0
    `,
  },
];

/** Any fixed number: the lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_141_001;

/** Applies the migrations the database has not seen yet. */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS migrations (
      id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM migrations')).map((r) => r.id));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      for (const statement of m.sql.split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
      await tx.query('INSERT INTO migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      applied.push(m.id);
    }
    return applied;
  });
}
