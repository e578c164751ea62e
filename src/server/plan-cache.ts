/**
 * Completed configurations, prices and promises already worked out, reused
 * for identical requests. Safe because a promise depends only on the ops
 * state (bookings included) and on the order day, which changes exactly at
 * the promise's cut-off deadline: an entry lives with its ops object and
 * until that deadline.
 */
import type { DeliveryPromise } from '../promise/promise.js';
import type { OpsFile } from '../promise/ops-schema.js';
import type { Price } from '../rules/results.js';
import type { Value } from '../rules/model.js';

export interface Plan {
  configuration: Record<string, Value>;
  price: Price;
  promise: DeliveryPromise;
}

/** Entries kept per ops state; beyond it the oldest go. */
const LIMIT = 5000;

export class PlanCache {
  private byOps = new WeakMap<OpsFile, Map<string, Plan>>();

  get(ops: OpsFile, key: string, now: Date): Plan | undefined {
    const plans = this.byOps.get(ops);
    const plan = plans?.get(key);
    if (!plan) return undefined;
    if (now.getTime() < Date.parse(plan.promise.cutoffDeadline)) return plan;
    plans!.delete(key);
    return undefined;
  }

  set(ops: OpsFile, key: string, plan: Plan): void {
    let plans = this.byOps.get(ops);
    if (!plans) this.byOps.set(ops, (plans = new Map()));
    if (plans.size >= LIMIT) plans.delete(plans.keys().next().value!);
    plans.set(key, plan);
  }
}
