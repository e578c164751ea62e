/**
 * Seeds the demo store with a simulated season, so the merchant dashboard
 * (demo/dashboard.html) has something to show: about 12 desk orders a week
 * for the last 14 weeks, booked and tracked through the real service (HTTP,
 * the same store `npm start` uses), its clock moved to each order's instant.
 * Each bought part arrives after its declared supplier days plus a delay
 * from its supplier's profile (the walnut top's supplier runs late, the oak
 * top's is padded), the plant ships on the planned day or as many workdays
 * later as the parts came after the promised materials day,
 * the carrier takes its declared transit (sometimes a day more). Milestones
 * up to today are posted; later ones have not happened yet, so the newest
 * orders are in production and some are at risk. Also quotes that were
 * never ordered, for option popularity. Prints a merchant API key.
 *
 * Stop `npm start` first (PGlite is one process's); delete .bto-data to start over.
 *
 * Usage: tsx demo/seed-orders.ts [--weeks 14] [--per-week 12] [--seed 7]
 */
import { fileURLToPath } from 'node:url';
import { billOfMaterials } from '../src/promise/materials.js';
import { envOptions, startServer } from '../src/server/serve.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const weeks = arg('weeks', 14);
const perWeek = arg('per-week', 12);
let seed = arg('seed', 7) >>> 0;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: [T, number][]): T => {
  let r = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
};

const DAY = 86_400_000;
const iso = (d: Date): string => d.toISOString().slice(0, 10);
const isWorkday = (d: Date): boolean => d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
/** `days` Mon-Fri days after an ISO date (negative: before). */
function addWorkdays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  const step = days < 0 ? -1 : 1;
  for (let n = Math.abs(days); n > 0; ) {
    d.setTime(d.getTime() + step * DAY);
    if (isWorkday(d)) n--;
  }
  return iso(d);
}
function workdaysBetween(a: string, b: string): number {
  let n = 0;
  for (let d = a; d < b; d = addWorkdays(d, 1)) n++;
  return n;
}
const later = (a: string, b: string): string => (a > b ? a : b);
const at = (date: string, hour: number): string => `${date}T${String(hour).padStart(2, '0')}:00:00+01:00`;

/** Delay in workdays against the declared supplier days, by supplier profile. */
const PROFILES: Record<string, [number, number][]> = {
  'top-walnut': [[0, 2], [1, 2], [2, 2], [3, 2], [4, 1], [6, 1]],
  'keypad-app': [[0, 3], [2, 2], [4, 2], [7, 1]],
  'top-oak': [[-4, 2], [-3, 3], [-2, 3], [-1, 1], [0, 1]],
};
const RELIABLE: [number, number][] = [[-1, 1], [0, 6], [1, 2], [2, 1]];

const realNow = new Date();
let clock = new Date(realNow.getTime() - weeks * 7 * DAY);
const server = await startServer({
  ...envOptions(),
  rulesDir: fileURLToPath(new URL('../rules', import.meta.url)),
  port: 0,
  now: () => clock,
  sweepMs: 0,
  warn: () => undefined,
});

