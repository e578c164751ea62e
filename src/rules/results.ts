/** What the engine answers. Plain JSON, so the CLI prints it as it is. */
import type { Value } from './model.js';

/** One minimal reason why a value cannot be chosen with the current selections. */
export interface Reason {
  /** The rules that, together with `selections`, exclude the value. */
  rules: Array<{ id: string; message?: string }>;
  /** The shopper's selections involved (a minimal set; may be empty). */
  selections: Array<{ module: string; value: Value; label: string }>;
  /** A plain sentence: the rule message when there is one, else a generated sentence. */
  text: string;
}

export interface OptionState {
  available: boolean;
  /** Present when unavailable and explanations were asked for. */
  because?: Reason;
}

export interface ModuleState {
  /** The shopper's own selection, or undefined. */
  selected?: Value;
  /** The only value left for this module (unselected modules only), if any. */
  forced?: Value;
  /** Availability of each value, keyed by `String(value)` ("null" is the empty choice). */
  options: Record<string, OptionState>;
  /** Numeric modules: smallest and largest available value. */
  range?: { min: number; max: number };
}

export interface PriceLine {
  label: string;
  module?: string;
  value?: Value;
  /** Minor units. */
  amount: number;
}

export interface Price {
  /** Minor units. */
  amount: number;
  currency: string;
  lines: PriceLine[];
}

export interface Evaluation {
  /** The selections can be completed into a valid product. */
  valid: boolean;
  /** Every non-optional module has a selection (and the selections are valid). */
  complete: boolean;
  modules: Record<string, ModuleState>;
  /** The completed configuration (selections + defaults), when valid. */
  configuration?: Record<string, Value>;
  /** Price of `configuration` (or of the selections alone when invalid). */
  price: Price;
}

export interface Change {
  module: string;
  from: Value | undefined;
  to: Value;
  /** True when the shopper had chosen `from` themself. */
  wasSelected: boolean;
}

export interface Resolution {
  /** The new selection (kept selections in their order, then the wanted one). */
  selection: Record<string, Value>;
  /** The complete configuration it leads to. */
  configuration: Record<string, Value>;
  /** Shopper selections that had to change, then other displayed values that change. */
  changes: Change[];
  price: Price;
}
