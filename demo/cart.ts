/**
 * The demo store's cart drawer: the merchant's own code, listening for the
 * widget's `bto-checkout` event and listing the configured product's lines.
 */
import type { BtoCheckoutDetail } from '../src/element/bto-configurator.js';

interface CartItem {
  name: string;
  detail: BtoCheckoutDetail;
}

const items: CartItem[] = [];
const drawer = document.querySelector<HTMLElement>('.cart')!;
const scrim = document.querySelector<HTMLElement>('.scrim')!;
const list = drawer.querySelector<HTMLElement>('.items')!;
const sum = drawer.querySelector<HTMLElement>('.sum span:last-child')!;
const count = document.querySelector<HTMLElement>('.cart-count')!;

function money(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const whole = minor % 10 ** digits === 0;
  const f = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : digits, maximumFractionDigits: whole ? 0 : digits });
  return f.format(minor / 10 ** digits);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

function render(): void {
  list.replaceChildren();
  if (!items.length) list.append(el('p', 'Your cart is empty.'));
  let total = 0;
  let currency = 'EUR';
  for (const item of items) {
    const { price, lines } = item.detail;
    total += price.amount;
    currency = price.currency;
    const box = el('div');
    box.className = 'item';
    const h = el('h3');
    h.append(el('span', item.name), el('span', money(price.amount, price.currency)));
    const ul = el('ul');
    for (const line of lines.slice(1)) {
      const li = el('li');
      li.append(el('span', line.label), el('span', money(line.amount, price.currency)));
      ul.append(li);
    }
    box.append(h, ul);
    list.append(box);
  }
  sum.textContent = money(total, currency);
  count.textContent = String(items.length);
}

function open(yes: boolean): void {
  drawer.toggleAttribute('data-open', yes);
  scrim.toggleAttribute('data-open', yes);
  drawer.inert = !yes;
  if (yes) drawer.querySelector<HTMLElement>('.close')?.focus();
}

document.addEventListener('bto-checkout', (e) => {
  const { detail } = e as CustomEvent<BtoCheckoutDetail>;
  const name = (e.target as HTMLElement).dataset.productName ?? detail.lines[0]?.label ?? 'Product';
  items.push({ name, detail });
  render();
  open(true);
});
document.querySelector('.cart-button')?.addEventListener('click', () => open(true));
drawer.querySelector('.close')?.addEventListener('click', () => open(false));
scrim.addEventListener('click', () => open(false));
document.addEventListener('keydown', (e) => e.key === 'Escape' && open(false));
render();
