/**
 * A choice module as a radio group of cards or colour swatches (few options)
 * or a native select (many). Unavailable options stay in place, marked
 * `aria-disabled`, with the engine's reason in a tooltip that is also the
 * option's accessible description. Keyboard: one tab stop per group, arrow
 * keys move, available options are chosen as focus lands on them, Space or
 * Enter on an unavailable one offers the resolution.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CompiledValue } from '../rules/model.js';
import { type ModuleView, isAvailable, labelId, optionId, priceDelta, reasonId } from './module-view.js';

/** Above this many options a module is a select (unless the rules file says otherwise). */
export const SELECT_THRESHOLD = 6;

export type ChoiceDisplay = 'cards' | 'swatches' | 'select';

export function choiceDisplay(view: ModuleView): ChoiceDisplay {
  const d = view.module.display;
  if (d === 'cards' || d === 'swatches' || d === 'select') return d;
  const values = view.module.values;
  if (values.length > SELECT_THRESHOLD) return 'select';
  if (values.some((v) => v.swatch)) return 'swatches';
  return 'cards';
}

export function renderChoice(view: ModuleView): TemplateResult {
  const display = choiceDisplay(view);
  return display === 'select' ? renderSelect(view) : renderRadios(view, display);
}

function renderRadios(view: ModuleView, display: 'cards' | 'swatches'): TemplateResult {
  const values = view.module.values;
  const shownIndex = values.findIndex((v) => v.id === view.shown);
  const tabIndexOf = (i: number): number => (view.disabled ? -1 : i === (shownIndex < 0 ? 0 : shownIndex) ? 0 : -1);
  const onKey = (e: KeyboardEvent): void => keyNavigate(e, view);
  return html`<div
    class="options ${display}"
    role="radiogroup"
    aria-labelledby=${labelId(view)}
    aria-disabled=${view.disabled ? 'true' : nothing}
    @keydown=${onKey}
  >
    ${values.map((v, i) => renderRadio(view, v, i, display, tabIndexOf(i)))}
  </div>`;
}

function renderRadio(view: ModuleView, v: CompiledValue, i: number, display: 'cards' | 'swatches', tabIndex: number): TemplateResult {
  const available = isAvailable(view, v.id);
  const selected = v.id === view.shown;
  const delta = selected ? '' : view.money.delta(priceDelta(view, v.id));
  const reason = available ? undefined : view.reason(v.id);
  const parts = ['option', display === 'swatches' ? 'swatch-option' : 'card', selected ? 'option-selected' : '', available ? '' : 'option-unavailable']
    .filter(Boolean)
    .join(' ');
  const ask = (): void => {
    if (!available) view.wantReason(v.id);
  };
  const describedBy = [v.description && display === 'cards' ? `${optionId(view, i)}-d` : '', available ? '' : reasonId(view, i)].filter(Boolean).join(' ');
  return html`<div
    id=${optionId(view, i)}
    part=${parts}
    class="option ${display === 'swatches' ? 'swatch-option' : 'card'} ${selected ? 'selected' : ''} ${available ? '' : 'unavailable'}"
    role="radio"
    aria-checked=${selected ? 'true' : 'false'}
    aria-disabled=${available && !view.disabled ? 'false' : 'true'}
    aria-describedby=${describedBy || nothing}
    tabindex=${tabIndex}
    data-value=${String(v.id)}
    @click=${() => !view.disabled && view.choose(v.id)}
    @mouseenter=${ask}
    @focus=${ask}
  >
    ${display === 'swatches'
      ? html`<span part="swatch" class="swatch" style=${v.swatch ? `--bto-swatch:${safeColour(v.swatch)}` : ''}></span>`
      : nothing}
    <span class="option-text">
      <span class="option-head">
        <span part="option-label" class="option-label">${v.label}</span>
        ${delta ? html`<span part="price option-price" class="option-price">${delta}</span>` : nothing}
      </span>
      ${v.description && display === 'cards'
        ? html`<span part="option-description" class="option-description" id="${optionId(view, i)}-d">${v.description}</span>`
        : nothing}
    </span>
    ${available
      ? nothing
      : html`<span part="reason" class="reason" role="tooltip" id=${reasonId(view, i)}
          >${reason ? reason : 'Not available with your current choices.'}</span
        >`}
  </div>`;
}

/** A swatch colour from a rules file goes into a style attribute: keep it to colour syntax. */
function safeColour(colour: string): string {
  return /^[#a-zA-Z0-9(),.%\s-]+$/.test(colour) ? colour : 'transparent';
}

function keyNavigate(e: KeyboardEvent, view: ModuleView): void {
  if (view.disabled) return;
  const group = e.currentTarget as HTMLElement;
  const radios = [...group.querySelectorAll<HTMLElement>('[role="radio"]')];
  const current = radios.indexOf(e.target as HTMLElement);
  if (current < 0) return;
  const values = view.module.values;
  let next = -1;
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowDown':
      next = (current + 1) % radios.length;
      break;
    case 'ArrowLeft':
    case 'ArrowUp':
      next = (current - 1 + radios.length) % radios.length;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = radios.length - 1;
      break;
    case ' ':
    case 'Enter':
      e.preventDefault();
      view.choose(values[current].id);
      return;
    default:
      return;
  }
  e.preventDefault();
  for (const r of radios) r.tabIndex = -1;
  radios[next].tabIndex = 0;
  radios[next].focus();
  if (isAvailable(view, values[next].id)) view.choose(values[next].id);
}

function renderSelect(view: ModuleView): TemplateResult {
  const values = view.module.values;
  const onChange = (e: Event): void => {
    const i = Number((e.target as HTMLSelectElement).value);
    view.choose(values[i].id);
  };
  const shownIndex = values.findIndex((v) => v.id === view.shown);
  const closed = values.filter((v) => !isAvailable(view, v.id));
  // Native options take no tooltip a keyboard reaches: the reasons are asked for
  // when the select gets focus and listed under it, tied by aria-describedby.
  const onFocus = (): void => closed.forEach((v) => view.wantReason(v.id));
  const known = closed.map((v) => [v, view.reason(v.id)] as const).filter(([, r]) => r);
  const notesId = `${labelId(view)}-unavailable`;
  return html`<select
      part="select"
      class="select"
      aria-labelledby=${labelId(view)}
      aria-describedby=${known.length ? notesId : nothing}
      ?disabled=${view.disabled}
      @change=${onChange}
      @focus=${onFocus}
      @pointerenter=${onFocus}
    >
      ${values.map((v, i) => {
        const available = isAvailable(view, v.id);
        const delta = i === shownIndex ? '' : view.money.delta(priceDelta(view, v.id));
        const text = [v.label, delta, available ? '' : '(unavailable)'].filter(Boolean).join(' \u00b7 ');
        const reason = available ? undefined : view.reason(v.id);
        return html`<option value=${i} .selected=${i === shownIndex} data-available=${available ? 'true' : 'false'} title=${reason ?? nothing}>${text}</option>`;
      })}
    </select>
    ${known.length
      ? html`<ul part="select-reasons" class="select-reasons" id=${notesId}>
          ${known.map(([v, r]) => html`<li><strong>${v.label}</strong>: ${r}</li>`)}
        </ul>`
      : nothing}`;
}
