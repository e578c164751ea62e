/**
 * The bill of materials of a configuration and when each part is there.
 *
 * A part is taken from stock only when stock covers the whole need of the
 * order; otherwise the whole need is bought from the supplier, because the
 * order waits for the supplier anyway and the units on hand can serve an
 * order that need not wait. A part the ops file does not list is bought to
 * order with the rules file's static `leadTimeDays` (0 when it has none):
 * assuming untracked parts in stock would promise too early, and a late
 * promise is the one a shop cannot take back.
 */
import { valueIndex } from '../rules/compile.js';
import type { CompiledModel, Value } from '../rules/model.js';
import type { IsoDate, WorkCalendar } from './calendar.js';
import type { OpsFile } from './ops-schema.js';
import { PromiseError } from './promise-error.js';

/** Units of each part one product needs, in first-use order. */
export function billOfMaterials(model: CompiledModel, configuration: Readonly<Record<string, Value>>): Map<string, number> {
  const parts = new Map<string, number>();
  for (const mod of model.modules) {
    if (!Object.hasOwn(configuration, mod.id)) {
      throw new PromiseError('configuration', `the configuration has no value for module "${mod.id}"; complete it first`);
    }
    const value = configuration[mod.id];
    const index = valueIndex(mod, value);
    if (index < 0) throw new PromiseError('configuration', `module "${mod.id}" has no value ${JSON.stringify(value)}`);
    for (const part of mod.values[index].components) parts.set(part, (parts.get(part) ?? 0) + 1);
  }
  return parts;
}

/** Work minutes of one product per work centre, summed over its parts. */
export function workMinutes(model: CompiledModel, parts: ReadonlyMap<string, number>): Map<string, number> {
  const minutes = new Map<string, number>();
  for (const [part, count] of parts) {
    for (const [centre, each] of Object.entries(model.components[part]?.minutes ?? {})) {
      minutes.set(centre, (minutes.get(centre) ?? 0) + each * count);
    }
  }
  return minutes;
}

export interface PartSupply {
  id: string;
  label: string;
  /** Units the order needs (per-product count x quantity). */
  quantity: number;
  /** True when stock covers `quantity`: the part is ready on the order day. */
  fromStock: boolean;
  /** Workdays from the order day to arrival (0 from stock). */
  supplierDays: number;
  /** Extra workdays of a late supplier (0 from stock). */
  spreadDays: number;
  arrives: { earliest: IsoDate; latest: IsoDate };
}

/** How each part of the order is supplied and when it is there. */
export function supplyParts(
  model: CompiledModel,
  ops: OpsFile,
  parts: ReadonlyMap<string, number>,
  quantity: number,
  orderDay: IsoDate,
  calendar: WorkCalendar,
): PartSupply[] {
  return [...parts].map(([id, perProduct]) => {
    const need = perProduct * quantity;
    const known = Object.hasOwn(ops.components, id) ? ops.components[id] : undefined;
    const label = model.components[id]?.label ?? known?.label ?? id;
    if ((known?.stock ?? 0) >= need) {
      return { id, label, quantity: need, fromStock: true, supplierDays: 0, spreadDays: 0, arrives: { earliest: orderDay, latest: orderDay } };
    }
    const supplierDays = known?.supplierDays ?? model.components[id]?.leadTimeDays ?? 0;
    const spreadDays = known?.spreadDays ?? 0;
    return {
      id,
      label,
      quantity: need,
      fromStock: false,
      supplierDays,
      spreadDays,
      arrives: {
        earliest: calendar.addWorkdays(orderDay, supplierDays),
        latest: calendar.addWorkdays(orderDay, supplierDays + spreadDays),
      },
    };
  });
}
