/**
 * Learned lead times as a merchant reviews and accepts them:
 *   proposals(merchant)  what the delivered orders of its products support
 *                        (orders/learning.ts), with what each would change;
 *   apply(merchant)      recomputes those proposals here (never trusts a
 *                        browser's copy), stores them in learned_lead_times
 *                        and puts them into the product's baseline ops, so
 *                        the next quote, re-forecast and metrics use them;
 *   load()               at start: every stored correction over the ops
 *                        file's declared values.
 * The ops file on disk is never rewritten: the declared values stay what
 * the planner wrote; the store holds what was learned over them.
 */
import { applyLearning, describeProposal, type LearningOptions, type Proposal, proposeLeadTimes } from '../orders/learning.js';
import { type LearningReview, type ProductLearning, proposalEffect } from '../orders/learning-effect.js';
import type { OpsFile } from '../promise/ops-schema.js';
import type { Catalog } from './catalog.js';
import type { Database } from './database.js';
import type { Merchant } from './order-store.js';
import type { OrderTracking } from './order-tracking.js';

export interface LearningOptionsWithHooks extends LearningOptions {
  catalog: Catalog;
  db: Database;
  tracking: OrderTracking;
  /** Called with a product id after its baseline ops changed (the quote service drops its cached ops). */
  changed?: (product: string) => void;
}

export class LeadTimeLearning {
  private readonly catalog: Catalog;
  private readonly db: Database;
  private readonly tracking: OrderTracking;
  private readonly changed: (product: string) => void;
  private readonly options: Required<LearningOptions>;
  /** The ops files as written, before any learned value. */
  private readonly declared = new Map<string, OpsFile>();
  private applying: Promise<unknown> = Promise.resolve();

  constructor(options: LearningOptionsWithHooks) {
    this.catalog = options.catalog;
    this.db = options.db;
    this.tracking = options.tracking;
    this.changed = options.changed ?? (() => undefined);
    this.options = { coverage: options.coverage ?? 0.97, minSamples: options.minSamples ?? 5 };
    for (const [id, product] of this.catalog.products) this.declared.set(id, structuredClone(product.ops));
  }

  /** Puts every stored correction over the declared ops (at start). */
  async load(): Promise<void> {
    const rows = await this.db.query<{ product: string; proposal: Proposal }>('SELECT product, proposal FROM learned_lead_times ORDER BY product, kind, id');
    for (const id of new Set(rows.map((r) => r.product))) this.install(id, rows.filter((r) => r.product === id).map((r) => r.proposal));
  }

  /** Proposals per product the merchant sees, each with what it would change. */
  async proposals(merchant: Pick<Merchant, 'products'>): Promise<LearningReview> {
    const facts = await this.tracking.facts(merchant);
    const products: ProductLearning[] = [];
    for (const id of [...this.catalog.products.keys()].sort()) {
      if (merchant.products && !merchant.products.includes(id)) continue;
      const own = facts.filter((f) => f.product === id);
      const delivered = own.filter((f) => f.deliveredOn !== undefined);
      const proposals = proposeLeadTimes(delivered, this.options).map((p) => ({ ...p, description: describeProposal(p), effect: proposalEffect(own, p) }));
      products.push({ product: id, delivered: delivered.length, proposals });
    }
    return { ...this.options, products };
  }

  /** Applies the current proposals for the merchant's products (or the `only` ones among them); returns what was applied. */
  apply(merchant: Merchant, only?: readonly string[]): Promise<LearningReview> {
    const run = this.applying.catch(() => undefined).then(() => this.applyNow(merchant, only));
    this.applying = run;
    return run;
  }

  private async applyNow(merchant: Merchant, only?: readonly string[]): Promise<LearningReview> {
    const review = await this.proposals(merchant);
    review.products = review.products.filter((p) => (!only || only.includes(p.product)) && p.proposals.length > 0);
    for (const { product, proposals } of review.products) {
      await this.db.transaction(async (tx) => {
        for (const p of proposals) {
          const { description: _d, effect: _e, ...proposal } = p;
          await tx.query(
            `INSERT INTO learned_lead_times (product, kind, id, proposal, merchant_id) VALUES ($1, $2, $3, $4::jsonb, $5)
             ON CONFLICT (product, kind, id) DO UPDATE SET proposal = EXCLUDED.proposal, merchant_id = EXCLUDED.merchant_id, applied_at = now()`,
            [product, p.kind, p.id, JSON.stringify(proposal), merchant.id],
          );
        }
      });
      const rows = await this.db.query<{ proposal: Proposal }>('SELECT proposal FROM learned_lead_times WHERE product = $1 ORDER BY kind, id', [product]);
      this.install(product, rows.map((r) => r.proposal));
    }
    return review;
  }

  private install(id: string, proposals: readonly Proposal[]): void {
    const product = this.catalog.products.get(id);
    const declared = this.declared.get(id);
    if (!product || !declared) return; // a product no longer served
    product.ops = applyLearning(declared, proposals);
    this.changed(id);
  }
}
