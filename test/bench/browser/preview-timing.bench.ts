/**
 * The 3D preview's timing in headless Chromium (SwiftShader: software WebGL,
 * so a real GPU is much faster): preview scrolled into view -> first frame
 * (three's chunk and the model fetched, cold then warm), option change ->
 * updated frame, median and p95, and the JS heap around 200 changes.
 * Figures only, no assertions: run by `npm run bench`, not by `npm test`.
 */
import '../../../src/element/bto-configurator.js';
import type { BtoConfigurator } from '../../../src/element/bto-configurator.js';
import type { Selection } from '../../../src/rules/model.js';
import { featureOf } from '../../browser/preview-fixture.js';

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95) };
}
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const heap = (): number | undefined => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
const mb = (n: number | undefined): string => (n === undefined ? 'n/a' : `${(n / 1048576).toFixed(1)} MB`);

/** Mounts the desk below the fold, so the preview is not yet visible. */
async function mountHidden(): Promise<{ el: BtoConfigurator; box: HTMLElement }> {
  const box = document.createElement('div');
  box.style.cssText = 'width: 720px; margin-top: 3000px; --bto-preview-height: 400px';
  document.body.append(box);
  const el = document.createElement('bto-configurator');
  el.setAttribute('no-url', '');
  el.src = '/rules/desk.yaml';
  el.selection = { frame: 'pro', width: 140 };
  box.append(el);
  await el.loadComplete;
  return { el, box };
}

describe('3D preview timing (desk, 720 × 400 canvas)', function () {
  this.timeout(600000);

  it('first frame after the preview becomes visible, and frames per option change', async () => {
    const firsts: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { el, box } = await mountHidden();
      const feature = featureOf(el);
      const t0 = performance.now();
      box.style.marginTop = '0';
      await feature.ready;
      firsts.push(performance.now() - t0);
      box.remove();
    }
    const { el, box } = await mountHidden();
    const feature = featureOf(el);
    box.style.marginTop = '0';
    await feature.ready;
    const changes: Selection[] = [
      { frameColour: 'white' }, { top: 'oak' }, { width: 180 }, { drawer: 'slim' }, { keypad: 'memory' },
      { frameColour: 'silver' }, { top: 'walnut' }, { cables: 'tray-spine' }, { width: 120 }, { depth: 'd80' },
      { frameColour: 'black' }, { top: 'white' }, { keypad: 'simple' }, { width: 140 }, { depth: 'd70' },
    ];
    const change = async (c: Selection): Promise<number> => {
      const t0 = performance.now();
      el.selection = { ...el.selection, ...c };
      await el.updateComplete;
      await feature.rendered;
      return performance.now() - t0;
    };
    for (const c of changes) await change(c); // every part shown once (uploads)
    const memoryBefore = feature.current!.memory();
    const heapBefore = heap();
    const times: number[] = [];
    for (let i = 0; i < 200; i++) times.push(await change(changes[i % changes.length]));
    const heapAfter = heap();
    const memoryAfter = feature.current!.memory();
    box.remove();
    const w = stats(firsts.slice(1));
    const c = stats(times);
    console.log(`preview: visible -> first frame: cold ${ms(firsts[0])} (three chunk + model fetched), warm median ${ms(w.median)}, p95 ${ms(w.p95)} (${firsts.length - 1} runs)`);
    console.log(`preview: option change -> updated frame: median ${ms(c.median)}, p95 ${ms(c.p95)} (${times.length} changes)`);
    console.log(`preview: renderer.info.memory before/after 200 changes: ${JSON.stringify(memoryBefore)} / ${JSON.stringify(memoryAfter)}`);
    console.log(`preview: JS heap before/after 200 changes: ${mb(heapBefore)} / ${mb(heapAfter)} (performance.memory, no forced GC)`);
  });
});
