/** The preview shows the configuration: colours, materials, parts and sizes change the rendered pixels. */
import { expect } from '@esm-bundle/chai';
import { brightness, changed, choose, mountPreview, pixels, solidBox, type Mounted } from './preview-fixture.js';

describe('3D preview: the configuration, seen', function () {
  this.timeout(60000);
  let m: Mounted;
  before(async () => {
    m = await mountPreview('desk', { frame: 'pro', frameColour: 'black', top: 'white', width: 140 });
  });
  after(() => m.el.parentElement?.remove());

  it('draws the model after the poster', async () => {
    expect(m.stage, 'a stage (WebGL works under SwiftShader)').to.exist;
    const part = m.el.shadowRoot!.querySelector('[part~="preview-stage"]')!;
    expect(part.getAttribute('role')).to.equal('img');
    expect(part.querySelector('canvas')).to.exist;
    expect(part.querySelector('[part~="preview-placeholder"]')).to.equal(null);
    expect(solidBox(await pixels(m.stage!)).count).to.be.greaterThan(1000);
  });

  it('a frame colour repaints the frame', async () => {
    const black = await pixels(m.stage!);
    await choose(m, { frameColour: 'white' });
    const white = await pixels(m.stage!);
    expect(changed(black, white)).to.be.greaterThan(0.01);
    expect(brightness(white)).to.be.greaterThan(brightness(black) + 10);
    await choose(m, { frameColour: 'black' });
    expect(changed(black, await pixels(m.stage!))).to.be.lessThan(0.002);
  });

  it('a top material (a KHR_materials_variants variant) changes the top', async () => {
    const laminate = await pixels(m.stage!);
    await choose(m, { top: 'walnut' });
    const walnut = await pixels(m.stage!);
    expect(changed(laminate, walnut)).to.be.greaterThan(0.01);
    expect(brightness(walnut)).to.be.lessThan(brightness(laminate) - 10);
    await choose(m, { top: 'white' });
  });

  it('an optional part shows and hides', async () => {
    const without = await pixels(m.stage!);
    await choose(m, { cables: 'tray-spine' });
    const withSpine = await pixels(m.stage!);
    expect(changed(without, withSpine)).to.be.greaterThan(0.002);
    expect(solidBox(withSpine).count).to.be.greaterThan(solidBox(without).count);
    m.el.selection = Object.fromEntries(Object.entries(m.el.selection).filter(([k]) => k !== 'cables'));
    await m.el.updateComplete;
    await m.feature.rendered;
    expect(changed(without, await pixels(m.stage!))).to.be.lessThan(0.002);
  });

  it('a numeric module resizes the model (width stretches the desk)', async () => {
    await choose(m, { width: 100 });
    const narrow = solidBox(await pixels(m.stage!));
    await choose(m, { width: 200, frame: 'pro' });
    const wide = solidBox(await pixels(m.stage!));
    // The camera reframes, so compare the shape: a wider desk is wider for its height.
    expect(wide.width / wide.height).to.be.greaterThan((narrow.width / narrow.height) * 1.2);
  });

  it('turns with the arrow keys', async () => {
    const before = await pixels(m.stage!);
    const part = m.el.shadowRoot!.querySelector<HTMLElement>('[part~="preview-stage"]')!;
    part.focus();
    part.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    part.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(changed(before, await pixels(m.stage!))).to.be.greaterThan(0.01);
  });

  it('labels the image with the configuration', async () => {
    const label = m.el.shadowRoot!.querySelector('[part~="preview-stage"]')!.getAttribute('aria-label')!;
    expect(label).to.contain('Standing desk');
    expect(label).to.contain('Width: 200 cm');
    expect(label).to.contain('Frame: Dual motor');
  });

  it('snapshot() returns a PNG and the checkout carries it', async () => {
    const url = await m.el.snapshot();
    expect(url).to.match(/^data:image\/png;base64,/);
    const blob = await m.stage!.snapshotBlob();
    expect(blob?.type).to.equal('image/png');
  });
});
