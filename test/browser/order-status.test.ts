/**
 * <bto-order-status> as a shopper sees it, against msw answers of the status
 * API: on time, slipped, an unknown token, the service down (and back), and
 * an axe-core check.
 */
import { expect } from '@esm-bundle/chai';
import type { AxeResults } from 'axe-core';
import '../../src/element/bto-order-status.js';
import type { BtoOrderStatus, BtoStatusErrorDetail } from '../../src/element/bto-order-status.js';
import { startWorker, worker } from '../msw/browser.js';
import { onTime, slipped, statusDown, statusService, TOKEN, unknownToken } from '../msw/order-status.js';

async function mount(attrs: Record<string, string> = {}): Promise<BtoOrderStatus> {
  const el = document.createElement('bto-order-status');
  el.setAttribute('token', TOKEN);
  el.setAttribute('locale', 'en-GB');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await el.updateComplete;
  await el.statusComplete;
  return el;
}
const part = (el: Element, name: string): HTMLElement | null => el.shadowRoot!.querySelector(`[part~="${name}"]`);
const parts = (el: Element, name: string): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (node: Element | null): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<bto-order-status>', () => {
  before(() => startWorker());
  afterEach(() => {
    worker.resetHandlers();
    document.querySelectorAll('bto-order-status').forEach((e) => e.remove());
  });

  it('on time: heading, promised window, forecast, an ordered timeline with reached and pending steps', async () => {
    worker.use(statusService(onTime).handler);
    const el = await mount();
    expect(text(el.shadowRoot!.querySelector('h2'))).to.equal('Your order ord_ontime1');
    expect(text(part(el, 'message'))).to.equal('On track: expected Thu 10 Dec – Fri 11 Dec.');
    expect(part(el, 'message')!.getAttribute('aria-live')).to.equal('polite');
    expect(part(el, 'message-late')).to.equal(null);
    expect(text(part(el, 'promised'))).to.equal('Thu 10 Dec – Fri 11 Dec');
    expect(part(el, 'timeline')!.tagName).to.equal('OL');
    expect(parts(el, 'step-done').map((s) => text(s).split(' ').slice(0, 3).join(' '))).to.deep.equal(['Ordered Tue 1', 'Materials ready: Walnut', 'Started: Assembly 4']);
    const pending = parts(el, 'step-pending').map(text);
    expect(pending).to.deep.equal(['Quality check', 'Shipped expected Tue 8 Dec – Wed 9 Dec', 'Delivered expected Thu 10 Dec – Fri 11 Dec']);
    expect(el.status?.orderId).to.equal('ord_ontime1');
  });

  it('slipped: says honestly how late, with the new window, and shows the carrier and tracking number', async () => {
    worker.use(statusService(slipped).handler);
    const el = await mount();
    expect(text(part(el, 'message'))).to.equal(
      'Running late: now expected Mon 14 Dec – Wed 16 Dec, 3 workdays after what we promised. This page updates as your order moves.',
    );
    expect(part(el, 'message-late')).to.not.equal(null);
    expect(text(part(el, 'forecast'))).to.equal('Mon 14 Dec – Wed 16 Dec');
    expect(text(part(el, 'tracking'))).to.equal('DHL Freight, tracking number JJD0099887766');
    expect(parts(el, 'step-pending').map(text)).to.deep.equal(['Delivered expected Mon 14 Dec – Wed 16 Dec']);
  });

  it('re-reads the status on its timer and announces the change in the live region', async () => {
    const service = statusService(onTime, slipped);
    worker.use(service.handler);
    const el = await mount({ 'refresh-seconds': '10' });
    expect(text(part(el, 'message'))).to.match(/^On track/);
    await el.refresh(); // what the timer does
    await el.updateComplete;
    expect(service.calls()).to.equal(2);
    expect(text(part(el, 'message'))).to.match(/^Running late/);
  });

  it('unknown token: "We can\'t find this order", an alert, no retry button', async () => {
    worker.use(unknownToken());
    const errors: BtoStatusErrorDetail[] = [];
    document.addEventListener('bto-status-error', (e) => errors.push((e as CustomEvent<BtoStatusErrorDetail>).detail), { once: true });
    const el = await mount();
    expect(text(part(el, 'error'))).to.match(/^We can't find this order/);
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(part(el, 'refresh-button')).to.equal(null);
    expect(part(el, 'timeline')).to.equal(null);
    expect(errors.map((e) => e.failure)).to.deep.equal(['unknown']);
  });

  it('network down: a message and a keyboard-reachable "Try again" that recovers', async () => {
    worker.use(statusDown());
    const el = await mount();
    expect(text(part(el, 'error'))).to.match(/can't reach the order service/);
    const button = part(el, 'refresh-button') as HTMLButtonElement;
    expect(text(button)).to.equal('Try again');
    expect(button.tagName).to.equal('BUTTON');
    worker.resetHandlers();
    worker.use(statusService(onTime).handler);
    button.focus();
    button.click();
    await el.statusComplete;
    expect(part(el, 'error')).to.equal(null);
    expect(text(part(el, 'message'))).to.match(/^On track/);
  });

  it('down after a good read: keeps what it knew and says so', async () => {
    worker.use(statusService(onTime).handler);
    const el = await mount();
    worker.resetHandlers();
    worker.use(statusDown());
    await el.refresh();
    await el.updateComplete;
    expect(text(part(el, 'message'))).to.match(/^On track/);
    expect(text(part(el, 'error'))).to.match(/can't reach/);
    expect(text(part(el, 'footer'))).to.match(/^Showing what we knew at \d\d:\d\d\. Try again$/);
  });

  it('passes an axe-core accessibility check (on time and slipped)', async () => {
    await new Promise<void>((resolve, reject) => {
      if ((window as unknown as { axe?: unknown }).axe) return resolve();
      const s = document.createElement('script');
      s.src = '/node_modules/axe-core/axe.min.js';
      s.onload = () => resolve();
      s.onerror = reject;
      document.head.append(s);
    });
    const axe = (window as unknown as { axe: { run(ctx: Element): Promise<AxeResults> } }).axe;
    for (const body of [onTime, slipped]) {
      worker.resetHandlers();
      worker.use(statusService(body).handler);
      const el = await mount();
      const results = await axe.run(el);
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
      el.remove();
    }
  });
});
