/**
 * A numeric module: a range slider and a number input on the module's grid,
 * with the range the current choices allow shown in words and as a band on
 * the track. Values outside it can still be picked: the element then offers
 * the engine's resolution.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { type ModuleView, labelId } from './module-view.js';

export function renderNumber(view: ModuleView): TemplateResult {
  const mod = view.module;
  const min = mod.min ?? 0;
  const max = mod.max ?? 0;
  const step = mod.step ?? 1;
  const unit = mod.unit ? ` ${mod.unit}` : '';
  const shown = typeof view.shown === 'number' ? view.shown : undefined;
  const range = view.state.range;
  const span = max - min || 1;
  const band = range
    ? `--bto-band-from:${((range.min - min) / span) * 100}%;--bto-band-to:${((range.max - min) / span) * 100}%`
    : '--bto-band-from:0%;--bto-band-to:0%';
  const snap = (x: number): number => {
    const clamped = Math.min(max, Math.max(min, x));
    return Number((min + Math.round((clamped - min) / step) * step).toFixed(10));
  };
  const commit = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const x = Number(input.value);
    if (input.value === '' || !Number.isFinite(x)) {
      input.value = shown === undefined ? '' : String(shown);
      return;
    }
    const v = snap(x);
    input.value = String(v);
    view.choose(v);
  };
  const rangeText = range
    ? range.min === range.max
      ? `Only ${range.min}${unit} with your choices`
      : `Available: ${range.min}\u2013${range.max}${unit}`
    : 'No size works with your current choices';
  const rangeId = `${labelId(view)}-range`;
  const noneChosen = view.shown === null;
  return html`<div class="number" part="number">
    <input
      part="slider"
      class="slider"
      type="range"
      min=${min}
      max=${max}
      step=${step}
      .value=${String(shown ?? min)}
      style=${band}
      aria-labelledby=${labelId(view)}
      aria-describedby=${rangeId}
      aria-valuetext=${shown === undefined ? 'none' : `${shown}${unit}`}
      ?disabled=${view.disabled || noneChosen}
      @change=${commit}
      @input=${(e: Event) => {
        const out = (e.target as HTMLElement).parentElement?.querySelector('input[type=number]') as HTMLInputElement | null;
        if (out) out.value = (e.target as HTMLInputElement).value;
      }}
    />
    <span class="number-field">
      <input
        part="number-input"
        class="number-input"
        type="number"
        inputmode="numeric"
        min=${min}
        max=${max}
        step=${step}
        .value=${shown === undefined ? '' : String(shown)}
        aria-labelledby=${labelId(view)}
        aria-describedby=${rangeId}
        ?disabled=${view.disabled || noneChosen}
        @change=${commit}
      />${mod.unit ? html`<span class="unit" aria-hidden="true">${mod.unit}</span>` : nothing}
    </span>
    <span part="range" class="range" id=${rangeId}>${rangeText}</span>
    ${mod.optional
      ? html`<label class="none-toggle"
          ><input
            type="checkbox"
            .checked=${noneChosen}
            ?disabled=${view.disabled}
            @change=${(e: Event) => view.choose((e.target as HTMLInputElement).checked ? null : snap(range?.min ?? min))}
          />
          None</label
        >`
      : nothing}
  </div>`;
}
