/**
 * Timing budgets of the element in Chromium, printed for the closing notes:
 * rules arrive -> options on screen, and click -> updated UI, median and p95.
 * Figures only, no assertions: run by `npm run bench`, not by `npm test`.
 */
import { compileRules } from '../../../src/rules/compile.js';
import { Engine } from '../../../src/rules/engine.js';
import { click, deskModel, mount, option } from '../../browser/element-fixture.js';
import { generateCarScale, generateMedium } from '../generate.js';

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95) };
}
const ms = (x: number): string => `${x.toFixed(1)} ms`;

describe('<bto-configurator> timing (desk)', () => {
  afterEach(() => document.querySelectorAll('bto-configurator').forEach((e) => e.remove()));

  it('renders the options soon after the rules arrive, and answers clicks fast', async () => {
    const model = await deskModel();
    const first: number[] = [];
    for (let i = 0; i < 15; i++) {
      const copy = structuredClone(model);
      const t0 = performance.now();
      const el = await mount((e) => {
        e.setAttribute('no-url', '');
        e.rules = copy;
      });
      first.push(performance.now() - t0);
      el.remove();
    }
    const el = await mount((e) => {
      e.setAttribute('no-url', '');
      e.rules = model;
    });
    const clicks: number[] = [];
    const seq: Array<[string, string]> = [
      ['frame', 'pro'],
      ['top', 'oak'],
      ['frame', 'basic'],
      ['top', 'white'],
      ['keypad', 'memory'],
      ['keypad', 'simple'],
    ];
    for (let round = 0; round < 8; round++)
      for (const [m, v] of seq) {
        const t0 = performance.now();
        await click(el, option(el, m, v));
        clicks.push(performance.now() - t0);
      }
    const f = stats(first);
    const c = stats(clicks);
    console.log(`desk: compiled rules -> options on screen: median ${ms(f.median)}, p95 ${ms(f.p95)} (${first.length} runs)`);
    console.log(`desk: click -> updated UI: median ${ms(c.median)}, p95 ${ms(c.p95)} (${clicks.length} clicks)`);
  });
});

describe('<bto-configurator> timing (generated large products)', () => {
  afterEach(() => document.querySelectorAll('bto-configurator').forEach((e) => e.remove()));

  for (const [name, make] of [
    ['medium 60x10', () => generateMedium(7)],
    ['car-scale', () => generateCarScale(7)],
  ] as const) {
    it(`renders and answers clicks on the ${name} product`, async () => {
      const model = compileRules(make());
      const fresh = structuredClone(model);
      const t0 = performance.now();
      const el = await mount((e) => {
        e.setAttribute('no-url', '');
        e.rules = fresh;
      });
      const first = performance.now() - t0;
      // The same model as `bto build` writes it, with the first evaluation's witnesses.
      const warm = new Engine(model);
      warm.evaluate({});
      const built = structuredClone({ ...model, witnesses: warm.witnesses() });
      const t1 = performance.now();
      const again = await mount((e) => {
        e.setAttribute('no-url', '');
        e.rules = built;
      });
      const firstBuilt = performance.now() - t1;
      again.remove();
      // A shopper's session: each click picks an option the widget offers as available.
      const clicks: number[] = [];
      let seed = 7;
      const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
      for (let i = 0; i < 30; i++) {
        const mod = model.modules[Math.floor(rnd() * model.modules.length)];
        if (mod.kind !== 'choice') continue;
        const box = el.shadowRoot!.querySelector(`#m-${model.modules.indexOf(mod)}`)!;
        const select = box.querySelector('select');
        if (select) {
          const open = [...select.options].filter((o) => o.dataset.available === 'true' && !o.selected);
          if (!open.length) continue;
          const t = performance.now();
          select.value = open[Math.floor(rnd() * open.length)].value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
          await el.updateComplete;
          clicks.push(performance.now() - t);
          continue;
        }
        const cards = [...box.querySelectorAll<HTMLElement>('[role="radio"]')].filter((c) => c.getAttribute('aria-disabled') !== 'true');
        if (!cards.length) continue;
        const t = performance.now();
        await click(el, cards[Math.floor(rnd() * cards.length)]);
        clicks.push(performance.now() - t);
      }
      const c = stats(clicks);
      console.log(`${name}: compiled rules -> options on screen: ${ms(first)}; with the witnesses bto build ships: ${ms(firstBuilt)}`);
      console.log(`${name}: click -> updated UI: median ${ms(c.median)}, p95 ${ms(c.p95)} (${clicks.length} clicks)`);
    });
  }
});
