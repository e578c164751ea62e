/**
 * After checkout, from the command line: `bto order event` (a planner posts
 * a milestone to a running service), `bto merchant create-key` (a merchant
 * API key, printed once) and `bto report` (promise accuracy, read from the
 * same store as the service: --data DIR or DATABASE_URL).
 */
import { createHash } from 'node:crypto';
import { type Command, Option } from 'commander';
import { z } from 'zod/mini';
import type { GroupStats, Metrics } from '../orders/metrics.js';
import { MILESTONES, milestoneEventSchema } from '../orders/timeline.js';
import { loadCatalog } from '../server/catalog.js';
import { migrate } from '../server/migrations.js';
import { OrderStore } from '../server/order-store.js';
import { OrderTracking } from '../server/order-tracking.js';
import { openDatabase } from '../server/serve.js';
import { Store } from '../server/store.js';

interface EventOptions {
  type: string;
  component?: string;
  workCentre?: string;
  carrier?: string;
  tracking?: string;
  at?: string;
  id?: string;
  url: string;
  key?: string;
}

/** Opens the store the service uses (DATABASE_URL, else PGlite in `data`), migrated. */
async function openStore(data: string | undefined) {
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: data ?? process.env.BTO_DATA });
  await migrate(db);
  return db;
}

const pct = (rate: number | null) => (rate === null ? '-' : `${(rate * 100).toFixed(1)} %`);
const num = (n: number | null) => (n === null ? '-' : String(n));

/** Rows as an aligned text table. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function groupTable(title: string, groups: readonly GroupStats[]): string {
  const rows = groups.map((g) => [
    g.key,
    String(g.orders),
    String(g.delivered),
    pct(g.onTimeRate),
    String(g.early),
    String(g.late),
    num(g.leadDays.median),
    num(g.leadDays.p90),
    num(g.promisedLeadDays.median),
    num(g.deviationDays.stdev),
  ]);
  return `${title}\n${table([title.toLowerCase(), 'orders', 'delivered', 'on time', 'early', 'late', 'lead med', 'lead p90', 'promised med', 'dev sd'], rows)}`;
}

/** The metrics as text tables (what `bto report` prints). */
export function formatMetrics(m: Metrics): string {
  const parts = [
    groupTable('Total', [m.totals]),
    groupTable('Period', m.byPeriod),
    groupTable('Product', m.byProduct),
    groupTable('Destination', m.byDestination),
    groupTable('Supplier', m.bySupplier),
    groupTable('Option', m.byOption),
    `Supplier reliability (workdays)\n${table(
      ['part', 'ordered', 'arrivals', 'declared', 'actual med', 'actual p90', 'reliability', 'mean delay'],
      m.suppliers.map((s) => [
        s.component,
        String(s.ordered),
        String(s.arrivals),
        `${s.declaredDays.supplierDays}+${s.declaredDays.spreadDays}`,
        num(s.actualDays.median),
        num(s.actualDays.p90),
        pct(s.reliability),
        num(s.meanDelayDays),
      ]),
    )}`,
    `Option popularity\n${table(
      ['option', 'quoted', 'ordered', 'conversion'],
      m.popularity.map((p) => [`${p.product}:${p.option}`, String(p.quoted), String(p.ordered), pct(p.conversion)]),
    )}`,
    `At risk\n${m.atRisk.length ? m.atRisk.map((o) => `${o.orderId} (${o.product}) promised by ${o.promisedLatest}`).join('\n') : 'none'}`,
  ];
  return parts.join('\n\n');
}

