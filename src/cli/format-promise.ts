/** Human-readable output of `bto promise`: the shopper's sentence first, then the planner's detail. */
import type { CompiledModel, Value } from '../rules/model.js';
import { formatDay, formatRange, promiseSentence } from '../promise/describe.js';
import type { OpsFile } from '../promise/ops-schema.js';
import type { DeliveryPromise } from '../promise/promise.js';

export function formatPromise(
  promise: DeliveryPromise,
  context: { model: CompiledModel; ops: OpsFile; configuration: Record<string, Value>; quantity: number; orderTime: Date },
): string {
  const { model, ops, configuration, quantity, orderTime } = context;
  const chosen = model.modules
    .map((m) => {
      const value = configuration[m.id];
      if (value === null) return undefined;
      const label = m.values.find((v) => v.id === value)?.label ?? String(value);
      return m.kind === 'number' ? `${value}${m.unit ? ` ${m.unit}` : ''}` : label;
    })
    .filter((text): text is string => text !== undefined);
  const zone = ops.shipping[promise.shippingZone];
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

  const out = [
    `${quantity} × ${model.product.name}: ${chosen.join(', ')}`,
    promiseSentence(promise, orderTime),
    '',
    `  Order day        ${formatDay(promise.orderDay)} (cut-off ${ops.plant.cutoff} ${promise.timeZone}: ${promise.cutoffDeadline})`,
    `  Materials ready  ${formatRange(promise.materialsReady)}`,
  ];
  if (promise.productionStart) out.push(`  Production from  ${formatDay(promise.productionStart)}`);
  out.push(
    `  Ships            ${formatRange(promise.shipDate)}`,
    `  Delivered        ${formatRange(promise.delivery)} (${zone.label ?? promise.shippingZone}, ${zone.transitDays[0]}–${zone.transitDays[1]} carrier workdays)`,
    'Drivers',
  );
  for (const d of promise.drivers) {
    const days = d.kind === 'transit' ? `${unit(d.days, 'carrier workday')} at least` : `+${unit(d.days, 'workday')}`;
    out.push(`  ${d.label.padEnd(40)} ${days}`);
  }
  out.push('Bookings');
  for (const b of promise.bookings.capacity) out.push(`  ${b.workCentre.padEnd(16)} ${formatDay(b.date).padEnd(12)} ${b.minutes} min`);
  for (const s of promise.bookings.stock) out.push(`  stock ${s.component.padEnd(30)} ${s.quantity}`);
  return out.join('\n');
}
