/**
 * <bto-configurator> driven as a shopper would: cards, swatches, select,
 * slider, the clash -> resolve -> undo flow, keyboard only, reasons.
 */
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { BtoChangeDetail } from '../../src/element/bto-configurator.js';
import { click, moduleEl, mount, mountDesk, nextEvent, option, part, text } from './element-fixture.js';

describe('<bto-configurator> for the shopper', () => {
  afterEach(() => document.querySelectorAll('bto-configurator').forEach((e) => e.remove()));

  it('shows each module as a fitting control', async () => {
    const el = await mountDesk();
    expect(moduleEl(el, 'frame').querySelectorAll('[part~="card"]').length).to.equal(2);
    expect(moduleEl(el, 'frameColour').querySelectorAll('[part~="swatch"]').length).to.equal(3);
    expect(moduleEl(el, 'plug').querySelector('select')!.options.length).to.equal(8);
    const slider = moduleEl(el, 'width').querySelector<HTMLInputElement>('input[type=range]')!;
    expect([slider.min, slider.max, slider.step, slider.value]).to.deep.equal(['100', '200', '10', '140']);
    expect(text(moduleEl(el, 'width').querySelector('[part~="range"]'))).to.equal('Available: 100–200 cm');
    // An optional module offers "None", chosen by default.
    expect(option(el, 'drawer', 'null').getAttribute('aria-checked')).to.equal('true');
    // Prices are deltas against the shown choice.
    expect(text(option(el, 'frame', 'pro').querySelector('[part~="option-price"]'))).to.match(/^\+\s€180$/);
    expect(text(option(el, 'top', 'walnut').querySelector('[part~="option-price"]'))).to.match(/^\+\s€290$/);
  });

  it('chooses a card, updates the summary and fires bto-change', async () => {
    const el = await mountDesk();
    expect(part(el, 'checkout')).to.equal(null);
    expect(text(part(el, 'incomplete'))).to.contain('Frame');
    const changed = nextEvent<BtoChangeDetail>(el, 'bto-change');
    await click(el, option(el, 'frame', 'pro'));
    const { detail } = await changed;
    expect(detail.selection).to.deep.equal({ frame: 'pro' });
    expect(detail.valid && detail.complete).to.equal(true);
    expect(detail.price.amount).to.equal(39900 + 18000 + 6000); // base + dual motor + 140 cm (4 steps of 15)
    expect(option(el, 'frame', 'pro').getAttribute('aria-checked')).to.equal('true');
    expect(option(el, 'frame', 'pro').part.contains('option-selected')).to.equal(true);
    expect(text(part(el, 'total'))).to.contain('€639');
    expect(part(el, 'checkout')).to.not.equal(null);
  });

  it('keeps unavailable options visible, marked, with the reason on focus', async () => {
    const el = await mountDesk();
    await click(el, option(el, 'frame', 'basic'));
    const walnut = option(el, 'top', 'walnut');
    expect(walnut.getAttribute('aria-disabled')).to.equal('true');
    expect(walnut.part.contains('option-unavailable')).to.equal(true);
    walnut.focus();
    await el.updateComplete;
    const reason = el.shadowRoot!.getElementById(walnut.getAttribute('aria-describedby')!.split(' ').pop()!)!;
    expect(reason.getAttribute('part')).to.equal('reason');
    expect(text(reason)).to.match(/single-motor frame|dual-motor frame/);
    expect(getComputedStyle(reason).visibility).to.equal('visible');
  });

  it('offers the resolution for a clash, applies it in one click, and undoes it', async () => {
    const el = await mountDesk();
    await click(el, option(el, 'frame', 'basic'));
    await click(el, option(el, 'top', 'walnut'));
    const dialog = part(el, 'resolve-dialog')!;
    expect(text(dialog)).to.contain('Walnut needs a change');
    expect(text(dialog)).to.match(/Frame: Single motor → ?becomes Dual motor/);
    expect(text(dialog.querySelector('[part~="resolve-price"]'))).to.match(/\+\s€470/);
    expect(el.selection).to.deep.equal({ frame: 'basic' }); // nothing changed yet
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'resolve-apply'));
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.contain('Switch?');

    const changed = nextEvent<BtoChangeDetail>(el, 'bto-change');
    await click(el, part(el, 'resolve-apply'));
    expect((await changed).detail.selection).to.deep.equal({ top: 'walnut' });
    expect(el.state!.configuration!.frame).to.equal('pro');
    expect(option(el, 'top', 'walnut').getAttribute('aria-checked')).to.equal('true');
    expect(text(part(el, 'resolve-dialog'))).to.contain('Switched to Walnut');

    await click(el, part(el, 'resolve-undo'));
    expect(el.selection).to.deep.equal({ frame: 'basic' });
    expect(part(el, 'resolve-dialog')).to.equal(null);
  });

  it('configures with the keyboard only: one tab stop per module, arrows choose', async () => {
    const el = await mountDesk();
    const frame = moduleEl(el, 'frame');
    const stops = [...frame.querySelectorAll<HTMLElement>('[role="radio"]')].map((r) => r.tabIndex);
    expect(stops).to.deep.equal([0, -1]);
    frame.querySelector<HTMLElement>('[tabindex="0"]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.selection).to.deep.equal({ frame: 'pro' });
    expect(el.shadowRoot!.activeElement).to.equal(option(el, 'frame', 'pro'));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(option(el, 'frameColour', 'black'));
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.selection).to.deep.equal({ frame: 'pro', frameColour: 'white' });
    // Arrows land on an unavailable option without choosing it; Space offers the resolution.
    await click(el, option(el, 'frame', 'basic'));
    option(el, 'top', 'oak').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(option(el, 'top', 'walnut'));
    expect(el.selection).to.not.have.property('top');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(part(el, 'resolve-dialog')).to.not.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'resolve-apply'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.selection.top).to.equal('walnut');
  });

  it('takes numbers from the slider and the input, within the allowed range', async () => {
    const el = await mountDesk();
    await click(el, option(el, 'frame', 'basic'));
    const width = moduleEl(el, 'width');
    expect(text(width.querySelector('[part~="range"]'))).to.equal('Available: 100–160 cm');
    const slider = width.querySelector<HTMLInputElement>('input[type=range]')!;
    slider.value = '150';
    slider.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(el.selection).to.deep.equal({ frame: 'basic', width: 150 });
    const input = width.querySelector<HTMLInputElement>('input[type=number]')!;
    expect(input.value).to.equal('150');
    input.value = '196'; // snapped to the 10 cm grid, then outside the range: a clash
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(text(part(el, 'resolve-dialog'))).to.contain('200 cm needs');
    await click(el, part(el, 'resolve-apply'));
    expect(el.selection).to.deep.equal({ width: 200 });
    expect(el.state!.configuration!.frame).to.equal('pro');
  });

  it('chooses from a select for modules with many options', async () => {
    const el = await mountDesk();
    const select = moduleEl(el, 'plug').querySelector('select')!;
    expect(text(select.options[5])).to.match(/USA and Canada · \+\s€10/);
    select.value = '5';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(el.selection).to.deep.equal({ plug: 'us' });
  });

  it('gives the reasons of unavailable options in a select when it gets focus', async () => {
    const el = await mount((e) => {
      e.setAttribute('no-url', '');
      e.setAttribute('preview', 'off');
      e.src = '/rules/pc.yaml';
    });
    el.selection = { cpu: 'r5-7600' };
    await el.updateComplete;
    const select = moduleEl(el, 'mainboard').querySelector('select')!;
    expect(select.getAttribute('aria-describedby')).to.equal(null);
    select.focus();
    await el.updateComplete;
    await el.updateComplete;
    const notes = part(el, 'select-reasons')!;
    expect(select.getAttribute('aria-describedby')).to.equal(notes.id);
    expect(notes.querySelectorAll('li').length).to.equal(8);
    expect(text(notes)).to.contain("Z790 ATX: The processor doesn't fit this mainboard's socket.");
    const z790 = [...select.options].find((o) => o.textContent!.startsWith('Z790'))!;
    expect(z790.title).to.equal("The processor doesn't fit this mainboard's socket.");
  });

  it('shows a label with markup as text, never as markup', async () => {
    const el = await mount(async (e) => {
      e.setAttribute('no-url', '');
      e.rules = {
        product: { id: 'x', name: '<b>Bold</b> desk', currency: 'EUR', basePrice: 10 },
        modules: { top: { label: '<img src=x onerror="window.__pwned=1">Top', options: { a: { label: '<script>window.__pwned=1</script>Oak' } } } },
      };
    });
    expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect(text(option(el, 'top', 'a'))).to.contain('<script>window.__pwned=1</script>Oak');
    expect(text(moduleEl(el, 'top').querySelector('legend'))).to.contain('<img src=x');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
