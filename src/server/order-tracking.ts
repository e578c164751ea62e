/**
 * After checkout: milestone events in, the forecast re-run, escalations out
 * (webhooks), the shopper's status and the merchant's metrics. Plain
 * functions under the routes (order-routes.ts), throwing ApiError for
 * refusals.
 *
 * The forecast plans the rest of an order against today's bookings minus
 * the order's own (it keeps its slots). Events for one order are handled one
 * at a time in this process, so each stored forecast reads every event
 * stored before it.
 *
 * Webhooks: when an escalation fires for the first time on an order, every
 * merchant that sees the product and has a webhook URL gets a POST of the
 * canonical JSON payload, signed `X-Bto-Signature: sha256=<hex HMAC-SHA256
 * of the body under the merchant's webhook secret>`, retried with
 * exponential backoff (bounded attempts), every attempt logged in
 * webhook_deliveries. The order is marked at risk.
 */
import { createHash } from 'node:crypto';
import { escalations, type OrderPlan, reforecast } from '../orders/reforecast.js';
import { type OrderFacts, orderFacts } from '../orders/facts.js';
import { type Metrics, metrics } from '../orders/metrics.js';
import type { Alert, Forecast, MilestoneEvent } from '../orders/timeline.js';
import type { OpsFile } from '../promise/ops-schema.js';
import { shippingZoneFor } from '../promise/promise.js';
import { billOfMaterials } from '../promise/materials.js';
import type { DateRange } from '../promise/promise.js';
import { ApiError } from './api-error.js';
import type { Catalog, Product } from './catalog.js';
import type { Merchant, OrderStore, StoredOrder } from './order-store.js';
import { canonicalJson, sign } from './signature.js';
import type { Store } from './store.js';

export interface WebhookOptions {
  /** Attempts per alert, first included. Default 5. */
  attempts?: number;
  /** Wait before the second attempt; doubled each time. Default 500 ms. */
  baseDelayMs?: number;
  /** Per attempt. Default 5 s. */
  timeoutMs?: number;
}

export interface TrackingOptions {
  catalog: Catalog;
  store: Store;
  orders: OrderStore;
  now?: () => Date;
  webhook?: WebhookOptions;
  /** The HTTP client for webhooks (tests may swap it). Default global fetch. */
  fetch?: typeof fetch;
}

/** GET /api/orders/status/{token}: what the shopper sees. */
export interface OrderStatus {
  orderId: string;
  product: string;
  createdAt: string;
  stage: Forecast['stage'];
  promised: { orderDay: string; shipDate: DateRange; delivery: DateRange };
  forecast: { materialsReady: DateRange; shipDate: DateRange; delivery: DateRange; slipDays: number };
  slipped: boolean;
  message: string;
  timeline: { type: MilestoneEvent['type']; occurredAt: string; label: string; carrier?: string; tracking?: string }[];
}

/** The answer to an event post. */
export interface EventAnswer {
  status: 200 | 201;
  body: { orderId: string; eventId: string; duplicate: boolean; forecast: Forecast; atRisk: boolean; alerts: Alert[] };
}

const EVENT_LABELS: Record<MilestoneEvent['type'], string> = {
  materials_ready: 'Materials ready',
  production_started: 'Production started',
  production_done: 'Production step done',
  qc_passed: 'Quality check passed',
  shipped: 'Shipped',
  delivered: 'Delivered',
};

/** How far an event may be stamped ahead of the server's clock (clock skew). */
const FUTURE_SKEW_MS = 5 * 60_000;

export class OrderTracking {
  private readonly catalog: Catalog;
  private readonly store: Store;
  readonly orders: OrderStore;
  private readonly now: () => Date;
  private readonly webhook: Required<WebhookOptions>;
  private readonly fetch: typeof fetch;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(options: TrackingOptions) {
    this.catalog = options.catalog;
    this.store = options.store;
    this.orders = options.orders;
    this.now = options.now ?? (() => new Date());
    this.webhook = { attempts: 5, baseDelayMs: 500, timeoutMs: 5000, ...options.webhook };
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The merchant whose key is in `Authorization: Bearer KEY`; 401 otherwise. */
  async merchant(authorization: string | undefined): Promise<Merchant> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new ApiError(401, 'unauthorized', 'send the merchant API key as "Authorization: Bearer KEY"', 'Authorization');
    const merchant = await this.orders.merchantByKey(match[1]);
    if (!merchant) throw new ApiError(401, 'unauthorized', 'the API key is not valid', 'Authorization');
    return merchant;
  }

  /** Records a milestone for an order the merchant sees, re-forecasts and escalates. */
  postEvent(merchant: Merchant, orderId: string, event: MilestoneEvent): Promise<EventAnswer> {
    // One event per order at a time: each forecast sees every event stored before it.
    const previous = this.queues.get(orderId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.handleEvent(merchant, orderId, event));
    this.queues.set(orderId, next);
    void next.finally(() => this.queues.get(orderId) === next && this.queues.delete(orderId)).catch(() => undefined);
    return next;
  }

