/**
 * The delivery promise in <bto-configurator>, against the msw quote service
 * (same rules and promise engines): it shows, updates when a part with a long
 * supplier lead time is chosen, falls back to a labelled estimate, and rides
 * along with checkout. Waits are on DOM mutations, never on the clock.
 */
import { expect } from '@esm-bundle/chai';
import { http } from 'msw';
import type { BtoCheckoutDetail, BtoConfigurator } from '../../src/element/bto-configurator.js';
import { delayDrivers, describeDriver, formatRange } from '../../src/promise/describe.js';
import { loadOps } from '../../src/promise/load-ops.js';
import { promiseDelivery } from '../../src/promise/promise.js';
import { loadRules } from '../../src/rules/load.js';
import { startWorker, worker } from '../msw/browser.js';
import { FAKE_SIGNATURE, QUOTE_URL, answerQuote, quoteService, serviceDown } from '../msw/handlers.js';
import { click, mount, nextEvent, option, part, text } from './element-fixture.js';

const ORDER_TIME = '2026-12-01T09:00:00+01:00';

async function mountDesk(attrs: Record<string, string>): Promise<BtoConfigurator> {
  return mount((el) => {
    for (const [k, v] of Object.entries({ 'no-url': '', locale: 'en-GB', src: '/rules/desk.yaml', ...attrs })) el.setAttribute(k, v);
  });
}

/** Resolves once `check` holds, re-checking on every change in the element's shadow DOM. */
function until(el: BtoConfigurator, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (check()) (observer.disconnect(), resolve());
    });
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** The promise the engines give for this selection, as the handler computes it. */
async function expected(selection: Record<string, string>) {
  const [rules, ops] = await Promise.all(['/rules/desk.yaml', '/rules/desk.ops.yaml'].map(async (u) => (await fetch(u)).text()));
  const { engine } = loadRules(rules, 'desk.yaml');
  const configuration = engine!.evaluate(selection).configuration!;
  return promiseDelivery({ model: engine!.model, ops: loadOps(ops, 'desk.ops.yaml', engine!.model).ops!, configuration, destination: { country: 'DE' }, orderTime: ORDER_TIME });
}

describe('<bto-configurator> delivery promise', () => {
  before(() => startWorker());
  afterEach(() => {
    worker.resetHandlers();
    document.querySelectorAll('bto-configurator').forEach((e) => e.remove());
  });

  it('shows the promise and moves it out when the walnut top is chosen', async () => {
    worker.use(quoteService({ orderTime: () => ORDER_TIME }));
    const el = await mountDesk({ 'quote-endpoint': QUOTE_URL, country: 'DE' });
    expect(part(el, 'promise-dates')).to.equal(null); // nothing to promise before the frame is chosen

    await click(el, option(el, 'frame', 'pro'));
    const white = await expected({ frame: 'pro' });
    const whiteDates = `Arrives ${formatRange(white.delivery, 'en-GB')}`;
    await until(el, () => text(part(el, 'promise-dates')) === whiteDates);

    await click(el, option(el, 'top', 'walnut'));
    const walnut = await expected({ frame: 'pro', top: 'walnut' });
    expect(walnut.delivery.earliest > white.delivery.earliest).to.equal(true);
    await until(el, () => text(part(el, 'promise-dates')) === `Arrives ${formatRange(walnut.delivery, 'en-GB')}`);
    const driver = describeDriver(delayDrivers(walnut.drivers)[0]);
    expect(driver).to.match(/^Walnut board adds \d+ days?$/);
    expect(text(part(el, 'promise-drivers'))).to.contain(driver);
    expect(part(el, 'promise-estimate')).to.equal(null);

    // Announced politely; the countdown is outside the live region.
    const live = part(el, 'promise-dates')!.closest('[aria-live]')!;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    expect(live.getAttribute('aria-busy')).to.equal('false');

    const checkout = nextEvent<BtoCheckoutDetail>(el, 'bto-checkout');
    await click(el, part(el, 'checkout'));
    const { quote } = (await checkout).detail;
    expect(quote?.signature).to.equal(FAKE_SIGNATURE);
    expect(quote?.configuration.top).to.equal('walnut');
    expect(quote?.promise.delivery).to.deep.equal(walnut.delivery);
  });

  it('counts down to the cut-off and asks for the locale region by default', async () => {
    const bodies: { destination: { country: string } }[] = [];
    worker.use(
      http.post(QUOTE_URL, async ({ request }) => {
        const body = (await request.json()) as { destination: { country: string } };
        bodies.push(body);
        return answerQuote(body);
      }),
    );
    const el = await mountDesk({ 'quote-endpoint': QUOTE_URL, locale: 'fr-FR' });
    await click(el, option(el, 'frame', 'basic'));
    await until(el, () => part(el, 'promise-cutoff') !== null);
    // Ordered now, the order day's cut-off is always ahead: within a day, or by a date.
    // Every shape formatWait gives: "2 d 3 h", "2 d", "20 h 5 min", "20 h", "5 min".
    expect(text(part(el, 'promise-cutoff'))).to.match(/^Order (within (\d+ d( \d+ h)?|\d+ h( \d+ min)?|\d+ min)|by .+) to ship .+$/);
    expect(bodies.at(-1)!.destination.country).to.equal('FR');
  });

  it('shows a labelled estimate when the service is down', async () => {
    worker.use(serviceDown());
    const el = await mountDesk({ 'quote-endpoint': QUOTE_URL, country: 'DE' });
    await click(el, option(el, 'frame', 'pro'));
    await until(el, () => part(el, 'promise-estimate') !== null);
    expect(text(part(el, 'promise-estimate'))).to.equal('Estimate from standard lead times');
    expect(text(part(el, 'promise-dates'))).to.match(/^Estimated arrival /);
    const checkout = nextEvent<BtoCheckoutDetail>(el, 'bto-checkout');
    await click(el, part(el, 'checkout'));
    expect((await checkout).detail.quote).to.equal(null);
  });

  it('shows the static estimate, labelled, without a quote endpoint', async () => {
    const el = await mountDesk({});
    await click(el, option(el, 'frame', 'pro'));
    await click(el, option(el, 'top', 'walnut'));
    expect(text(part(el, 'promise-dates'))).to.match(/^Estimated arrival /);
    expect(text(part(el, 'promise-drivers'))).to.equal('Walnut board takes about 35 days');
    expect(text(part(el, 'promise-estimate'))).to.equal('Estimate from standard lead times');
    expect(part(el, 'promise-cutoff')).to.equal(null);
    expect(getComputedStyle(part(el, 'promise')!).display).to.not.equal('none');
  });
});
