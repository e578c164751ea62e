/** Shared set-up for the 3D preview tests: a small preview of an example product, and pixel helpers. */
import type { BtoConfigurator } from '../../src/element/bto-configurator.js';
import type { PreviewFeature } from '../../src/element/preview-feature.js';
import type { Selection } from '../../src/rules/model.js';
import type { Stage } from '../../src/preview/seam.js';
import { mount } from './element-fixture.js';

export interface Mounted {
  el: BtoConfigurator;
  feature: PreviewFeature;
  stage: Stage | undefined;
}

/** The feature behind the element's `preview` part (a private field; tests look inside). */
export function featureOf(el: BtoConfigurator): PreviewFeature {
  return (el as unknown as { previewFeature: PreviewFeature }).previewFeature;
}

/**
 * Mounts an example product (rules/<product>.yaml, whose view points at
 * rules/models/) in a small box: software WebGL draws a 360 × 220 canvas fast.
 */
export async function mountPreview(product: 'desk' | 'pc' | 'bicycle' = 'desk', selection: Selection = {}): Promise<Mounted> {
  const box = document.createElement('div');
  box.style.width = '360px';
  box.style.setProperty('--bto-preview-height', '220px');
  // First on the page: the stage loads only once it is in view.
  document.body.prepend(box);
  const el = await mount((e) => {
    e.setAttribute('no-url', '');
    e.src = `/rules/${product}.yaml`;
    e.selection = selection;
  }, box);
  const feature = featureOf(el);
  const stage = await feature.ready;
  return { el, feature, stage };
}

/** Changes the selection and waits until the preview has drawn it. */
export async function choose(m: Mounted, selection: Selection): Promise<void> {
  m.el.selection = { ...m.el.selection, ...selection };
  await m.el.updateComplete;
  await m.feature.rendered;
}

/** The RGBA pixels of the stage's snapshot. */
export async function pixels(stage: Stage): Promise<ImageData> {
  const bitmap = await createImageBitmap(await (await fetch(stage.snapshot())).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
}

/** Share of pixels whose colour differs by more than `threshold` (0..255) in any channel. */
export function changed(a: ImageData, b: ImageData, threshold = 24): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4)
    if ([0, 1, 2, 3].some((c) => Math.abs(a.data[i + c] - b.data[i + c]) > threshold)) n++;
  return n / (a.data.length / 4);
}

/** The box of solid pixels (the product; the shadow and background are transparent or faint). */
export function solidBox(img: ImageData): { width: number; height: number; count: number } {
  let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1, count = 0;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++)
      if (img.data[(y * img.width + x) * 4 + 3] > 200) {
        count++;
        minX = Math.min(minX, x); maxX = Math.max(maxX, x);
        minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      }
  return { width: maxX - minX + 1, height: maxY - minY + 1, count };
}

/** Mean brightness (0..255) of the solid pixels. */
export function brightness(img: ImageData): number {
  let sum = 0, n = 0;
  for (let i = 0; i < img.data.length; i += 4)
    if (img.data[i + 3] > 200) {
      sum += (img.data[i] + img.data[i + 1] + img.data[i + 2]) / 3;
      n++;
    }
  return n ? sum / n : 0;
}
