/**
 * A small desk and its plant, for the promise tests: few enough parts and
 * minutes that every expected date can be worked out by hand.
 *
 * Per desk: frame basic = 60 assembly minutes (40 in stock), frame pro = 120
 * assembly minutes (2 in stock, else 8 + 1 workdays), white top = 30
 * finishing minutes (10 in stock), walnut top = 90 finishing minutes (none
 * in stock: 6 + 2 workdays). Finishing runs before assembly; each has 480
 * free minutes a day. Plant in Berlin, Mon-Fri, cut-off 14:00, one day of
 * qc; holidays 24, 25, 31 Dec 2026 and 1 Jan 2027.
 *
 * December 2026: Tue 1, Wed 2, Thu 3, Fri 4, Mon 7 ... Thu 24, Fri 25,
 * Mon 28, Tue 29, Wed 30, Thu 31; Fri 1 Jan 2027, Mon 4 Jan.
 */
import assert from 'node:assert/strict';
import { loadOps } from '../../src/promise/load-ops.js';
import type { OpsFile } from '../../src/promise/ops-schema.js';
import { type DeliveryPromise, type PromiseRequest, promiseDelivery } from '../../src/promise/promise.js';
import type { Engine } from '../../src/rules/engine.js';
import { loadRules } from '../../src/rules/load.js';
import type { CompiledModel } from '../../src/rules/model.js';

export const RULES = `product: { id: desk, name: Desk, currency: EUR, basePrice: 100 }
modules:
  frame:
    label: Frame
    options:
      basic: { label: Basic frame, components: [frame-basic] }
      pro: { label: Pro frame, components: [frame-pro] }
  top:
    label: Top
    options:
      white: { label: White top, components: [top-white] }
      walnut: { label: Walnut top, components: [top-walnut] }
components:
  frame-basic: { label: Basic frame, minutes: { assembly: 60 }, leadTimeDays: 5 }
  frame-pro: { label: Pro frame, minutes: { assembly: 120 }, leadTimeDays: 8 }
  top-white: { label: White top, minutes: { finishing: 30 }, leadTimeDays: 3 }
  top-walnut: { label: Walnut top, minutes: { finishing: 90 }, leadTimeDays: 35 }
`;

export const OPS = `product: desk
plant:
  timeZone: Europe/Berlin
  workdays: [mon, tue, wed, thu, fri]
  holidays: [2026-12-24, 2026-12-25, 2026-12-31, 2027-01-01]
  cutoff: "14:00"
  qcDays: 1
components:
  frame-basic: { stock: 40 }
  frame-pro: { stock: 2, supplierDays: 8, spreadDays: 1 }
  top-white: { stock: 10 }
  top-walnut: { stock: 0, supplierDays: 6, spreadDays: 2 }
workCentres:
  finishing: { label: Finishing, minutesPerDay: 480 }
  assembly: { label: Assembly, minutesPerDay: 480 }
shipping:
  DE: { label: Germany, transitDays: [1, 2] }
  FR: { label: France, transitDays: [2, 4] }
  "*": { transitDays: [4, 8] }
`;

function load(): { model: CompiledModel; engine: Engine; ops: OpsFile } {
  const rules = loadRules(RULES, 'desk.yaml');
  assert.ok(rules.model && rules.engine, JSON.stringify(rules.problems));
  const loaded = loadOps(OPS, 'desk.ops.yaml', rules.model);
  assert.deepEqual(loaded.problems, []);
  assert.ok(loaded.ops);
  return { model: rules.model, engine: rules.engine, ops: loaded.ops };
}

export const fixture = load();

/** A fresh copy of the fixture's ops data, changed by `edit`. */
export function opsWith(edit: (ops: OpsFile) => void = () => {}): OpsFile {
  const ops = structuredClone(fixture.ops);
  edit(ops);
  return ops;
}

/** The promise for a basic frame with a white top to DE, unless told otherwise. */
export function promise(request: Partial<Omit<PromiseRequest, 'configuration'>> & { configuration?: Record<string, string> } & Pick<PromiseRequest, 'orderTime'>): DeliveryPromise {
  return promiseDelivery({
    model: fixture.model,
    ops: request.ops ?? fixture.ops,
    configuration: request.configuration ?? { frame: 'basic', top: 'white' },
    quantity: request.quantity ?? 1,
    destination: request.destination ?? { country: 'DE' },
    orderTime: request.orderTime,
  });
}

/** The dates of a promise in one line, so that a test states them all at once. */
export function dates(p: DeliveryPromise): Record<string, string> {
  return {
    orderDay: p.orderDay,
    materials: `${p.materialsReady.earliest}..${p.materialsReady.latest}`,
    ship: `${p.shipDate.earliest}..${p.shipDate.latest}`,
    delivery: `${p.delivery.earliest}..${p.delivery.latest}`,
  };
}
