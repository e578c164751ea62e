/**
 * The value grid of a numeric module: min, min + step, ..., max. Shared by
 * the loader (which checks that values lie on it) and the compiler (which
 * enumerates it), so both agree on what "on the grid" means for decimals
 * like 0.1 that floats cannot represent exactly.
 */

/** A numeric module may offer at most this many values; the engine enumerates them all. */
export const MAX_GRID_VALUES = 2000;

/** Relative slack for float noise: (0.3 - 0) / 0.1 is 2.9999999999999996. */
const TOLERANCE = 1e-9;

export interface Grid {
  min: number;
  max: number;
  step: number;
}

/** The (fractional) number of steps from min to value. */
function stepsFromMin(grid: Grid, value: number): number {
  return (value - grid.min) / grid.step;
}

function isWhole(steps: number): boolean {
  return Math.abs(steps - Math.round(steps)) <= TOLERANCE * Math.max(1, Math.abs(steps));
}

/** True when (max - min) is a whole number of steps, within float tolerance. */
export function reachesMax(grid: Grid): boolean {
  return isWhole(stepsFromMin(grid, grid.max));
}

/** Number of values on the grid (assumes min <= max and step > 0). */
export function gridSize(grid: Grid): number {
  return Math.floor(stepsFromMin(grid, grid.max) + TOLERANCE) + 1;
}

/** True when value lies within [min, max] on a whole step from min. */
export function isOnGrid(grid: Grid, value: number): boolean {
  const steps = stepsFromMin(grid, value);
  return isWhole(steps) && Math.round(steps) >= 0 && Math.round(steps) < gridSize(grid);
}

/** True when value lies within [min, max], with float tolerance at the ends. */
export function isWithin(grid: Grid, value: number): boolean {
  const steps = stepsFromMin(grid, value);
  const last = stepsFromMin(grid, grid.max);
  return steps >= -TOLERANCE && steps <= last + TOLERANCE * Math.max(1, last);
}

/**
 * The k-th grid value, rounded to the decimals of min and step so that
 * 0.1 * 3 comes out as 0.3 and compares equal to what the file says.
 */
export function gridValue(grid: Grid, k: number): number {
  const decimals = Math.max(decimalsOf(grid.min), decimalsOf(grid.step));
  return Number((grid.min + k * grid.step).toFixed(Math.min(decimals, 100)));
}

/** All grid values, in order. */
export function gridValues(grid: Grid): number[] {
  return Array.from({ length: gridSize(grid) }, (_, k) => gridValue(grid, k));
}

/**
 * True when some grid value lies in [low, high] (either bound may be
 * omitted), i.e. a `{min, max}` condition can match at least one value.
 */
export function rangeMeetsGrid(grid: Grid, low: number | undefined, high: number | undefined): boolean {
  const first = low === undefined ? 0 : Math.max(0, Math.ceil(stepsFromMin(grid, low) - TOLERANCE));
  const last = high === undefined ? gridSize(grid) - 1 : Math.min(gridSize(grid) - 1, Math.floor(stepsFromMin(grid, high) + TOLERANCE));
  return first <= last;
}

function decimalsOf(n: number): number {
  const text = String(n);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]) + (text.split('e')[0].split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}
