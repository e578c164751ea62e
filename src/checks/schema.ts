/**
 * The "try it" checks file (`rules/<product>.checks.yaml`), declared once:
 * partial selections a product manager promised to sales, with what the
 * engine must answer. The type is derived from the schema, like the rules file.
 */
import { z } from 'zod/mini';

const value = z.union([z.string(), z.number(), z.null()]).check(
  z.describe('An option id, a number (numeric modules) or null (an optional module left empty).'),
);
const values = z.union([value, z.array(value)]).check(z.describe('A value or a list of values.'));
const byModule = z.record(z.string(), values);

export const checkSchema = z.strictObject({
  name: z.string().check(z.minLength(1), z.describe('What the check promises, in a sentence.')),
  selection: z.optional(
    z.record(z.string(), value).check(
      z.describe('The shopper\'s choices, module id -> value, in the order they were made. Omitted: nothing chosen.'),
    ),
  ),
  available: z.optional(byModule.check(z.describe('Values that must still be choosable, by module.'))),
  unavailable: z.optional(byModule.check(z.describe('Values that must be unavailable, by module.'))),
  forced: z.optional(
    z.record(z.string(), value).check(z.describe('Modules whose value is forced (the only one left), module id -> value.')),
  ),
  price: z.optional(z.number().check(z.describe('Total price of the completed configuration, in major units (e.g. 579.00).'))),
  valid: z.optional(z.boolean().check(z.describe('Whether the selection can be completed into a valid product.'))),
  complete: z.optional(z.boolean().check(z.describe('Whether every module that needs a value has one.'))),
});

export const checksFileSchema = z.strictObject({
  $schema: z.optional(z.string()),
  rules: z.optional(z.string().check(z.describe('The rules file these checks are for, relative to this file.'))),
  checks: z.array(checkSchema).check(z.describe('The checks, run in order.')),
});

export type Check = z.infer<typeof checkSchema>;
export type ChecksFile = z.infer<typeof checksFileSchema>;
export type CheckValue = z.infer<typeof value>;