  private async handleEvent(merchant: Merchant, orderId: string, event: MilestoneEvent): Promise<EventAnswer> {
    const stored = await this.orders.order(orderId);
    // Another merchant's order answers exactly like an unknown one.
    if (!stored || (merchant.products && !merchant.products.includes(stored.product))) {
      throw new ApiError(404, 'unknown_order', `there is no order "${orderId}"`, 'orderId');
    }
    const now = this.now();
    if (Date.parse(event.occurredAt) > now.getTime() + FUTURE_SKEW_MS) {
      throw new ApiError(422, 'event_in_future', `occurredAt ${event.occurredAt} is in the future`, 'occurredAt');
    }
    const product = this.productOf(stored);
    this.checkEventFits(product, stored, event);
    const added = await this.orders.addEvent(orderId, event);
    if (added === 'conflict') {
      throw new ApiError(409, 'event_id_reused', `event "${event.eventId}" was already posted for this order with other content`, 'eventId');
    }
    const { forecast, atRisk, alerts } = await this.refresh(stored, product);
    return { status: added === 'new' ? 201 : 200, body: { orderId, eventId: event.eventId, duplicate: added === 'duplicate', forecast, atRisk, alerts } };
  }

  /** Re-forecasts an order, stores the forecast, and fires the escalations not fired before. */
  private async refresh(stored: StoredOrder, product: Product): Promise<{ forecast: Forecast; atRisk: boolean; alerts: Alert[] }> {
    const orderId = stored.order.orderId;
    const plan = await this.planOf(stored, product);
    const events = await this.orders.events(orderId);
    const forecast = reforecast(plan, events, this.now());
    const alerts = escalations(plan, forecast);
    const fresh = await this.orders.newAlerts(orderId, alerts);
    await this.orders.saveForecast(orderId, forecast, alerts.length > 0, events.length);
    if (fresh.length) {
      for (const merchant of await this.orders.merchantsFor(stored.product)) {
        if (!merchant.webhookUrl) continue;
        for (const alert of fresh) this.track(this.deliver(merchant, stored, alert, forecast));
      }
    }
    const saved = await this.orders.forecast(orderId);
    return { forecast, atRisk: saved?.atRisk ?? alerts.length > 0, alerts };
  }

  /**
   * Re-runs every order not yet delivered (the "late part" and "no event for
   * N workdays" rules fire with time, not only on events). serve.ts calls it
   * on a timer; tests call it directly. Returns the number of orders checked.
   */
  async sweep(): Promise<number> {
    let count = 0;
    for (const row of await this.orders.ordersFor({ products: null })) {
      if (row.events.some((e) => e.type === 'delivered')) continue;
      const product = this.catalog.products.get(row.product);
      if (!product) continue;
      await this.refresh(row, product);
      count++;
    }
    return count;
  }

  /** The shopper's view, by status token only. Unknown token: 404, the same for every token. */
  async status(token: string): Promise<OrderStatus> {
    const notFound = new ApiError(404, 'unknown_order', 'no order has this status token', 'token');
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound;
    const orderId = await this.orders.orderIdByTokenHash(createHash('sha256').update(token).digest('hex'));
    const stored = orderId ? await this.orders.order(orderId) : undefined;
    if (!stored) throw notFound;
    const product = this.productOf(stored);
    const events = await this.orders.events(stored.order.orderId);
    const forecast = reforecast(await this.planOf(stored, product), events, this.now());
    const promise = stored.order.promise;
    const slipped = forecast.delivery.latest > promise.delivery.latest;
    const labels = (e: MilestoneEvent): string => {
      if (e.type === 'materials_ready') return `${EVENT_LABELS[e.type]}: ${product.model.components[e.component]?.label ?? e.component}`;
      if (e.type === 'production_started' || e.type === 'production_done') {
        return `${e.type === 'production_started' ? 'Started' : 'Finished'}: ${product.ops.workCentres[e.workCentre]?.label ?? e.workCentre}`;
      }
      return EVENT_LABELS[e.type];
    };
    return {
      orderId: stored.order.orderId,
      product: stored.product,
      createdAt: stored.order.createdAt,
      stage: forecast.stage,
      promised: { orderDay: promise.orderDay, shipDate: promise.shipDate, delivery: promise.delivery },
      forecast: { materialsReady: forecast.materialsReady, shipDate: forecast.shipDate, delivery: forecast.delivery, slipDays: forecast.slipDays },
      slipped,
      message: statusMessage(forecast, promise.delivery, slipped),
      timeline: events.map((e) => ({
        type: e.type,
        occurredAt: e.occurredAt,
        label: labels(e),
        ...(e.type === 'shipped' ? { carrier: e.carrier, tracking: e.tracking } : {}),
      })),
    };
  }

  /** Promise accuracy over the orders, quotes and refused selections a merchant sees. */
  async metrics(merchant: Pick<Merchant, 'products'>): Promise<Metrics> {
    return metrics(await this.facts(merchant), await this.orders.quoteSelections(merchant), await this.orders.clashes(merchant));
  }

