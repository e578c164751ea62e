/**
 * A quote, computed on the server from the rules and ops data alone: the
 * browser sends what the shopper chose, never a price or a date. Every
 * refusal names the input to fix (`selection.top`, `destination.country`).
 */
import { randomBytes } from 'node:crypto';
import { type DeliveryPromise, promiseDelivery } from '../promise/promise.js';
import { PromiseError } from '../promise/promise-error.js';
import type { OpsFile } from '../promise/ops-schema.js';
import type { Quote, QuoteRequest, QuotedPromise } from '../quote/contract.js';
import { valueIndex } from '../rules/compile.js';
import type { Selection, Value } from '../rules/model.js';
import { didYouMean } from '../rules/suggest.js';
import { ApiError } from './api-error.js';
import type { Product } from './catalog.js';
import { type PlanCache } from './plan-cache.js';
import { sign } from './signature.js';
import type { StoredQuote } from './store.js';

export interface QuoteInput {
  product: Product;
  request: QuoteRequest;
  /** The product's ops data with every booking so far applied. */
  ops: OpsFile;
  now: Date;
  secret: string;
  /** How long the quote can be ordered, in milliseconds. */
  ttlMs: number;
  /** Plans already worked out for identical requests. */
  plans?: PlanCache;
}

/** The configuration, price and promise for a request, signed; throws ApiError for a request it cannot answer. */
export function buildQuote({ product, request, ops, now, secret, ttlMs, plans }: QuoteInput): StoredQuote {
  const { engine, model } = product;
  const selection = checkSelection(product, request.selection);
  const quantity = request.quantity ?? 1;
  const destination = { ...request.destination, country: request.destination.country.toUpperCase() };
  const key = JSON.stringify([model.product.id, selection, quantity, destination.country]);
  const plan = plans?.get(ops, key, now);
  const configuration = plan?.configuration ?? engine.complete(selection) ?? refuseSelection(product, selection);
  let promise: DeliveryPromise;
  try {
    promise = plan?.promise ?? promiseDelivery({ model, ops, configuration, quantity, destination, orderTime: now });
  } catch (e) {
    if (!(e instanceof PromiseError)) throw e;
    if (e.field === 'destination') throw new ApiError(422, 'not_shipped', e.message, 'destination.country');
    if (e.field === 'quantity') throw new ApiError(422, 'quantity_too_large', e.message, 'quantity');
    if (e.field === 'configuration') throw new ApiError(422, 'invalid_selection', e.message, 'selection');
    throw e; // ops/orderTime: the server's data or clock, not the shopper's input
  }
  const price = plan?.price ?? engine.price(configuration);
  if (!plan) plans?.set(ops, key, { configuration, price, promise });
  const { bookings, ...shown } = promise;
  const unsigned: Omit<Quote, 'signature'> = {
    quoteId: `q_${randomBytes(12).toString('base64url')}`,
    product: model.product.id,
    selection,
    configuration,
    quantity,
    destination,
    price,
    promise: shown satisfies QuotedPromise,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  };
  return { quote: { ...unsigned, signature: sign(secret, unsigned) }, bookings };
}

/** A selection refused because it fits no product, as the metrics count it (option popularity's clashes). */
export interface Clash {
  product: string;
  /** The selection the refusal names (the shopper's latest that, removed, makes the rest fit). */
  module: string;
  value: Value;
  /** The first other selection the engine's explanation names, if any. */
  other?: { module: string; value: Value };
  /** The first rule the explanation names, if any. */
  rule?: string;
}

/** The 422 invalid_selection for a clash, carrying what clashed so the service can record it. */
export class SelectionClash extends ApiError {
  readonly clash: Clash;

  constructor(message: string, field: string, clash: Clash) {
    super(422, 'invalid_selection', message, field);
    this.clash = clash;
  }
}

/** The selection with each module and value known to the model; refuses the first that is not. */
function checkSelection({ engine, model }: Product, selection: Selection): Selection {
  for (const [id, value] of Object.entries(selection)) {
    const mod = engine.module(id);
    if (!mod) {
      const hint = didYouMean(id, model.modules.map((m) => m.id));
      throw new ApiError(422, 'unknown_module', `product "${model.product.id}" has no module "${id}"${hint}`, `selection.${id}`);
    }
    if (valueIndex(mod, value) < 0) {
      const ids = mod.values.map((v) => String(v.id));
      const hint = typeof value === 'string' ? didYouMean(value, ids) : '';
      const range = mod.kind === 'number' ? ` (${mod.min}-${mod.max} in steps of ${mod.step})` : hint;
      throw new ApiError(422, 'unknown_value', `module "${id}" has no value ${JSON.stringify(value)}${range}`, `selection.${id}`);
    }
  }
  return selection;
}

/**
 * The selection fits no valid product: name the most recent selection whose
 * removal makes it fit (the shopper's last change is the likeliest culprit),
 * with the rule's reason.
 */
function refuseSelection({ engine, model }: Product, selection: Selection): never {
  const entries = Object.entries(selection);
  for (let i = entries.length - 1; i >= 0; i--) {
    const [id, value] = entries[i];
    const others: Record<string, Value> = Object.fromEntries(entries.filter((_, j) => j !== i));
    if (engine.complete(others) === null) continue;
    const explained = engine.explain(others, id, value);
    const reason = explained?.text ?? `${id} = ${JSON.stringify(value)} does not fit the other selections`;
    const other = explained?.selections[0];
    const clash: Clash = {
      product: model.product.id,
      module: id,
      value,
      ...(other ? { other: { module: other.module, value: other.value } } : {}),
      ...(explained?.rules[0] ? { rule: explained.rules[0].id } : {}),
    };
    throw new SelectionClash(reason, `selection.${id}`, clash);
  }
  throw new ApiError(422, 'invalid_selection', 'these selections together fit no product', 'selection');
}
