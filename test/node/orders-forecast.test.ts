/**
 * Re-forecast and escalation, pure: the fixture desk (walnut top: 6 + 2
 * workdays from the supplier), ordered Tue 1 Dec 2026 09:00 Berlin.
 * Promise: materials 9..11 Dec, ship 10..14 Dec, delivery 11..16 Dec.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escalations, type OrderPlan, reforecast } from '../../src/orders/reforecast.js';
import type { MilestoneEvent } from '../../src/orders/timeline.js';
import { dates, fixture, opsWith, promise } from './promise-fixture.js';

const configuration = { frame: 'basic', top: 'walnut' };
const promised = promise({ configuration, orderTime: '2026-12-01T09:00:00+01:00' });
const plan = (ops = fixture.ops): OrderPlan => ({
  model: fixture.model,
  ops,
  configuration,
  quantity: 1,
  destination: { country: 'DE' },
  promise: promised,
  stockParts: promised.bookings.stock.map((s) => s.component),
});
const at = (iso: string) => new Date(iso);
const ev = (eventId: string, type: string, occurredAt: string, extra: Record<string, string> = {}) =>
  ({ eventId, type, occurredAt, ...extra }) as MilestoneEvent;
const range = (r: { earliest: string; latest: string }) => `${r.earliest}..${r.latest}`;

describe('reforecast', () => {
  test('the fixture promise is what the header says', () => {
    assert.deepEqual(dates(promised), { orderDay: '2026-12-01', materials: '2026-12-09..2026-12-11', ship: '2026-12-10..2026-12-14', delivery: '2026-12-11..2026-12-16' });
  });

  test('no news on the order day: the forecast is the promise', () => {
    const f = reforecast(plan(), [], at('2026-12-01T10:00:00+01:00'));
    assert.equal(f.stage, 'booked');
    assert.equal(range(f.delivery), range(promised.delivery));
    assert.equal(range(f.shipDate), range(promised.shipDate));
    assert.equal(f.slipDays, 0);
    assert.deepEqual(escalations(plan(), f), []);
  });

  test('a late part arrives no earlier than today and moves everything after it', () => {
    const f = reforecast(plan(), [], at('2026-12-15T10:00:00+01:00'));
    assert.equal(range(f.materialsReady), '2026-12-15..2026-12-17');
    assert.equal(range(f.shipDate), '2026-12-16..2026-12-18');
    assert.equal(range(f.delivery), '2026-12-17..2026-12-22');
    assert.equal(f.slipDays, 4);
    assert.deepEqual(f.lateParts.map((p) => [p.component, p.daysLate, p.arrived]), [['top-walnut', 2, false]]);
    const alerts = escalations(plan(), f);
    assert.deepEqual(alerts.map((a) => a.key), ['forecast_past_promise', 'supplier_late:top-walnut']);
  });

  test('a part that arrived early is in from that day: the earliest plan moves up', () => {
    const f = reforecast(plan(), [ev('m1', 'materials_ready', '2026-12-07T08:00:00+01:00', { component: 'top-walnut' })], at('2026-12-07T09:00:00+01:00'));
    assert.equal(range(f.materialsReady), '2026-12-07..2026-12-07');
    assert.equal(range(f.shipDate), '2026-12-08..2026-12-08');
    assert.equal(range(f.delivery), '2026-12-09..2026-12-10');
  });

  test('events in any order and duplicated give the same forecast', () => {
    const events = [
      ev('m1', 'materials_ready', '2026-12-10T08:00:00+01:00', { component: 'top-walnut' }),
      ev('p1', 'production_started', '2026-12-10T09:00:00+01:00', { workCentre: 'finishing' }),
      ev('p2', 'production_done', '2026-12-10T15:00:00+01:00', { workCentre: 'finishing' }),
      ev('p3', 'production_done', '2026-12-11T15:00:00+01:00', { workCentre: 'assembly' }),
    ];
    const now = at('2026-12-11T16:00:00+01:00');
    const inOrder = reforecast(plan(), events, now);
    const shuffled = reforecast(plan(), [events[3], events[0], events[3], events[2], events[1], events[0]], now);
    assert.deepEqual(shuffled, inOrder);
    assert.equal(inOrder.stage, 'production_done');
    assert.equal(range(inOrder.shipDate), '2026-12-14..2026-12-14');
    assert.equal(range(inOrder.delivery), '2026-12-15..2026-12-16');
  });

  test('shipped: only transit is left; delivered: the date is known', () => {
    const shipped = [ev('s', 'shipped', '2026-12-14T11:00:00+01:00', { carrier: 'DHL', tracking: 'JJD1' })];
    const f = reforecast(plan(), shipped, at('2026-12-14T12:00:00+01:00'));
    assert.equal(range(f.delivery), '2026-12-15..2026-12-16');
    const d = reforecast(plan(), [...shipped, ev('d', 'delivered', '2026-12-17T11:00:00+01:00')], at('2026-12-17T12:00:00+01:00'));
    assert.equal(range(d.delivery), '2026-12-17..2026-12-17');
    assert.equal(d.stage, 'delivered');
    assert.deepEqual(escalations(plan(), d).map((a) => a.rule), ['forecast_past_promise']);
  });

  test('escalation rules come from the ops file: thresholds and silence', () => {
    const lenient = opsWith((o) => (o.escalation = { forecastPastPromise: false, supplierLateDays: 3, silentDays: 5 }));
    const f = reforecast(plan(lenient), [], at('2026-12-15T10:00:00+01:00'));
    assert.deepEqual(escalations(plan(lenient), f).map((a) => a.key), ['silent:2026-12-01']);
  });
});
