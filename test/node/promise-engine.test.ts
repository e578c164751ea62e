/**
 * The planning part of the delivery promise: stock and suppliers, finite
 * capacity (booked days, jobs spilling over days), quantity, drivers and the
 * bookings a promise consumes. Expected dates are worked out by hand in the
 * comments (plant and calendar: see promise-fixture.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyBookings } from '../../src/promise/bookings.js';
import { promiseSentence } from '../../src/promise/describe.js';
import { estimateDelivery } from '../../src/promise/estimate.js';
import { PromiseError } from '../../src/promise/promise-error.js';
import { dates, fixture, opsWith, promise } from './promise-fixture.js';

const TUESDAY = '2026-12-01T10:00:00+01:00';
const WALNUT = { frame: 'basic', top: 'walnut' };

test('a part out of stock arrives after supplierDays workdays, latest after spreadDays more', () => {
  // Tue 1 Dec: walnut +6 workdays = Wed 9 Dec (2, 3, 4, 7, 8, 9); latest +8 = Fri 11 Dec.
  // Made on arrival (finishing 90 + assembly 60 min): ship Thu 10 .. Mon 14.
  // FR 2-4 carrier days: Fri 11 (1), Mon 14 (2) .. Mon 14 + 4 = Fri 18.
  const p = promise({ orderTime: TUESDAY, configuration: WALNUT, destination: { country: 'fr' } });
  assert.deepEqual(dates(p), { orderDay: '2026-12-01', materials: '2026-12-09..2026-12-11', ship: '2026-12-10..2026-12-14', delivery: '2026-12-14..2026-12-18' });
  assert.equal(p.shippingZone, 'FR');
  assert.equal(p.productionStart, '2026-12-09');
  // Walnut comes from the supplier: only the frame is taken from stock.
  assert.deepEqual(p.bookings.stock, [{ component: 'frame-basic', quantity: 1 }]);
  assert.deepEqual(p.bookings.capacity, [
    { workCentre: 'finishing', date: '2026-12-09', minutes: 90 },
    { workCentre: 'assembly', date: '2026-12-09', minutes: 60 },
  ]);
});

test('drivers say which part sets the date and by how much, then qc and transit', () => {
  // All in stock, production would end Tue 1 Dec; with walnut it ends Wed 9: 6 workdays later.
  const p = promise({ orderTime: TUESDAY, configuration: WALNUT, destination: { country: 'FR' } });
  assert.deepEqual(p.drivers, [
    { kind: 'component', id: 'top-walnut', label: 'Walnut top', days: 6 },
    { kind: 'qc', id: 'qc', label: 'Quality check and packing', days: 1 },
    { kind: 'transit', id: 'FR', label: 'Shipping to France', days: 2 },
  ]);
  // Two late parts, biggest first: pro frame x3 (stock 2) 8 days, walnut 6.
  const both = promise({ orderTime: TUESDAY, configuration: { frame: 'pro', top: 'walnut' }, quantity: 3 });
  assert.deepEqual(
    both.drivers.map((d) => [d.id, d.days]),
    [['frame-pro', 8], ['top-walnut', 6], ['qc', 1], ['DE', 1]],
  );
  // An unlisted country uses "*", named after the country.
  const far = promise({ orderTime: TUESDAY, destination: { country: 'US' } });
  assert.deepEqual(far.drivers.at(-1), { kind: 'transit', id: '*', label: 'Shipping to US', days: 4 });
  assert.equal(far.delivery.latest, '2026-12-14'); // ship Wed 2 + 8 carrier days: 3, 4, 7, 8, 9, 10, 11, 14
});

test('a part whose wait a queue absorbs adds only the days it really adds', () => {
  // Assembly fully booked Tue 1 .. Fri 4. All in stock the job would leave assembly Mon 7.
  // Walnut arrives Wed 9 and the job leaves Wed 9: walnut adds 2 workdays (8, 9), and
  // assembly, empty by then, adds nothing.
  const ops = opsWith((o) => {
    o.workCentres.assembly.booked = { '2026-12-01': 480, '2026-12-02': 480, '2026-12-03': 480, '2026-12-04': 480 };
  });
  const p = promise({ orderTime: TUESDAY, configuration: WALNUT, ops });
  assert.deepEqual(p.drivers.filter((d) => d.kind === 'component' || d.kind === 'workCentre'), [
    { kind: 'component', id: 'top-walnut', label: 'Walnut top', days: 2 },
  ]);
  assert.equal(p.shipDate.earliest, '2026-12-10');
});

test('a fully booked week pushes assembly to the next free day and names the work centre', () => {
  // Assembly booked 480/480 Mon 7 .. Fri 11 Dec. Order Mon 7 10:00, in stock: finishing 30 min
  // on Mon 7, assembly first finds free minutes on Mon 14. Ship Tue 15, DE Wed 16 .. Thu 17.
  const ops = opsWith((o) => {
    o.workCentres.assembly.booked = { '2026-12-07': 480, '2026-12-08': 480, '2026-12-09': 480, '2026-12-10': 480, '2026-12-11': 480 };
  });
  const p = promise({ orderTime: '2026-12-07T10:00:00+01:00', ops });
  assert.deepEqual(dates(p), { orderDay: '2026-12-07', materials: '2026-12-07..2026-12-07', ship: '2026-12-15..2026-12-15', delivery: '2026-12-16..2026-12-17' });
  assert.deepEqual(p.bookings.capacity, [
    { workCentre: 'finishing', date: '2026-12-07', minutes: 30 },
    { workCentre: 'assembly', date: '2026-12-14', minutes: 60 },
  ]);
  // Empty, assembly would have finished Mon 7; booked, Mon 14: 5 workdays (8, 9, 10, 11, 14).
  assert.deepEqual(p.drivers[0], { kind: 'workCentre', id: 'assembly', label: 'Assembly', days: 5 });
  // A partly booked day is used first fit: 420 booked on Mon 7 leaves 60, exactly the job.
  const partly = opsWith((o) => {
    o.workCentres.assembly.booked = { '2026-12-07': 420 };
  });
  assert.equal(promise({ orderTime: '2026-12-07T10:00:00+01:00', ops: partly }).shipDate.earliest, '2026-12-08');
});

test('a job longer than one day spills into the following workdays', () => {
  // Assembly has 100 minutes a day. Pro frame (120 min) ordered Thu 3 Dec: finishing 30 min Thu 3,
  // assembly 100 min Thu 3 and 20 min Fri 4. Ship Mon 7, DE Tue 8 .. Wed 9.
  const ops = opsWith((o) => {
    o.workCentres.assembly.minutesPerDay = 100;
  });
  const p = promise({ orderTime: '2026-12-03T10:00:00+01:00', configuration: { frame: 'pro', top: 'white' }, ops });
  assert.deepEqual(dates(p), { orderDay: '2026-12-03', materials: '2026-12-03..2026-12-03', ship: '2026-12-07..2026-12-07', delivery: '2026-12-08..2026-12-09' });
  assert.deepEqual(p.bookings.capacity, [
    { workCentre: 'finishing', date: '2026-12-03', minutes: 30 },
    { workCentre: 'assembly', date: '2026-12-03', minutes: 100 },
    { workCentre: 'assembly', date: '2026-12-04', minutes: 20 },
  ]);
  // With 50 minutes booked on Thu 3 only 50 are free: 50 Thu 3, 70 Fri 4; the same ship date.
  const halfBooked = opsWith((o) => {
    o.workCentres.assembly.minutesPerDay = 100;
    o.workCentres.assembly.booked = { '2026-12-03': 50 };
  });
  const half = promise({ orderTime: '2026-12-03T10:00:00+01:00', configuration: { frame: 'pro', top: 'white' }, ops: halfBooked });
  assert.deepEqual(half.bookings.capacity.filter((b) => b.workCentre === 'assembly').map((b) => [b.date, b.minutes]), [['2026-12-03', 50], ['2026-12-04', 70]]);
  assert.equal(half.shipDate.earliest, '2026-12-07');
  // Spilling over a weekend and a closed day: closed Fri 4, so 50 Thu 3, then 70 of 100 on Mon 7; ship Tue 8.
  const closed = opsWith((o) => {
    o.workCentres.assembly.minutesPerDay = 100;
    o.workCentres.assembly.booked = { '2026-12-03': 50 };
    o.workCentres.assembly.closed = ['2026-12-04'];
  });
  const spilled = promise({ orderTime: '2026-12-03T10:00:00+01:00', configuration: { frame: 'pro', top: 'white' }, ops: closed });
  assert.deepEqual(spilled.bookings.capacity.filter((b) => b.workCentre === 'assembly'), [
    { workCentre: 'assembly', date: '2026-12-03', minutes: 50 },
    { workCentre: 'assembly', date: '2026-12-07', minutes: 70 },
  ]);
  assert.equal(spilled.shipDate.earliest, '2026-12-08');
});

test('quantity scales parts and minutes', () => {
  // 10 basic desks with white tops, Tue 1 Dec: stock 40 frames and exactly 10 tops cover them.
  // Finishing 300 min Tue 1; assembly 600 min: 480 Tue 1, 120 Wed 2. Ship Thu 3, DE Fri 4 .. Mon 7.
  const ten = promise({ orderTime: TUESDAY, quantity: 10 });
  assert.deepEqual(dates(ten), { orderDay: '2026-12-01', materials: '2026-12-01..2026-12-01', ship: '2026-12-03..2026-12-03', delivery: '2026-12-04..2026-12-07' });
  assert.deepEqual(ten.bookings.stock, [
    { component: 'frame-basic', quantity: 10 },
    { component: 'top-white', quantity: 10 },
  ]);
  assert.deepEqual(ten.bookings.capacity, [
    { workCentre: 'finishing', date: '2026-12-01', minutes: 300 },
    { workCentre: 'assembly', date: '2026-12-01', minutes: 480 },
    { workCentre: 'assembly', date: '2026-12-02', minutes: 120 },
  ]);
  // 11 desks: 10 tops in stock do not cover 11, so all 11 are bought: white top has no supplierDays
  // in the ops file, so the rules file's leadTimeDays (3) apply: Fri 4 Dec.
  assert.equal(promise({ orderTime: TUESDAY, quantity: 11 }).materialsReady.earliest, '2026-12-04');
  // 2 pro frames: in stock (2). 3: bought, 8 workdays: Fri 11 Dec, latest Mon 14. 360 assembly
  // minutes fit Fri 11; ship Mon 14 .. Tue 15; DE Tue 15 .. Thu 17.
  assert.equal(promise({ orderTime: TUESDAY, quantity: 2, configuration: { frame: 'pro', top: 'white' } }).materialsReady.earliest, '2026-12-01');
  const three = promise({ orderTime: TUESDAY, quantity: 3, configuration: { frame: 'pro', top: 'white' } });
  assert.deepEqual(dates(three), { orderDay: '2026-12-01', materials: '2026-12-11..2026-12-14', ship: '2026-12-14..2026-12-15', delivery: '2026-12-15..2026-12-17' });
  assert.deepEqual(three.bookings.stock, [{ component: 'top-white', quantity: 3 }]);
});

test('an accepted promise consumes its capacity and stock; the next promise sees them taken', () => {
  // 8 basic desks Tue 1 Dec: assembly 480 min fills Tue 1; 8 frames (40 -> 32) and 8 tops (10 -> 2) from stock.
  const first = promise({ orderTime: TUESDAY, quantity: 8 });
  assert.equal(first.shipDate.earliest, '2026-12-02');
  const after = applyBookings(fixture.ops, first.bookings);
  assert.deepEqual(after.workCentres.assembly.booked, { '2026-12-01': 480 });
  assert.deepEqual(after.workCentres.finishing.booked, { '2026-12-01': 240 });
  assert.equal(after.components['frame-basic'].stock, 32);
  assert.equal(after.components['top-white'].stock, 2);
  assert.equal(fixture.ops.components['top-white'].stock, 10); // the input is left as it was
  // One more desk the same day: assembly is full on Tue 1, so Wed 2; ship Thu 3.
  assert.equal(promise({ orderTime: TUESDAY, ops: after }).shipDate.earliest, '2026-12-03');
  // Three more: 2 tops left do not cover 3, so tops are bought (3 workdays: Fri 4).
  assert.equal(promise({ orderTime: TUESDAY, ops: after, quantity: 3 }).materialsReady.earliest, '2026-12-04');
  // Stock cannot be promised twice.
  assert.throws(() => applyBookings(after, { capacity: [], stock: [{ component: 'top-white', quantity: 3 }] }), /only 2 of "top-white" in stock/);
});

test('a part the ops file does not list is bought to order with the rules file lead time', () => {
  // top-white removed: 3 workdays from Tue 1 = Fri 4 Dec; no spread.
  const ops = opsWith((o) => {
    delete o.components['top-white'];
  });
  const p = promise({ orderTime: TUESDAY, ops });
  assert.equal(p.materialsReady.earliest, '2026-12-04');
  assert.equal(p.materialsReady.latest, '2026-12-04');
  assert.deepEqual(p.drivers[0], { kind: 'component', id: 'top-white', label: 'White top', days: 3 });
});

test('inputs it cannot answer are refused, naming the field', () => {
  const fails = (field: string, run: () => unknown): void => {
    assert.throws(run, (e: unknown) => e instanceof PromiseError && e.field === field);
  };
  fails('orderTime', () => promise({ orderTime: '2026-12-01T10:00:00' }));
  fails('quantity', () => promise({ orderTime: TUESDAY, quantity: 0 }));
  fails('quantity', () => promise({ orderTime: TUESDAY, quantity: 1.5 }));
  fails('configuration', () => promise({ orderTime: TUESDAY, configuration: { frame: 'basic' } }));
  fails('configuration', () => promise({ orderTime: TUESDAY, configuration: { frame: 'basic', top: 'glass' } }));
  const noFallback = opsWith((o) => {
    delete o.shipping['*'];
  });
  fails('destination', () => promise({ orderTime: TUESDAY, ops: noFallback, destination: { country: 'US' } }));
});

test('the sentence a shopper reads', () => {
  // Fri 4 Dec 10:48: 3 h 12 min to the 14:00 cut-off; in stock, ship Mon 7, DE Tue 8 - Wed 9.
  const inStock = promise({ orderTime: '2026-12-04T10:48:00+01:00' });
  assert.equal(promiseSentence(inStock, new Date('2026-12-04T10:48:00+01:00')), 'Arrives Tue 8 Dec – Wed 9 Dec; order within 3 h 12 min to ship Monday');
  // Walnut from Fri 4: arrives Mon 14 (7, 8, 9, 10, 11, 14), latest Wed 16; ship Tue 15 .. Thu 17;
  // DE Wed 16 .. Mon 21. Ship is 11 days away: the date, not the weekday.
  const walnut = promise({ orderTime: '2026-12-04T10:48:00+01:00', configuration: WALNUT });
  assert.equal(
    promiseSentence(walnut, new Date('2026-12-04T10:48:00+01:00')),
    'Arrives Wed 16 Dec – Mon 21 Dec; order within 3 h 12 min to ship Tue 15 Dec; Walnut top adds 6 days',
  );
  // Saturday: the deadline is Monday's cut-off, more than a day away.
  const weekend = promise({ orderTime: '2026-12-05T09:00:00+01:00' });
  assert.equal(promiseSentence(weekend, new Date('2026-12-05T09:00:00+01:00')), 'Arrives Wed 9 Dec – Thu 10 Dec; order by Mon 7 Dec 14:00 CET to ship Tuesday');
});

test('the static estimate uses only the rules file and says so', () => {
  // Basic frame (5 days) and white top (3): materials Tue 1 + 5 workdays = Tue 8 Dec;
  // 90 work minutes = 1 day + 1 day of checks: ship Thu 10; transit 2-5: Mon 14 .. Thu 17.
  const e = estimateDelivery({ model: fixture.model, configuration: { frame: 'basic', top: 'white' }, orderTime: TUESDAY, timeZone: 'Europe/Berlin' });
  assert.equal(e.kind, 'estimate');
  assert.equal(e.label, 'Estimate from standard lead times');
  assert.deepEqual(
    [e.orderDay, e.materialsReady.earliest, e.shipDate.earliest, e.delivery.earliest, e.delivery.latest],
    ['2026-12-01', '2026-12-08', '2026-12-10', '2026-12-14', '2026-12-17'],
  );
  assert.deepEqual(e.drivers, [{ kind: 'component', id: 'frame-basic', label: 'Basic frame', days: 5 }]);
  // Walnut (35 days) dominates: the sentence says it is an estimate.
  const walnut = estimateDelivery({ model: fixture.model, configuration: WALNUT, orderTime: TUESDAY });
  assert.match(promiseSentence(walnut, new Date(TUESDAY)), /^Estimated arrival .* \(estimate from standard lead times\); Walnut top takes about 35 days$/);
});
