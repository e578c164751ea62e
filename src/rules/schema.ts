/**
 * The rules file, declared once. The TypeScript types are derived from these
 * schemas and `bto schema` prints the JSON Schema generated from them, so the
 * editor's autocomplete, the loader and the docs can never disagree.
 *
 * zod/mini (functional API) keeps the validator inside the widget's size budget.
 */
import { z } from 'zod/mini';

/** What an id may look like; exported so that the loader can explain a rejected id in words. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const id = z.string().check(
  z.regex(idPattern),
  z.describe('An identifier: letters, digits, "_", "-" and "." (not starting with a symbol).'),
);

/** Money as written by a product manager: a decimal amount in the product's currency (e.g. 399.00). */
const money = z.number().check(z.describe('An amount in the product currency, e.g. 180 or 49.90. Stored as integer minor units.'));

const optionSchema = z.strictObject({
  label: z.string().check(z.minLength(1), z.describe('What the shopper reads, e.g. "Dual motor".')),
  description: z.optional(z.string().check(z.describe('A longer sentence shown under the label.'))),
  price: z.optional(money.check(z.describe('Price added when this option is chosen (may be negative). Default 0.'))),
  components: z.optional(
    z.array(id).check(z.describe('Ids of components (parts) this option consumes; see the top-level `components`.')),
  ),
  default: z.optional(z.boolean().check(z.describe('Marks the module\'s default option (at most one per module).'))),
  swatch: z.optional(z.string().check(z.describe('A CSS colour shown as a swatch, e.g. "#6b4f3a".'))),
  image: z.optional(z.string().check(z.describe('URL of a thumbnail, relative to the rules file.'))),
});

const moduleCommon = {
  label: z.string().check(z.minLength(1), z.describe('The module\'s name as the shopper reads it, e.g. "Frame".')),
  description: z.optional(z.string().check(z.describe('Help text shown with the module.'))),
  optional: z.optional(z.boolean().check(z.describe('When true the module may stay empty (no value). Default false.'))),
};

const choiceModuleSchema = z.strictObject({
  ...moduleCommon,
  type: z.optional(z.literal('choice').check(z.describe('A module choosing one of `options` (the default type).'))),
  options: z.record(id, optionSchema).check(z.describe('The options, by id, in display order.')),
  default: z.optional(id.check(z.describe('Id of the default option (alternative to `default: true` on the option).'))),
  display: z.optional(
    z.enum(['auto', 'cards', 'swatches', 'select']).check(
      z.describe('How the widget shows the options: cards, colour swatches, a select, or auto (by count). Default auto.'),
    ),
  ),
});

const numberModuleSchema = z.strictObject({
  ...moduleCommon,
  type: z.literal('number').check(z.describe('A numeric module: a value from min to max in steps.')),
  min: z.number().check(z.describe('Smallest allowed value.')),
  max: z.number().check(z.describe('Largest allowed value.')),
  step: z.optional(z.number().check(z.describe('Distance between allowed values. Default 1.'))),
  unit: z.optional(z.string().check(z.describe('Unit shown after the value, e.g. "cm".'))),
  default: z.optional(z.number().check(z.describe('Default value. Default: min.'))),
  pricePerStep: z.optional(money.check(z.describe('Price added per step above `priceFrom`. Default 0.'))),
  priceFrom: z.optional(
    z.number().check(z.describe('Value from which `pricePerStep` starts counting. Default: min.')),
  ),
});

export const moduleSchema = z.union([numberModuleSchema, choiceModuleSchema]);

/** A value in a condition: an option id, a number, null (no value: an optional module left empty), a list of those, or a numeric range. */
const scalar = z.union([z.string(), z.number(), z.null()]).check(
  z.describe('An option id, a number (numeric modules) or null (an optional module left empty).'),
);
const range = z.strictObject({
  min: z.optional(z.number().check(z.describe('Inclusive lower bound.'))),
  max: z.optional(z.number().check(z.describe('Inclusive upper bound.'))),
}).check(z.describe('A range of values of a numeric module; either bound may be left out.'));
export const conditionValueSchema = z.union([scalar, z.array(scalar), range]);
const condition = z.record(id, conditionValueSchema).check(
  z.describe('Module id -> allowed value(s): an option id, a number, null for "empty", a list, or {min,max}.'),
);

const ruleCommon = {
  id: z.optional(id.check(z.describe('A unique rule id, named in explanations and errors.'))),
  message: z.optional(
    z.string().check(z.describe('The sentence a shopper sees when this rule makes an option unavailable.')),
  ),
};

