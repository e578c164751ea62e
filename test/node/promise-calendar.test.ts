/**
 * The calendar edges of the delivery promise: cut-off to the second, weekends,
 * holidays, DST changes in the plant's zone, orders stamped in other zones,
 * the year end. Every expected date is worked out by hand in the comments
 * (see promise-fixture.ts for the plant and the December 2026 calendar).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkCalendar } from '../../src/promise/calendar.js';
import { orderDayOf, parseInstant, plantDateOf, plantInstant } from '../../src/promise/plant-time.js';
import { dates, opsWith, promise } from './promise-fixture.js';

const berlin = new WorkCalendar('Europe/Berlin', ['mon', 'tue', 'wed', 'thu', 'fri'], ['2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01']);

test('an order at 13:59:59 on a workday counts from that day; the deadline is 14:00 that day', () => {
  // Tue 1 Dec 13:59:59 CET. Basic frame and white top in stock: finishing 30 min and
  // assembly 60 min on Tue 1, ship = +1 workday = Wed 2, DE transit 1-2 days: Thu 3 - Fri 4.
  const p = promise({ orderTime: '2026-12-01T13:59:59+01:00' });
  assert.deepEqual(dates(p), { orderDay: '2026-12-01', materials: '2026-12-01..2026-12-01', ship: '2026-12-02..2026-12-02', delivery: '2026-12-03..2026-12-04' });
  assert.equal(p.cutoffDeadline, '2026-12-01T13:00:00.000Z'); // 14:00 CET
  assert.equal(p.productionStart, '2026-12-01');
});

test('an order at 14:00:00 sharp counts from the next workday', () => {
  // Tue 1 Dec 14:00:00 is not before the cut-off: order day Wed 2, ship Thu 3, delivery Fri 4 - Mon 7.
  const p = promise({ orderTime: '2026-12-01T14:00:00+01:00' });
  assert.deepEqual(dates(p), { orderDay: '2026-12-02', materials: '2026-12-02..2026-12-02', ship: '2026-12-03..2026-12-03', delivery: '2026-12-04..2026-12-07' });
  assert.equal(p.cutoffDeadline, '2026-12-02T13:00:00.000Z');
  // One millisecond earlier still makes Tuesday.
  assert.equal(promise({ orderTime: '2026-12-01T13:59:59.999+01:00' }).orderDay, '2026-12-01');
});

test('Friday after the cut-off and the weekend count from Monday', () => {
  // Fri 4 Dec 15:00: order day Mon 7, ship Tue 8, delivery Wed 9 - Thu 10; deadline Mon 7 14:00 CET.
  const friday = promise({ orderTime: '2026-12-04T15:00:00+01:00' });
  assert.deepEqual(dates(friday), { orderDay: '2026-12-07', materials: '2026-12-07..2026-12-07', ship: '2026-12-08..2026-12-08', delivery: '2026-12-09..2026-12-10' });
  assert.equal(friday.cutoffDeadline, '2026-12-07T13:00:00.000Z');
  // Sat 5 Dec 09:00 (before 14:00, but not a workday): Monday too.
  assert.equal(promise({ orderTime: '2026-12-05T09:00:00+01:00' }).orderDay, '2026-12-07');
  // Shipping Friday: Thu 3 Dec 10:00, ship Fri 4, carrier days Mon 7 and Tue 8.
  assert.deepEqual(dates(promise({ orderTime: '2026-12-03T10:00:00+01:00' })).delivery, '2026-12-07..2026-12-08');
});

test('a holiday is no order day and no production day', () => {
  // Thu 24 Dec 09:00 is a plant holiday; Fri 25 too; the weekend; order day Mon 28 Dec.
  // Ship Tue 29, delivery Wed 30 - Thu 31 (the carrier's default calendar has no holidays).
  const onHoliday = promise({ orderTime: '2026-12-24T09:00:00+01:00' });
  assert.deepEqual(dates(onHoliday), { orderDay: '2026-12-28', materials: '2026-12-28..2026-12-28', ship: '2026-12-29..2026-12-29', delivery: '2026-12-30..2026-12-31' });
  assert.equal(onHoliday.cutoffDeadline, '2026-12-28T13:00:00.000Z');
  // Wed 23 Dec 10:00: made on Wed 23; qc takes the next workday, which is Mon 28 (24, 25 holidays, weekend).
  const before = promise({ orderTime: '2026-12-23T10:00:00+01:00' });
  assert.deepEqual(dates(before), { orderDay: '2026-12-23', materials: '2026-12-23..2026-12-23', ship: '2026-12-28..2026-12-28', delivery: '2026-12-29..2026-12-30' });
});

test('DST starts in Berlin (Sun 29 Mar 2026): the cut-off moves from 13:00Z to 12:00Z', () => {
  // Fri 27 Mar 14:30 CET (13:30Z) is after the cut-off: order day Mon 30 Mar, whose 14:00 is CEST = 12:00Z.
  const p = promise({ orderTime: '2026-03-27T13:30:00Z' });
  assert.equal(p.orderDay, '2026-03-30');
  assert.equal(p.cutoffDeadline, '2026-03-30T12:00:00.000Z');
  // Mon 30 Mar 11:59:59Z is 13:59:59 CEST: in time. 12:00:00Z is 14:00 CEST: next day (Tue 31).
  assert.equal(promise({ orderTime: '2026-03-30T11:59:59Z' }).orderDay, '2026-03-30');
  assert.equal(promise({ orderTime: '2026-03-30T12:00:00Z' }).orderDay, '2026-03-31');
  // A fixed +01:00 would have called 12:30Z (14:30 CEST) "13:30, in time": it is not.
  assert.equal(promise({ orderTime: '2026-03-30T12:30:00Z' }).orderDay, '2026-03-31');
  // Days step over the 23-hour Sunday without losing or repeating a date.
  assert.equal(berlin.nextDay('2026-03-28'), '2026-03-29');
  assert.equal(berlin.nextDay('2026-03-29'), '2026-03-30');
  assert.equal(berlin.nextWorkday('2026-03-27'), '2026-03-30');
});

test('DST ends in Berlin (Sun 25 Oct 2026): deadlines and supplier days across the 25-hour Sunday', () => {
  // Fri 23 Oct 14:30 CEST (12:30Z): order day Mon 26 Oct, 14:00 CET = 13:00Z.
  const p = promise({ orderTime: '2026-10-23T12:30:00Z' });
  assert.equal(p.orderDay, '2026-10-26');
  assert.equal(p.cutoffDeadline, '2026-10-26T13:00:00.000Z');
  // Mon 26 Oct 12:59:59Z is 13:59:59 CET: in time.
  assert.equal(promise({ orderTime: '2026-10-26T12:59:59Z' }).orderDay, '2026-10-26');
  // Walnut ordered Thu 22 Oct 10:00 CEST: +6 workdays = Fri 23, Mon 26, Tue 27, Wed 28, Thu 29, Fri 30;
  // latest +8 = Mon 2 Nov, Tue 3 Nov. Made on the arrival day, ship +1: Mon 2 Nov .. Wed 4 Nov;
  // DE: Tue 3 Nov .. Fri 6 Nov.
  const walnut = promise({ orderTime: '2026-10-22T10:00:00+02:00', configuration: { frame: 'basic', top: 'walnut' } });
  assert.deepEqual(dates(walnut), { orderDay: '2026-10-22', materials: '2026-10-30..2026-11-03', ship: '2026-11-02..2026-11-04', delivery: '2026-11-03..2026-11-06' });
  assert.equal(berlin.nextDay('2026-10-25'), '2026-10-26');
});

test('a customer in another zone: the order counts on the plant clock', () => {
  // New York 07:59:59 EST = 12:59:59Z = 13:59:59 in Berlin: Tue 1 Dec. 08:00 EST = 14:00 Berlin: Wed 2.
  assert.equal(promise({ orderTime: '2026-12-01T07:59:59-05:00' }).orderDay, '2026-12-01');
  assert.equal(promise({ orderTime: '2026-12-01T08:00:00-05:00' }).orderDay, '2026-12-02');
  // Tokyo, Wed 2 Dec 05:00 JST = Tue 1 Dec 21:00 in Berlin, after the cut-off: Wed 2 Dec.
  assert.equal(promise({ orderTime: '2026-12-02T05:00:00+09:00' }).orderDay, '2026-12-02');
  // Tokyo, Tue 1 Dec 21:30 JST = 13:30 in Berlin: Tue 1 Dec, although it is evening for the shopper.
  const tokyo = promise({ orderTime: '2026-12-01T21:30:00+09:00' });
  assert.equal(tokyo.orderDay, '2026-12-01');
  assert.equal(tokyo.cutoffDeadline, '2026-12-01T13:00:00.000Z');
  // A Date works as well as a string.
  assert.equal(promise({ orderTime: new Date('2026-12-01T12:59:59Z') }).orderDay, '2026-12-01');
});

test('year end: supplier days skip 31 Dec and 1 Jan; the carrier keeps its own holidays', () => {
  // Tue 22 Dec 15:00: after the cut-off, order day Wed 23 Dec. Walnut +6 workdays: Mon 28 (1),
  // Tue 29 (2), Wed 30 (3), [Thu 31, Fri 1 Jan holidays], Mon 4 Jan (4), Tue 5 (5), Wed 6 (6);
  // latest +8: Thu 7 (7), Fri 8 (8). Ship Thu 7 Jan .. Mon 11 Jan; DE Fri 8 Jan .. Wed 13 Jan.
  const p = promise({ orderTime: '2026-12-22T15:00:00+01:00', configuration: { frame: 'basic', top: 'walnut' } });
  assert.deepEqual(dates(p), { orderDay: '2026-12-23', materials: '2027-01-06..2027-01-08', ship: '2027-01-07..2027-01-11', delivery: '2027-01-08..2027-01-13' });
  // Tue 29 Dec 10:00, in stock: made Tue 29, ship Wed 30. Carrier closed 1 Jan:
  // earliest Thu 31 Dec, latest Thu 31 Dec (1) then Mon 4 Jan (2).
  const carrierClosed = opsWith((ops) => {
    ops.carrier = { holidays: ['2027-01-01'] };
  });
  const late = promise({ orderTime: '2026-12-29T10:00:00+01:00', ops: carrierClosed });
  assert.deepEqual(dates(late), { orderDay: '2026-12-29', materials: '2026-12-29..2026-12-29', ship: '2026-12-30..2026-12-30', delivery: '2026-12-31..2027-01-04' });
});

test('plant time helpers: instants, plant dates, cut-off instants, strict ISO input', () => {
  assert.equal(plantDateOf(new Date('2026-12-01T23:30:00Z'), 'Europe/Berlin'), '2026-12-02'); // 00:30 CET
  assert.equal(plantInstant('2026-07-01', '14:00', 'Europe/Berlin').toISOString(), '2026-07-01T12:00:00.000Z');
  assert.equal(plantInstant('2026-12-01', '14:00', 'America/New_York').toISOString(), '2026-12-01T19:00:00.000Z');
  // No offset: refused rather than read in the server's zone.
  assert.equal(parseInstant('2026-12-01T10:00:00'), undefined);
  assert.equal(parseInstant('2026-12-01'), undefined);
  assert.equal(parseInstant('yesterday'), undefined);
  assert.equal(parseInstant('2026-12-01T10:00:00+0100')?.toISOString(), '2026-12-01T09:00:00.000Z');
  // Saturday 5 Dec before the cut-off: Monday's deadline.
  const { orderDay, cutoffDeadline } = orderDayOf(new Date('2026-12-05T08:00:00Z'), berlin, '14:00');
  assert.equal(orderDay, '2026-12-07');
  assert.equal(cutoffDeadline.toISOString(), '2026-12-07T13:00:00.000Z');
});

test('workday arithmetic', () => {
  assert.equal(berlin.addWorkdays('2026-12-23', 0), '2026-12-23');
  assert.equal(berlin.addWorkdays('2026-12-23', 1), '2026-12-28');
  assert.equal(berlin.addWorkdays('2026-12-30', 1), '2027-01-04');
  assert.equal(berlin.workdaysBetween('2026-12-23', '2027-01-04'), 4); // 28, 29, 30, 4
  assert.equal(berlin.workdaysBetween('2027-01-04', '2026-12-23'), -4);
  assert.equal(berlin.workdayFrom('2026-12-26'), '2026-12-28');
  assert.equal(berlin.isWorkday('2026-12-31'), false);
  // Leap day.
  assert.equal(berlin.nextDay('2028-02-28'), '2028-02-29');
  assert.equal(berlin.nextDay('2028-02-29'), '2028-03-01');
});
