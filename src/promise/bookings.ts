/**
 * Keeping a promise: an accepted order consumes the capacity and stock its
 * promise planned, so that the next promise sees them taken. The quote
 * service does this in its store (transactionally); tests and msw handlers
 * use this function on plain ops data.
 */
import type { OpsFile } from './ops-schema.js';
import type { PromiseBookings } from './promise.js';

/** The ops data with the bookings added (a new object; `ops` is left as it was). */
export function applyBookings(ops: OpsFile, bookings: PromiseBookings): OpsFile {
  const next = structuredClone(ops);
  for (const { workCentre, date, minutes } of bookings.capacity) {
    const centre = next.workCentres[workCentre];
    if (!centre) throw new RangeError(`no work centre "${workCentre}" to book`);
    const booked = (centre.booked ??= {});
    booked[date] = (booked[date] ?? 0) + minutes;
  }
  for (const { component, quantity } of bookings.stock) {
    const part = next.components[component];
    const stock = part?.stock ?? 0;
    if (!part || stock < quantity) throw new RangeError(`only ${stock} of "${component}" in stock, ${quantity} promised`);
    part.stock = stock - quantity;
  }
  return next;
}
