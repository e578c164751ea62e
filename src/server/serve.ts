/**
 * Starting the service: the catalog from a rules folder, the store (PGlite
 * in a folder, or PostgreSQL at DATABASE_URL), the signing secret, the app on
 * a port. Used by `bto serve`, the tests (port 0) and the bench.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.js';
import { loadCatalog } from './catalog.js';
import { type Database, openPglite, openPostgres } from './database.js';
import { LeadTimeLearning } from './lead-time-learning.js';
import { migrate } from './migrations.js';
import { OrderStore } from './order-store.js';
import { OrderTracking, type WebhookOptions } from './order-tracking.js';
import { parseOrigins } from './origins.js';
import { QuoteService } from './service.js';
import { Store } from './store.js';

export interface ServeOptions {
  /** Folder of rules files with their ops files beside them. */
  rulesDir: string;
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** PGlite's folder when there is no databaseUrl. Default `.bto-data`. */
  dataDir?: string;
  /** A PostgreSQL server instead of PGlite (env DATABASE_URL). */
  databaseUrl?: string;
  /** The HMAC secret (env BTO_SECRET); default one kept in the database. */
  secret?: string;
  /** Allowed merchant origins (env BTO_ORIGINS); default loopback origins. */
  origins?: readonly string[];
  /** The server's clock, for tests. */
  now?: () => Date;
  quoteTtlMs?: number;
  opsCacheMs?: number;
  /** Webhook retry policy (attempts, backoff, timeout). */
  webhook?: WebhookOptions;
  /** How often orders not yet delivered are re-checked for time-based escalations. Default 15 minutes; 0: never. */
  sweepMs?: number;
  /** Where catalog problems go. Default console.warn. */
  warn?: (line: string) => void;
}

export interface RunningServer {
  /** http://host:port */
  url: string;
  app: Hono;
  service: QuoteService;
  tracking: OrderTracking;
  learning: LeadTimeLearning;
  close(): Promise<void>;
}

/** Options from the environment: DATABASE_URL, BTO_SECRET, BTO_ORIGINS, BTO_DATA. */
export function envOptions(env: NodeJS.ProcessEnv = process.env): Partial<ServeOptions> {
  return {
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.BTO_SECRET ? { secret: env.BTO_SECRET } : {}),
    ...(env.BTO_DATA ? { dataDir: env.BTO_DATA } : {}),
    ...(parseOrigins(env.BTO_ORIGINS) ? { origins: parseOrigins(env.BTO_ORIGINS) } : {}),
  };
}

export async function openDatabase(options: Pick<ServeOptions, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  const dir = options.dataDir ?? '.bto-data';
  mkdirSync(dir, { recursive: true });
  return openPglite(dir);
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const catalog = await loadCatalog(options.rulesDir);
  for (const line of catalog.problems) warn(line);
  if (catalog.products.size === 0) throw new Error(`no product to serve in ${options.rulesDir}`);

  const db = await openDatabase(options);
  try {
    await migrate(db);
    const store = new Store(db);
    const secret = options.secret ?? (await store.secret());
    const service = new QuoteService({ catalog, store, secret, now: options.now, quoteTtlMs: options.quoteTtlMs, opsCacheMs: options.opsCacheMs });
    const tracking = new OrderTracking({ catalog, store, orders: new OrderStore(db), now: options.now, webhook: options.webhook });
    const learning = new LeadTimeLearning({ catalog, db, tracking, changed: (product) => service.opsChanged(product) });
    await learning.load();
    const app = createApp({ service, origins: options.origins, tracking, learning });
    const sweepMs = options.sweepMs ?? 15 * 60_000;
    const sweeper = sweepMs > 0 ? setInterval(() => void tracking.sweep().catch((e) => warn(`order sweep failed: ${String(e)}`)), sweepMs) : undefined;
    sweeper?.unref();
    const host = options.host ?? '127.0.0.1';
    const server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return {
      url,
      app,
      service,
      tracking,
      learning,
      close: async () => {
        if (sweeper) clearInterval(sweeper);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive connections (browsers, load tests) would hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
        await closed;
        await tracking.settled();
        await db.close();
      },
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}
