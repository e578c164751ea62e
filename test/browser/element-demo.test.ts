/**
 * The storefront demo pages as a shopper opens them: the widget loads its
 * rules from /rules/, and axe-core finds no accessibility violations on the
 * whole page (the merchant's page plus the widget's shadow DOM).
 */
import { expect } from '@esm-bundle/chai';
import type { AxeResults } from 'axe-core';
import type { BtoConfigurator } from '../../src/element/bto-configurator.js';

async function openDemo(page: string): Promise<{ win: Window & { axe?: { run(ctx: Document): Promise<AxeResults> } }; el: BtoConfigurator }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:1280px;height:900px;border:0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/demo/${page}.html`;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & { axe?: { run(ctx: Document): Promise<AxeResults> } };
  const doc = frame.contentDocument!;
  await win.customElements.whenDefined('bto-configurator');
  const el = doc.querySelector('bto-configurator') as BtoConfigurator;
  expect(await el.loadComplete).to.equal(true);
  await new Promise<void>((resolve, reject) => {
    const s = doc.createElement('script');
    s.src = '/node_modules/axe-core/axe.min.js';
    s.onload = () => resolve();
    s.onerror = reject;
    doc.head.append(s);
  });
  return { win, el };
}

describe('storefront demo', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  for (const page of ['desk', 'pc', 'bicycle'])
    it(`${page}: the widget loads its rules and axe finds no violations`, async () => {
      const { win, el } = await openDemo(page);
      expect(el.model!.product.id).to.equal(page);
      const results = await win.axe!.run(win.document);
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary).to.deep.equal([]);
    });
});
