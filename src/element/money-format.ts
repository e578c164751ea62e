/**
 * Prices for the shopper: integer minor units formatted with Intl for the
 * element's locale. Whole amounts drop their decimals ("€180", "€49.90"), the
 * way storefronts print them.
 */

/** How the currency is written: Intl's `currencyDisplay`. */
export type CurrencyDisplay = 'symbol' | 'narrowSymbol' | 'code' | 'name';

export interface MoneyFormat {
  /** An amount, e.g. "€1,249" or "€49.90". */
  amount(minor: number): string;
  /** A difference, e.g. "+ €180", "− €25"; empty for zero. */
  delta(minor: number): string;
}

export function moneyFormat(
  locale: string | undefined,
  currency: string,
  fractionDigits: number,
  display: CurrencyDisplay = 'symbol',
): MoneyFormat {
  const unit = 10 ** fractionDigits;
  const make = (digits: number): Intl.NumberFormat => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: display, minimumFractionDigits: digits, maximumFractionDigits: digits });
    } catch {
      // An unknown locale tag from a merchant must not break the widget.
      return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    }
  };
  const whole = make(0);
  const exact = make(fractionDigits);
  const amount = (minor: number): string => (minor % unit === 0 ? whole : exact).format(minor / unit);
  return {
    amount,
    delta: (minor) => (minor === 0 ? '' : `${minor > 0 ? '+' : '\u2212'}\u00a0${amount(Math.abs(minor))}`),
  };
}

/** Reads the `currency` attribute: one of Intl's display styles, else the symbol. */
export function currencyDisplay(attr: string | undefined): CurrencyDisplay {
  return attr === 'narrowSymbol' || attr === 'code' || attr === 'name' ? attr : 'symbol';
}