const implicationRuleSchema = z.strictObject({
  ...ruleCommon,
  when: z.optional(condition.check(z.describe('The rule applies when every listed module has one of the listed values. Omitted: always.'))),
  require: z.optional(condition.check(z.describe('Each listed module must then take one of the listed values.'))),
  exclude: z.optional(condition.check(z.describe('Each listed module must then avoid the listed values.'))),
});

const cell = z.union([z.string(), z.number(), z.null(), z.array(z.union([z.string(), z.number(), z.null()]))]).check(
  z.describe('A value, a list of values, null (empty) or "*" (any value).'),
);
const tableRuleSchema = z.strictObject({
  ...ruleCommon,
  table: z.strictObject({
    modules: z.array(id).check(z.minLength(1), z.describe('The modules the columns stand for, in order.')),
    allow: z.optional(
      z.array(z.array(cell)).check(
        z.describe('Exactly these tuples are allowed. A cell is a value, a list of values, null (empty) or "*" (any).'),
      ),
    ),
    forbid: z.optional(z.array(z.array(cell)).check(z.describe('These tuples are forbidden; all others are allowed.'))),
  }).check(z.describe('A compatibility table over a few modules: give either `allow` or `forbid`, one row per combination.')),
});

export const ruleSchema = z.union([tableRuleSchema, implicationRuleSchema]);

const componentSchema = z.strictObject({
  label: z.optional(z.string().check(z.describe('A readable name for the part, e.g. "Walnut top".'))),
  minutes: z.optional(
    z.record(id, z.number().check(z.minimum(0))).check(z.describe('Work minutes per work centre, e.g. { assembly: 25 }.')),
  ),
  leadTimeDays: z.optional(
    z.number().check(z.minimum(0), z.describe('Static lead time in workdays, used for the offline delivery estimate.')),
  ),
});

const surchargeSchema = z.strictObject({
  id: z.optional(id.check(z.describe('A unique id for this surcharge.'))),
  label: z.string().check(z.describe('The price line the shopper sees, e.g. "Walnut on a wide top".')),
  when: condition.check(z.describe('Applies when every listed module has one of the listed values.')),
  price: money.check(z.describe('Amount added (or, negative, discounted) when `when` holds.')),
});

/** A piecewise-linear map from a module's value to a number: [[value, result], ...], clamped at both ends. */
const valueMap = z.array(z.tuple([z.number(), z.number()])).check(
  z.minLength(1),
  z.describe('Pairs [module value, result], e.g. [[100, 0.71], [200, 1.43]]; values between are interpolated, outside clamped.'),
);
const nodeNames = z.array(z.string().check(z.minLength(1))).check(
  z.describe('Names of nodes in the model (a group stands for every mesh beneath it).'),
);

const materialEffectSchema = z.strictObject({
  nodes: z.optional(nodeNames.check(z.describe('The meshes to change (a group: every mesh beneath it).'))),
  material: z.optional(
    z.string().check(z.describe('Change every mesh (within `nodes`, if given) whose model material has this name, e.g. "frame-paint".')),
  ),
  use: z.optional(z.string().check(z.describe('Put this material of the model (by name) on those meshes.'))),
  color: z.optional(z.string().check(z.describe('A CSS hex colour to paint them, e.g. "#1d1d1f".'))),
  roughness: z.optional(z.number().check(z.minimum(0), z.maximum(1), z.describe('Surface roughness, 0 (mirror) to 1 (matte).'))),
  metalness: z.optional(z.number().check(z.minimum(0), z.maximum(1), z.describe('0 for paint, wood and plastic, 1 for bare metal.'))),
}).check(z.describe('A material change: which meshes (`nodes` and/or `material`), and what they get (`use`, or `color`/`roughness`/`metalness`).'));

const optionViewSchema = z.strictObject({
  show: z.optional(
    nodeNames.check(z.describe("Nodes shown while this option is chosen; a node listed under any of the module's options is hidden otherwise.")),
  ),
  hide: z.optional(nodeNames.check(z.describe('Nodes hidden while this option is chosen.'))),
  materials: z.optional(z.array(materialEffectSchema).check(z.describe('Material changes while this option is chosen.'))),
  variant: z.optional(z.string().check(z.describe('A KHR_materials_variants variant of the model to apply, by name.'))),
}).check(z.describe('How one option looks in the preview.'));

const numberEffectSchema = z.strictObject({
  nodes: nodeNames.check(z.minLength(1), z.describe('The nodes (or, with `morph`, meshes) this value drives.')),
  axis: z.optional(
    z.enum(['x', 'y', 'z', 'xyz']).check(z.describe('The axis `scale` and `position` act along; "xyz" scales uniformly. Default x.')),
  ),
  scale: z.optional(valueMap.check(z.describe('Scale factor along `axis` (times the model\'s own), by value.'))),
  position: z.optional(valueMap.check(z.describe("Position along `axis`, in the model's units (metres) in the parent's space, by value."))),
  morph: z.optional(z.string().check(z.describe('A morph target of the meshes, by name, driven by `weight`.'))),
  weight: z.optional(valueMap.check(z.describe('Morph target weight (0..1), by value. Required with `morph`.'))),
}).check(z.describe('What a numeric value does to the model: scale or move nodes along an axis, or drive a morph target.'));

