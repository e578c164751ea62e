/**
 * What a module's control needs from the element: the module, the engine's
 * view of it, and the actions. Controls are plain render functions over this.
 */
import type { CompiledModule, Value } from '../rules/model.js';
import type { ModuleState } from '../rules/results.js';
import type { MoneyFormat } from './money-format.js';

export interface ModuleView {
  module: CompiledModule;
  /** Position of the module in the model, used for element ids. */
  index: number;
  state: ModuleState;
  /** The value shown as chosen: the shopper's choice, else the completed configuration's. */
  shown: Value | undefined;
  disabled: boolean;
  money: MoneyFormat;
  /** The reason a value is unavailable, when it was already asked for. */
  reason(value: Value): string | undefined;
  /** Asks for the reason (hover, focus); the element re-renders with it. */
  wantReason(value: Value): void;
  /** The shopper picks a value (available or not: the element decides). */
  choose(value: Value): void;
}

export function isAvailable(view: ModuleView, value: Value): boolean {
  return view.state.options[String(value)]?.available ?? false;
}

/** Price difference of `value` against the shown value of the module, in minor units. */
export function priceDelta(view: ModuleView, value: Value): number {
  const values = view.module.values;
  const price = values.find((v) => v.id === value)?.price ?? 0;
  const base = values.find((v) => v.id === view.shown)?.price ?? 0;
  return price - base;
}

/** Element id of a value's control. */
export const optionId = (view: ModuleView, valueIndex: number): string => `o-${view.index}-${valueIndex}`;
export const reasonId = (view: ModuleView, valueIndex: number): string => `r-${view.index}-${valueIndex}`;
export const labelId = (view: ModuleView): string => `l-${view.index}`;