  /** What happened to every order a merchant sees, measured against today's baseline ops (metrics and learning read these). */
  async facts(merchant: Pick<Merchant, 'products'>): Promise<OrderFacts[]> {
    const facts: OrderFacts[] = [];
    for (const row of await this.orders.ordersFor(merchant)) {
      const product = this.catalog.products.get(row.product);
      if (!product) continue;
      const plan = this.basePlan(row, product, product.ops);
      const [zone, shipping] = shippingZoneFor(product.ops, row.quote.destination.country);
      facts.push(
        orderFacts({
          orderId: row.order.orderId,
          product: row.product,
          createdAt: row.order.createdAt,
          plan,
          shippingZone: row.quote.promise.shippingZone ?? zone,
          transitDeclared: shipping.transitDays,
          events: row.events,
          atRisk: row.atRisk,
        }),
      );
    }
    return facts;
  }

  /** Resolves when every webhook delivery started so far has finished (delivered or given up). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async deliver(merchant: Merchant, stored: StoredOrder, alert: Alert, forecast: Forecast): Promise<void> {
    const url = merchant.webhookUrl!;
    const payload = {
      event: 'order.at_risk',
      deliveryId: `${stored.order.orderId}:${alert.key}`,
      orderId: stored.order.orderId,
      product: stored.product,
      alert,
      promised: stored.order.promise.delivery,
      forecast: { stage: forecast.stage, shipDate: forecast.shipDate, delivery: forecast.delivery, slipDays: forecast.slipDays },
      sentAt: this.now().toISOString(),
    };
    const body = canonicalJson(payload);
    const signature = `sha256=${sign(merchant.webhookSecret, payload)}`;
    const { attempts, baseDelayMs, timeoutMs } = this.webhook;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const log = { orderId: stored.order.orderId, merchantId: merchant.id, alertKey: alert.key, url, attempt };
      try {
        const res = await this.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-bto-signature': signature, 'x-bto-event': payload.event, 'x-bto-delivery': payload.deliveryId },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel().catch(() => undefined);
        await this.orders.logDelivery({ ...log, status: res.status, delivered: res.ok });
        if (res.ok) return;
      } catch (e) {
        await this.orders.logDelivery({ ...log, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), delivered: false });
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    }
  }

  private productOf(stored: StoredOrder): Product {
    const product = this.catalog.products.get(stored.product);
    if (!product) throw new ApiError(410, 'product_unavailable', `product "${stored.product}" is no longer served`, 'orderId');
    return product;
  }

  private checkEventFits(product: Product, stored: StoredOrder, event: MilestoneEvent): void {
    if (event.type === 'materials_ready') {
      const parts = billOfMaterials(product.model, stored.quote.configuration);
      if (!parts.has(event.component)) {
        throw new ApiError(422, 'unknown_component', `this order needs no component "${event.component}" (it needs: ${[...parts.keys()].join(', ')})`, 'component');
      }
    }
    if ((event.type === 'production_started' || event.type === 'production_done') && !Object.hasOwn(product.ops.workCentres, event.workCentre)) {
      throw new ApiError(422, 'unknown_work_centre', `there is no work centre "${event.workCentre}" (work centres: ${Object.keys(product.ops.workCentres).join(', ')})`, 'workCentre');
    }
  }

  /** The plan against today's bookings without this order's own. */
  private async planOf(stored: StoredOrder, product: Product): Promise<OrderPlan> {
    const ops = await this.store.bookedOps(stored.product, product.ops);
    for (const b of stored.bookings.capacity) {
      const booked = ops.workCentres[b.workCentre]?.booked;
      if (booked?.[b.date] !== undefined) booked[b.date] = Math.max(0, booked[b.date] - b.minutes);
    }
    return this.basePlan(stored, product, ops);
  }

  private basePlan(stored: StoredOrder, product: Product, ops: OpsFile): OrderPlan {
    return {
      model: product.model,
      ops,
      configuration: stored.quote.configuration,
      quantity: stored.quote.quantity,
      destination: stored.quote.destination,
      promise: stored.order.promise,
      stockParts: stored.bookings.stock.map((s) => s.component),
    };
  }
}

/** An honest sentence for the shopper. */
export function statusMessage(forecast: Forecast, promised: DateRange, slipped: boolean): string {
  const window = (r: DateRange) => (r.earliest === r.latest ? r.earliest : `${r.earliest} and ${r.latest}`);
  if (forecast.stage === 'delivered') {
    return slipped
      ? `Delivered on ${forecast.delivery.latest}, later than the ${promised.latest} we promised. We are sorry for the wait.`
      : `Delivered on ${forecast.delivery.latest}, as promised.`;
  }
  if (!slipped) return `On track: we expect delivery between ${window(forecast.delivery)} (promised by ${promised.latest}).`;
  const cause = forecast.lateParts.length ? ` because ${forecast.lateParts.map((p) => p.label).join(' and ')} reached us late` : '';
  return `Running late${cause}: we promised delivery by ${promised.latest} and now expect it between ${window(forecast.delivery)}. We are sorry; this page updates as your order moves.`;
}
