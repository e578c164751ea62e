/**
 * The operations file (`rules/<product>.ops.yaml`), declared once: what the
 * plant knows that the rules file does not (calendar, stock, suppliers,
 * booked capacity, carriers). The TypeScript types come from this schema and
 * `opsJsonSchema()` generates the JSON Schema that editors and the docs use.
 *
 * The rules file says what a configuration needs (parts, minutes per work
 * centre); this file says when the plant can have it. Planners edit this one
 * daily, product managers the other one rarely, hence two files.
 *
 * zod/mini keeps the validator small enough for the browser (msw handlers,
 * the widget's offline checks).
 */
import { z } from 'zod/mini';
import { idPattern } from '../rules/schema.js';
// Declared in calendar.ts, which the widget loads without zod (this file's schemas stay out of its bundle).
import { isoDatePattern } from './calendar.js';

export { isoDatePattern };

/** Weekday keys, Monday first (ISO 8601 numbering minus one). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** True for a real calendar date in `YYYY-MM-DD` form (no 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = isoDatePattern.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Days in the month, from the proleptic Gregorian rule (no Date object needed).
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= length;
}

/** True when the runtime knows the IANA time zone (Intl is plain ECMAScript, available in browsers and Node). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const DATE_FORM = 'a date is written YYYY-MM-DD, e.g. 2026-12-24';
const isoDate = z.string().check(
  // The pattern reaches the JSON Schema (editors); the refinement also refuses 2026-02-30.
  z.regex(isoDatePattern, DATE_FORM),
  z.refine((text) => !isoDatePattern.test(text) || isIsoDate(text), 'there is no such day in the calendar'),
  z.describe('A calendar date, YYYY-MM-DD (quotes optional in YAML).'),
);

const id = z.string().check(
  z.regex(idPattern, 'an id uses letters, digits, "_", "-" and ".", starting with a letter or digit'),
  z.describe('An identifier as used in the rules file.'),
);

const wholeFromZero = z.int().check(z.minimum(0, 'must be 0 or more'));

const weekdays = z.array(z.enum(WEEKDAYS)).check(z.minLength(1, 'list at least one weekday'));

const plantSchema = z.strictObject({
  name: z.optional(z.string().check(z.describe('The plant\'s name, for planners reading several files.'))),
  timeZone: z.string().check(
    z.refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
    z.describe('IANA time zone of the plant, e.g. Europe/Berlin. Every date and the cut-off are in this zone.'),
  ),
  workdays: weekdays.check(z.describe('Days the plant works, e.g. [mon, tue, wed, thu, fri].')),
  holidays: z.optional(
    z.array(isoDate).check(z.describe('Dates the plant is closed although they fall on a workday (public holidays, shutdowns).')),
  ),
  cutoff: z.string().check(
    z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'the cut-off is a time HH:MM, e.g. "14:00"'),
    z.describe('Local time (HH:MM, plant zone). An order on a workday strictly before it counts from that day, later ones from the next workday.'),
  ),
  qcDays: wholeFromZero.check(z.describe('Workdays for the final quality check and packing, after the last work centre.')),
}).check(z.describe('The plant: its time zone, working calendar, cut-off and final check.'));

const componentSchema = z.strictObject({
  label: z.optional(z.string().check(z.describe('A readable name; the rules file\'s label wins when both exist.'))),
  stock: z.optional(wholeFromZero.check(z.describe('Units on hand and not yet promised. Default 0.'))),
  supplierDays: z.optional(
    wholeFromZero.check(z.describe('Workdays from ordering to arrival when stock does not cover an order. Default: the rules file\'s leadTimeDays, else 0.')),
  ),
  spreadDays: z.optional(
    wholeFromZero.check(z.describe('Extra workdays a late delivery may take; the latest promise adds them. Default 0.')),
  ),
}).check(z.describe('Availability of a part.'));

const workCentreSchema = z.strictObject({
  label: z.optional(z.string().check(z.describe('A readable name, e.g. "Finishing".'))),
  minutesPerDay: z.int().check(z.minimum(1, 'must be at least 1'), z.describe('Capacity of a workday, in minutes.')),
  booked: z.optional(
    // Not only whole minutes: the rules file's minutes may be fractional and bookings add them up.
    z.record(isoDate, z.number().check(z.minimum(0, 'must be 0 or more'))).check(
      z.describe('Minutes already promised, by date. Free minutes = minutesPerDay - booked.'),
    ),
  ),
  closed: z.optional(
    z.array(isoDate).check(z.describe('Extra dates this work centre does not work (maintenance), on top of the plant holidays.')),
  ),
}).check(z.describe('A work centre. Work centres run in the order listed here.'));

const zoneKey = z.string().check(
  z.regex(/^([A-Z]{2}|\*)$/, 'a shipping zone is an ISO 3166 country code in capitals (DE, FR) or "*" for every other country'),
  z.describe('ISO 3166-1 alpha-2 country code, or "*" for every other country.'),
);

const shippingSchema = z.strictObject({
  label: z.optional(z.string().check(z.describe('How the zone is named in the promise, e.g. "Germany".'))),
  transitDays: z.tuple([wholeFromZero, wholeFromZero]).check(
    z.refine((range) => range[0] <= range[1], 'transitDays is [min, max] with min <= max'),
    z.describe('Carrier workdays from shipping to delivery: [min, max].'),
  ),
}).check(z.describe('Transit to a shipping zone.'));

const carrierSchema = z.strictObject({
  workdays: z.optional(weekdays.check(z.describe('Days the carrier delivers. Default [mon, tue, wed, thu, fri].'))),
  holidays: z.optional(z.array(isoDate).check(z.describe('Dates the carrier does not deliver (plant zone).'))),
}).check(z.describe('The carrier\'s calendar, for transit days.'));

const escalationSchema = z.strictObject({
  forecastPastPromise: z.optional(
    z.boolean().check(z.describe('Alert when the current forecast of the latest delivery date is past the promised latest date. Default true.')),
  ),
  supplierLateDays: z.optional(
    wholeFromZero.check(z.describe('Alert when a bought part has not arrived this many workdays after its latest expected arrival (supplierDays + spreadDays). Default 1; 0 turns the rule off.')),
  ),
  silentDays: z.optional(
    wholeFromZero.check(z.describe('Alert when an order not yet delivered has had no milestone event for this many workdays (counted from the order day). Default 0 (off).')),
  ),
}).check(z.describe('When an order counts as at risk after checkout: each rule that fires calls the merchant\'s webhook once per order and marks the order at risk.'));

export const opsFileSchema = z.strictObject({
  $schema: z.optional(z.string().check(z.describe('URL or path of the JSON Schema, for editor autocomplete.'))),
  product: z.optional(id.check(z.describe('Id of the product this file belongs to (checked against the rules file).'))),
  plant: plantSchema,
  components: z.record(id, componentSchema).check(
    z.describe('Parts by the ids the rules file uses. A part not listed here is bought to order with the rules file\'s leadTimeDays.'),
  ),
  workCentres: z.record(id, workCentreSchema).check(
    z.describe('Work centres in the order a job runs through them; every work centre named in the rules file\'s minutes must be here.'),
  ),
  shipping: z.record(zoneKey, shippingSchema).check(z.describe('Transit by destination country; "*" covers the rest.')),
  carrier: z.optional(carrierSchema),
  escalation: z.optional(escalationSchema),
}).check(z.describe('Operations data of a plant for one product: calendar, stock, suppliers, capacity, shipping.'));

export type OpsFile = z.infer<typeof opsFileSchema>;
export type PlantSpec = z.infer<typeof plantSchema>;
export type ComponentOps = z.infer<typeof componentSchema>;
export type WorkCentreOps = z.infer<typeof workCentreSchema>;
export type ShippingZone = z.infer<typeof shippingSchema>;
export type EscalationRules = z.infer<typeof escalationSchema>;

/** The JSON Schema of the operations file (what `bto schema --ops` prints and rules/ops.schema.json holds). */
export function opsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(opsFileSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
  schema.title = 'bto-configurator operations file';
  return schema;
}
