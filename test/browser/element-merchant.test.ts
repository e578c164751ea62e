/**
 * <bto-configurator> as a merchant embeds it: src and rules, the selection
 * property, events, forms, theming, the URL, broken files, and axe.
 */
import { expect } from '@esm-bundle/chai';
import type { AxeResults } from 'axe-core';
import type { BtoCheckoutDetail, BtoErrorDetail } from '../../src/element/bto-configurator.js';
import { DESK_URL, click, deskModel, mount, mountDesk, nextEvent, option, part, text } from './element-fixture.js';

function clearHash(): void {
  history.replaceState(null, '', location.pathname + location.search);
}

describe('<bto-configurator> for the merchant', () => {
  afterEach(() => {
    document.querySelectorAll('bto-configurator, form, style[data-test]').forEach((e) => e.remove());
    clearHash();
  });

  it('loads a YAML rules file from src (the loader is a lazy chunk)', async () => {
    const loaded = nextEvent(document, 'bto-load');
    const el = await mount((e) => {
      e.setAttribute('no-url', '');
      e.src = DESK_URL;
    });
    expect(el.model!.product.id).to.equal('desk');
    expect((await loaded).target).to.equal(el);
    expect(option(el, 'frame', 'pro')).to.not.equal(null);
  });

  it('reads and writes the selection property, in the order chosen', async () => {
    const model = await deskModel();
    const el = await mount((e) => {
      e.setAttribute('no-url', '');
      e.selection = { top: 'oak', frame: 'basic' }; // before the rules arrive
      e.rules = model;
    });
    expect(el.selection).to.deep.equal({ top: 'oak', frame: 'basic' });
    expect(option(el, 'top', 'oak').getAttribute('aria-checked')).to.equal('true');
    await click(el, option(el, 'top', 'white'));
    expect(Object.keys(el.selection)).to.deep.equal(['frame', 'top']);
    el.selection = { top: 'walnut', frame: 'basic' }; // cannot be built: the oldest choice goes
    await el.updateComplete;
    expect(el.selection).to.deep.equal({ frame: 'basic' });
    el.selection = { frame: 'pro', nonsense: 'x' };
    expect(el.selection).to.deep.equal({ frame: 'pro' });
  });

  it('fires bto-checkout (bubbling, composed) from a button shown only when complete', async () => {
    const el = await mountDesk();
    expect(part(el, 'checkout')).to.equal(null);
    await click(el, option(el, 'frame', 'pro'));
    const checkout = nextEvent<BtoCheckoutDetail>(document, 'bto-checkout');
    await click(el, part(el, 'checkout'));
    const { detail } = await checkout;
    expect(detail.selection).to.deep.equal({ frame: 'pro' });
    expect(detail.configuration.frame).to.equal('pro');
    expect(detail.lines.map((l) => l.label)).to.deep.equal(['Standing desk', 'Frame: Dual motor', 'Width: 140 cm']);
    expect(detail.price.amount).to.equal(detail.lines.reduce((s, l) => s + l.amount, 0));
    expect(detail.quote).to.equal(null);
  });

  it('takes part in a form: refuses an incomplete product, submits the configuration as JSON', async () => {
    const form = document.createElement('form');
    form.innerHTML = '<button>Buy</button>';
    document.body.append(form);
    const model = await deskModel();
    const el = await mount((e) => {
      e.setAttribute('no-url', '');
      e.setAttribute('name', 'configuration');
      e.rules = model;
    }, form);
    let submitted = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted++;
    });
    expect(el.checkValidity()).to.equal(false);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.contain('Frame');
    form.requestSubmit();
    expect(submitted).to.equal(0);
    await click(el, option(el, 'frame', 'basic'));
    expect(form.checkValidity()).to.equal(true);
    form.requestSubmit();
    expect(submitted).to.equal(1);
    const value = JSON.parse(String(new FormData(form).get('configuration')));
    expect(value).to.include({ frame: 'basic', width: 140, top: 'white', drawer: null });
  });

  it('is themed with custom properties and ::part()', async () => {
    const style = document.createElement('style');
    style.dataset.test = '';
    style.textContent = `
      bto-configurator { --bto-color-accent: rgb(200, 0, 0); --bto-radius: 3px; --bto-font: monospace; }
      bto-configurator::part(option-selected) { background-color: rgb(1, 2, 3); }
      bto-configurator::part(total) { color: rgb(0, 128, 0); }`;
    document.head.append(style);
    const el = await mountDesk();
    await click(el, option(el, 'frame', 'pro'));
    const chosen = getComputedStyle(option(el, 'frame', 'pro'));
    expect(chosen.borderTopColor).to.equal('rgb(200, 0, 0)');
    expect(chosen.backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(chosen.borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(part(el, 'total')!).color).to.equal('rgb(0, 128, 0)');
    expect(getComputedStyle(part(el, 'checkout')!).backgroundColor).to.equal('rgb(200, 0, 0)');
    expect(getComputedStyle(el).fontFamily).to.equal('monospace');
  });

  it('keeps the selection in the URL hash and reads it back', async () => {
    clearHash();
    const el = await mountDesk({});
    await click(el, option(el, 'frame', 'pro'));
    await click(el, option(el, 'drawer', 'slim'));
    expect(location.hash).to.equal('#bto=frame:pro,drawer:slim');
    el.remove();
    history.replaceState(null, '', '#bto=top:walnut,width:170,bogus:1,frame:nope');
    const again = await mountDesk({});
    expect(again.selection).to.deep.equal({ top: 'walnut', width: 170 });
    expect(again.state!.configuration!.frame).to.equal('pro');
    expect(location.hash).to.equal('#bto=top:walnut,width:170'); // the link is cleaned
    again.remove();
    const off = await mountDesk({ 'no-url': '' });
    expect(off.selection).to.deep.equal({});
    await click(off, option(off, 'frame', 'basic'));
    expect(location.hash).to.equal('#bto=top:walnut,width:170');
  });

  it('tells the shopper a broken file cannot be configured, and the merchant where it is broken', async () => {
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      const failed = nextEvent<BtoErrorDetail>(document, 'bto-error');
      const el = await mount((e) => {
        e.setAttribute('debug', '');
        e.src = '/test/fixtures/element-broken.yaml';
      });
      const { detail } = await failed;
      expect(detail.failure).to.equal('invalid');
      expect(text(part(el, 'error'))).to.contain("This product can't be configured right now.");
      const debug = part(el, 'debug')!;
      expect(text(debug)).to.match(/element-broken\.yaml:4:\d+: error:/);
      expect(text(debug)).to.match(/element-broken\.yaml:10:\d+: error:/);
      expect(logged.some((l) => /element-broken\.yaml:4:\d+/.test(l))).to.equal(true);
      el.removeAttribute('debug');
      await el.updateComplete;
      expect(part(el, 'debug')).to.equal(null);
      expect(part(el, 'module')).to.equal(null);
    } finally {
      console.error = original;
    }
  });

  it('retries a network failure, then says so', async () => {
    const original = console.error;
    console.error = () => {};
    let calls = 0;
    const realFetch = window.fetch;
    window.fetch = (...args: Parameters<typeof fetch>) => {
      calls++;
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    try {
      const el = await mount((e) => {
        e.retry = { tries: 3, firstDelay: 1 };
        e.src = '/rules/unreachable.yaml';
      });
      expect(calls).to.equal(3);
      expect(text(part(el, 'error'))).to.contain("couldn't reach our server");
      expect(part(el, 'retry')).to.not.equal(null);
    } finally {
      window.fetch = realFetch;
      console.error = original;
    }
  });

  it('passes an axe-core accessibility check', async () => {
    await new Promise<void>((resolve, reject) => {
      if ((window as unknown as { axe?: unknown }).axe) return resolve();
      const s = document.createElement('script');
      s.src = '/node_modules/axe-core/axe.min.js';
      s.onload = () => resolve();
      s.onerror = reject;
      document.head.append(s);
    });
    const axe = (window as unknown as { axe: { run(ctx: Element): Promise<AxeResults> } }).axe;
    const el = await mountDesk();
    await click(el, option(el, 'frame', 'basic'));
    await click(el, option(el, 'top', 'walnut')); // with the clash banner open
    const results = await axe.run(el);
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary).to.deep.equal([]);
  });
});

describe('<bto-configurator> layout', () => {
  afterEach(() => document.querySelectorAll('bto-configurator').forEach((e) => e.remove()));

  it('shows the total bar only when the element is narrow', async () => {
    const el = await mountDesk();
    el.style.width = '1000px';
    await el.updateComplete;
    expect(getComputedStyle(part(el, 'bar')!).display).to.equal('none');
    el.style.width = '380px';
    await new Promise(requestAnimationFrame);
    expect(getComputedStyle(part(el, 'bar')!).display).to.equal('flex');
  });
});
