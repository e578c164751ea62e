/**
 * Money in integer minor units. Prices are written as decimals by people
 * (49.90) but added up as integers (4990) so that totals never drift by a
 * cent; the conversion goes through the decimal text, never through float
 * multiplication, because 1.15 * 100 is 114.99999999999999.
 */

let knownCurrencies: ReadonlySet<string> | undefined;

function isKnownCurrency(currency: string): boolean {
  // Intl.NumberFormat accepts any well-formed code (it formats "XYZ" with 2
  // decimals), so only the list of supported values can tell a typo apart.
  // Older engines lack supportedValuesOf: then every well-formed code passes.
  if (typeof Intl.supportedValuesOf !== 'function') return true;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(currency);
}

/**
 * Number of decimals the currency uses (EUR 2, JPY 0, BHD 3), or undefined
 * for a currency code the runtime does not know.
 */
export function fractionDigits(currency: string): number | undefined {
  if (!isKnownCurrency(currency)) return undefined;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return undefined;
  }
}

/**
 * The shortest decimal text of a finite number, without exponent
 * (1e-7 -> "0.0000001", 1.5e21 -> "1500000000000000000000").
 */
export function decimalText(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError(`not a finite amount: ${amount}`);
  const text = String(amount);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = '', exponentText] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Number of decimals written in an amount (49.9 -> 1, 180 -> 0). */
export function decimalPlaces(amount: number): number {
  const text = decimalText(amount);
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/**
 * Converts a decimal amount to integer minor units, exactly: 49.9 with 2
 * digits is 4990. Extra decimals are rounded half away from zero on the
 * decimal text (the loader rejects them in rules files; this only matters for
 * computed amounts).
 *
 * @throws RangeError when the amount is not finite or the result is not a safe integer
 */
export function toMinorUnits(amount: number, digits: number): number {
  const text = decimalText(amount);
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  let units = BigInt(whole + kept);
  if (fraction.length > digits && fraction.charCodeAt(digits) >= '5'.charCodeAt(0)) units += 1n;
  const result = Number(negative ? -units : units);
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount too large: ${amount}`);
  // Avoid -0, which prints as "0" but fails strict equality checks in tests.
  return result === 0 ? 0 : result;
}