async function call(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const selection = (): Record<string, string> => ({
  top: pick([['white', 5], ['oak', 3], ['walnut', 3]]),
  frameColour: pick([['black', 5], ['white', 3], ['silver', 1]]),
  keypad: pick([['simple', 4], ['memory', 3], ['app', 2]]),
});
async function quote(country: string): Promise<any | undefined> {
  let sel = selection();
  for (let attempt = 0; attempt < 3; attempt++) {
    const q = await call('/api/quote', { product: 'desk', selection: sel, quantity: 1, destination: { country } });
    if (q.status === 200) return q.body;
    sel = Object.fromEntries(Object.entries(sel).slice(0, 2 - attempt));
  }
  return undefined;
}

const merchant = await server.tracking.orders.createMerchant({ name: `Nordwerk demo ${realNow.toISOString()}`, products: ['desk'] });
const auth = { authorization: `Bearer ${merchant.key}` };
const product = server.service.catalog.products.get('desk')!;
const centres = Object.keys(product.ops.workCentres);

interface Planned {
  orderId: string;
  statusToken: string;
  events: Record<string, unknown>[];
}
const planned: Planned[] = [];
let quotes = 0;
const total = weeks * perWeek;
for (let i = 0; i < total; i++) {
  // An instant on a workday, 08:00-16:00 UTC, spread over the season.
  let day = new Date(realNow.getTime() - weeks * 7 * DAY + Math.floor((i / total) * weeks * 7) * DAY);
  while (!isWorkday(day)) day = new Date(day.getTime() + DAY);
  clock = new Date(`${iso(day)}T${String(8 + Math.floor(random() * 8)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00Z`);
  if (clock > realNow) break;
  const country = pick([['DE', 60], ['AT', 15], ['NL', 12], ['FR', 8], ['BE', 5]]);
  // Two configurations looked at and left, one bought.
  for (let k = 0; k < 2; k++) if (await quote(country)) quotes++;
  const q = await quote(country);
  if (!q) continue;
  quotes++;
  const o = await call('/api/orders', { quoteId: q.quoteId, signature: q.signature }, { 'idempotency-key': `seed-${seed}-${i}` });
  if (o.status !== 201) continue;
  const stored = (await server.tracking.orders.order(o.body.orderId))!;
  const stock = new Set(stored.bookings.stock.map((s) => s.component));
  const orderDay = q.promise.orderDay as string;
  const events: Record<string, unknown>[] = [];
  let materials = orderDay;
  for (const component of billOfMaterials(product.model, stored.quote.configuration).keys()) {
    if (stock.has(component)) continue;
    const declared = product.ops.components[component]?.supplierDays ?? 0;
    const arrived = addWorkdays(orderDay, Math.max(1, declared + pick(PROFILES[component] ?? RELIABLE)));
    materials = later(materials, arrived);
    events.push({ type: 'materials_ready', eventId: `in-${component}`, occurredAt: at(arrived, 9), component });
  }
  // Production as planned, pushed back by as many workdays as the parts came after the promised materials day.
  const slip = Math.max(0, workdaysBetween(q.promise.materialsReady.latest, materials));
  const shipped = slip > 0 ? addWorkdays(q.promise.shipDate.latest, slip) : random() < 0.5 ? q.promise.shipDate.earliest : q.promise.shipDate.latest;
  const done = addWorkdays(shipped, -1);
  const start = later(addWorkdays(done, -1), materials);
  const zone = product.ops.shipping[q.promise.shippingZone] ?? { transitDays: [2, 3] };
  const [min, max] = zone.transitDays;
  const transit = min + Math.floor(random() * (max - min + 1)) + (random() < 0.12 ? 1 : 0);
  events.push(
    { type: 'production_started', eventId: 'start', occurredAt: at(start, 8), workCentre: centres[0] },
    { type: 'production_done', eventId: 'done', occurredAt: at(done, 15), workCentre: centres[centres.length - 1] },
    { type: 'qc_passed', eventId: 'qc', occurredAt: at(done, 17) },
    { type: 'shipped', eventId: 'ship', occurredAt: at(shipped, 11), carrier: 'DHL Freight', tracking: `JJD00${String(100000 + i)}` },
    { type: 'delivered', eventId: 'delivered', occurredAt: at(addWorkdays(shipped, transit), 14) },
  );
  planned.push({ orderId: o.body.orderId, statusToken: o.body.statusToken, events });
}

// Milestones up to today, in time order across orders (as a factory posts them).
clock = realNow;
const due = planned.flatMap((p) => p.events.filter((e) => Date.parse(String(e.occurredAt)) <= realNow.getTime()).map((e) => ({ orderId: p.orderId, e })));
due.sort((a, b) => Date.parse(String(a.e.occurredAt)) - Date.parse(String(b.e.occurredAt)));
let posted = 0;
for (const { orderId, e } of due) {
  const res = await call(`/api/orders/${orderId}/events`, e, auth);
  if (res.status === 201 || res.status === 200) posted++;
  else console.warn(`event ${String(e.type)} for ${orderId}: ${res.status} ${JSON.stringify(res.body)}`);
}
await server.tracking.sweep();
await server.tracking.settled();
const m = await server.tracking.metrics(merchant);
const open = planned.filter((p) => !p.events.some((e) => e.type === 'delivered' && Date.parse(String(e.occurredAt)) <= realNow.getTime()));
const late: Planned[] = [];
for (const p of open) if ((await server.tracking.status(p.statusToken)).slipped) late.push(p);
await server.close();

console.log(`seeded ${planned.length} orders (${quotes} quotes), ${posted} milestones; ${m.totals.delivered} delivered, on time ${((m.totals.onTimeRate ?? 0) * 100).toFixed(1)} %, ${m.atRisk.length} at risk`);
console.log(`merchant API key (shown once): ${merchant.key}`);
if (open.length) console.log(`an order on its way:  /demo/order-status.html?token=${open[open.length - 1].statusToken}`);
if (late.length) console.log(`an order running late: /demo/order-status.html?token=${late[0].statusToken}`);
console.log('dashboard: npm start, then open /demo/dashboard.html and paste the key (or /demo/dashboard.html?key=KEY)');
