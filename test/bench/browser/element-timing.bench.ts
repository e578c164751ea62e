/**
 * Timing budgets of the element in Chromium, printed for the closing notes:
 * rules arrive -> options on screen, and click -> updated UI, median and p95.
 * Figures only, no assertions: run by `npm run bench`, not by `npm test`.
 */
import { click, deskModel, mount, option } from '../../browser/element-fixture.js';

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