const moduleViewSchema = z.strictObject({
  options: z.optional(z.record(id, optionViewSchema).check(z.describe('By option id: how each option looks.'))),
  number: z.optional(z.array(numberEffectSchema).check(z.describe('For a numeric module: what its value does to the model.'))),
}).check(z.describe('How one module shows in the preview.'));

const angleRange = z.tuple([z.number(), z.number()]);
const cameraSchema = z.strictObject({
  yaw: z.optional(z.number().check(z.describe('Initial orbit around the vertical axis, in degrees; 0 looks at the front (+z), 90 from the right. Default 30.'))),
  pitch: z.optional(z.number().check(z.describe('Initial height of the camera, in degrees above the horizon. Default 15.'))),
  zoom: z.optional(
    z.number().check(z.minimum(0.1), z.describe('Initial distance as a multiple of the distance that frames the model. Default 1.')),
  ),
  yawLimits: z.optional(angleRange.check(z.describe('[min, max] yaw the shopper may orbit to, in degrees. Default unlimited.'))),
  pitchLimits: z.optional(angleRange.check(z.describe('[min, max] pitch in degrees. Default [-5, 85] (never below the floor).'))),
  zoomLimits: z.optional(
    angleRange.check(z.describe('[min, max] distance as multiples of the framing distance. Default [0.4, 2.5].')),
  ),
}).check(z.describe('Camera framing hints: the initial orbit and its limits.'));

const viewSchema = z.strictObject({
  model: z.string().check(z.minLength(1), z.describe('URL of the glTF/GLB model, relative to the rules file.')),
  poster: z.optional(
    z.string().check(z.describe('URL of an image shown until the first frame and in the 2D fallback, relative to the rules file. Default: product.image.')),
  ),
  camera: z.optional(cameraSchema),
  modules: z.optional(z.record(id, moduleViewSchema).check(z.describe('By module id: how its options or value change the model.'))),
}).check(z.describe('The 3D preview: a glTF model and how each module changes it.'));

export const rulesFileSchema = z.strictObject({
  $schema: z.optional(z.string().check(z.describe('URL or path of the JSON Schema, for editor autocomplete.'))),
  product: z.strictObject({
    id: id.check(z.describe('Product id, used in URLs, quotes and orders.')),
    name: z.string().check(z.minLength(1), z.describe('Product name shown to shoppers.')),
    currency: z.string().check(z.regex(/^[A-Z]{3}$/), z.describe('ISO 4217 currency code, e.g. EUR.')),
    basePrice: money.check(z.describe('Price of the product before options.')),
    description: z.optional(z.string().check(z.describe('A longer product description shown to shoppers.'))),
    image: z.optional(z.string().check(z.describe('Poster image URL, relative to the rules file.'))),
  }).check(z.describe('The product: its id, name, currency and base price.')),
  modules: z.record(id, moduleSchema).check(z.describe('The modules (choices) of the product, by id, in display order.')),
  rules: z.optional(z.array(ruleSchema).check(z.describe('Compatibility rules and tables.'))),
  prices: z.optional(z.array(surchargeSchema).check(z.describe('Conditional surcharges or discounts.'))),
  components: z.optional(
    z.record(id, componentSchema).check(z.describe('Parts and the work they need, by id; options refer to them.')),
  ),
  view: z.optional(viewSchema),
});

export type RulesFile = z.infer<typeof rulesFileSchema>;
export type ModuleSpec = z.infer<typeof moduleSchema>;
export type ChoiceModuleSpec = z.infer<typeof choiceModuleSchema>;
export type NumberModuleSpec = z.infer<typeof numberModuleSchema>;
export type OptionSpec = z.infer<typeof optionSchema>;
export type RuleSpec = z.infer<typeof ruleSchema>;
export type ConditionValue = z.infer<typeof conditionValueSchema>;
export type Condition = Record<string, ConditionValue>;
export type ComponentSpec = z.infer<typeof componentSchema>;
export type ViewSpec = z.infer<typeof viewSchema>;
export type ModuleViewSpec = z.infer<typeof moduleViewSchema>;
export type OptionViewSpec = z.infer<typeof optionViewSchema>;
export type MaterialEffectSpec = z.infer<typeof materialEffectSchema>;
export type NumberEffectSpec = z.infer<typeof numberEffectSchema>;
export type CameraSpec = z.infer<typeof cameraSchema>;
