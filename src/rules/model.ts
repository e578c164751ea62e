/**
 * The compiled model: what the engine queries. It is plain JSON so that
 * `bto build` can write it and the widget can load it instead of the source.
 *
 * Every module's domain is a list of values indexed 0..n-1. An optional
 * module has one extra value, `null` (left empty), always last.
 */
import type { ComponentSpec } from './schema.js';

/** A value of a module: an option id, a number (numeric modules) or null (empty). */
export type Value = string | number | null;

/**
 * The shopper's selections, module id -> value. Insertion order is the order in
 * which the shopper chose (oldest first); `resolve` keeps recent choices first.
 */
export type Selection = Record<string, Value>;

export interface CompiledValue {
  id: Value;
  label: string;
  description?: string;
  /** Price delta in minor units. */
  price: number;
  components: string[];
  swatch?: string;
  image?: string;
}

export interface CompiledModule {
  id: string;
  label: string;
  description?: string;
  kind: 'choice' | 'number';
  optional: boolean;
  display?: 'auto' | 'cards' | 'swatches' | 'select';
  unit?: string;
  min?: number;
  max?: number;
  step?: number;
  values: CompiledValue[];
  /** Index of the default value (explicit default, else first value; an optional module without default: empty). */
  defaultIndex: number;
  /** True when the rules file named the default explicitly. */
  explicitDefault: boolean;
}

/** Where a rule came from, for explanations and located errors. */
export interface RuleSource {
  /** The rule's id, or a generated `rule-N` (1-based position in `rules`). */
  id: string;
  message?: string;
  /** An implication's `when`, as value-index sets (all must hold); absent for tables and unconditional rules. */
  when?: Array<[number, number[]]>;
  /** 1-based line in the source file, when known. */
  line?: number;
  column?: number;
}

/**
 * A disjunction: at least one literal holds. Literal `[m, values]` holds when
 * module m takes one of `values` (value indices).
 */
export interface ClauseConstraint {
  kind: 'clause';
  rule: number;
  lits: Array<[number, number[]]>;
}

/**
 * The modules must take one of the rows. A cell is a value index, -1 (any
 * value), or a list of value indices (any of them).
 */
export interface TableConstraint {
  kind: 'table';
  rule: number;
  modules: number[];
  rows: Array<Array<number | number[]>>;
  /** For each row, its 0-based position in the rules file (rows that can never match are left out). */
  source?: number[];
}

export type Constraint = ClauseConstraint | TableConstraint;

export interface Surcharge {
  label: string;
  price: number;
  /** Conjunction: every `[m, values]` holds. */
  when: Array<[number, number[]]>;
}

export interface CompiledModel {
  format: 'bto-model@1';
  product: {
    id: string;
    name: string;
    currency: string;
    /** Minor units. */
    basePrice: number;
    /** Minor units per major unit are 10 ** fractionDigits. */
    fractionDigits: number;
    description?: string;
    image?: string;
  };
  modules: CompiledModule[];
  rules: RuleSource[];
  constraints: Constraint[];
  surcharges: Surcharge[];
  components: Record<string, ComponentSpec>;
  view?: unknown;
  /**
   * Valid configurations (value indices per module) found when the model was
   * built: `bto build` ships them so the first evaluation in the browser
   * recalls witnesses instead of searching for them.
   */
  witnesses?: number[][];
}