/** Adds `bto order event`, `bto merchant create-key` and `bto report` to the program. */
export function registerOrderCommands(program: Command): Command {
  const order = program.command('order').description('Orders after checkout');
  order
    .command('event')
    .description('Post a milestone for an order to a running service (idempotent: the same event id is a no-op)')
    .argument('<orderId>', 'the order id (o_...)')
    .addOption(new Option('--type <type>', 'the milestone').choices([...MILESTONES]).makeOptionMandatory())
    .option('--component <id>', 'materials_ready: the part that arrived')
    .option('--work-centre <id>', 'production_started/production_done: the work centre')
    .option('--carrier <name>', 'shipped: the carrier')
    .option('--tracking <number>', 'shipped: the tracking number')
    .option('--at <iso>', 'when it happened, ISO 8601 with an offset (default: now)')
    .option('--id <eventId>', 'the event id (default: derived from the order, type, part/centre and time, so a re-run is a no-op)')
    .requiredOption('--url <url>', 'the service API base, e.g. http://127.0.0.1:8787/api')
    .option('--key <key>', 'merchant API key (env BTO_KEY)')
    .action(async (orderId: string, opts: EventOptions) => {
      const key = opts.key ?? process.env.BTO_KEY;
      if (!key) throw new Error('give the merchant API key with --key or BTO_KEY');
      const occurredAt = opts.at ?? new Date().toISOString();
      const detail = { component: opts.component, workCentre: opts.workCentre, carrier: opts.carrier, tracking: opts.tracking };
      const eventId =
        opts.id ?? `cli-${createHash('sha256').update(JSON.stringify([orderId, opts.type, detail, occurredAt])).digest('base64url').slice(0, 22)}`;
      const candidate = Object.fromEntries(Object.entries({ type: opts.type, eventId, occurredAt, ...detail }).filter(([, v]) => v !== undefined));
      const parsed = z.safeParse(milestoneEventSchema, candidate);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${issue.path.join('.') || 'event'}: ${issue.message}`);
      }
      const res = await fetch(`${opts.url.replace(/\/$/, '')}/orders/${encodeURIComponent(orderId)}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(parsed.data),
      });
      const body = (await res.json()) as Record<string, any>;
      if (!res.ok) {
        console.error(`error ${res.status}: ${body.message ?? JSON.stringify(body)}`);
        process.exitCode = 1;
        return;
      }
      const f = body.forecast;
      console.log(`${body.duplicate ? 'already recorded' : 'recorded'} ${eventId}; stage ${f.stage}; delivery ${f.delivery.earliest}..${f.delivery.latest} (slip ${f.slipDays} workdays)${body.atRisk ? '; AT RISK' : ''}`);
      for (const alert of body.alerts ?? []) console.log(`  alert: ${alert.message}`);
    });

  program
    .command('merchant')
    .description('Merchant accounts')
    .command('create-key')
    .description('Create a merchant and its API key; the key and webhook secret are printed once and only the key\'s hash is stored')
    .requiredOption('--name <name>', 'the merchant\'s name (unique)')
    .option('--products <ids>', 'comma-separated product ids it sees (default: all)')
    .option('--webhook <url>', 'where escalations are POSTed')
    .option('--data <dir>', 'PGlite folder when DATABASE_URL is not set (env BTO_DATA; default .bto-data)')
    .action(async (opts: { name: string; products?: string; webhook?: string; data?: string }) => {
      const db = await openStore(opts.data);
      try {
        const m = await new OrderStore(db).createMerchant({
          name: opts.name,
          products: opts.products?.split(',').map((p) => p.trim()).filter(Boolean),
          webhookUrl: opts.webhook,
        });
        console.log(`merchant ${m.name} (${m.id}), products: ${m.products?.join(', ') ?? 'all'}`);
        console.log(`API key (shown once): ${m.key}`);
        console.log(`webhook secret: ${m.webhookSecret}`);
      } finally {
        await db.close();
      }
    });

  program
    .command('report')
    .description('Promise accuracy: on-time rate, lead times, suppliers, option popularity (from the service\'s store)')
    .argument('[rulesDir]', 'the folder the service serves', 'rules')
    .option('--data <dir>', 'PGlite folder when DATABASE_URL is not set (env BTO_DATA; default .bto-data)')
    .option('--json', 'print the JSON of GET /api/metrics')
    .action(async (rulesDir: string, opts: { data?: string; json?: boolean }) => {
      const catalog = await loadCatalog(rulesDir);
      const db = await openStore(opts.data);
      try {
        const store = new Store(db);
        const tracking = new OrderTracking({ catalog, store, orders: new OrderStore(db) });
        const m = await tracking.metrics({ products: null });
        console.log(opts.json ? JSON.stringify(m, null, 2) : formatMetrics(m));
      } finally {
        await db.close();
      }
    });
  return program;
}
