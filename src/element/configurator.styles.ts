/** The element's look: everything a merchant may change is a custom property or a part. */
import { css } from 'lit';

export const configuratorStyles = css`
  :host {
    container-type: inline-size;
  }
  :host([disabled]) .modules {
    opacity: 0.6;
  }
  * {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .layout {
    display: grid;
    gap: calc(var(--_space) * 4);
  }
  @container (min-width: 760px) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(260px, 340px);
      align-items: start;
    }
    .summary {
      position: sticky;
      top: var(--bto-sticky-top, calc(var(--_space) * 2));
    }
    .layout .bar {
      display: none;
    }
  }
  .bar {
    position: sticky;
    bottom: 0;
    z-index: 3;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    margin: 0 calc(var(--_space) * -2);
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 2);
    background: var(--_surface);
    border-top: 1px solid var(--_border);
    box-shadow: 0 -6px 16px rgba(0, 0, 0, 0.06);
  }
  .bar-total {
    display: grid;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .bar-total strong {
    font-size: 1.25em;
    color: var(--_text);
  }
  [part~='preview'] {
    grid-column: 1 / -1;
  }
  [part~='preview']:not(.filled),
  [part~='promise']:not(.filled) {
    display: none;
  }
  .modules {
    display: grid;
    gap: calc(var(--_space) * 4);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .module-head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--_space);
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .module-label {
    font-weight: 600;
    font-size: 1.05em;
    padding: 0;
  }
  .module-value {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .module-description {
    color: var(--_muted);
    font-size: 0.9em;
    margin: calc(var(--_space) * -1) 0 calc(var(--_space) * 1.5);
  }
  .options.cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(190px, 1fr));
    gap: var(--_space);
  }
  .options.swatches {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 1.5);
  }
  .option {
    position: relative;
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
    justify-content: space-between;
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
    outline: none;
    transition: border-color 0.12s, box-shadow 0.12s;
  }
  .option:hover {
    border-color: var(--_muted);
  }
  .option:focus-visible {
    box-shadow: var(--_focus);
  }
  .option.selected {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .option.selected:focus-visible {
    box-shadow: inset 0 0 0 1px var(--_accent), var(--_focus);
  }
  .option.unavailable {
    border-style: dashed;
    color: var(--_unavailable);
    background: var(--_subtle);
  }
  .option-text {
    display: grid;
    gap: 4px;
    flex: 1;
    min-width: 0;
  }
  .option-head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--_space);
  }
  .swatch-option .option-head {
    flex-direction: column;
    align-items: center;
    gap: 0;
  }
  .option-label {
    font-weight: 500;
  }
  .option-description {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .option-price {
    white-space: nowrap;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .swatch-option {
    flex-direction: column;
    align-items: center;
    padding: var(--_space) calc(var(--_space) * 1.5);
    min-width: 92px;
    text-align: center;
    font-size: 0.9em;
  }
  .swatch {
    width: 40px;
    height: 40px;
    border-radius: 50%;
    background: var(--bto-swatch, transparent);
    border: 1px solid rgba(0, 0, 0, 0.15);
  }
  .unavailable .swatch {
    background: linear-gradient(135deg, transparent 46%, var(--_unavailable) 47%, var(--_unavailable) 53%, transparent 54%),
      var(--bto-swatch, transparent);
    opacity: 0.6;
  }
  .select-reasons {
    margin: calc(var(--_space) / 2) 0 0;
    padding-inline-start: calc(var(--_space) * 2);
    color: var(--_muted);
    font-size: 0.875em;
  }
  .reason {
    position: absolute;
    z-index: 2;
    left: 0;
    right: 0;
    top: calc(100% + 6px);
    min-width: 200px;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--bto-color-tooltip, #1d1d1f);
    color: var(--bto-color-tooltip-text, #ffffff);
    font-size: 0.85em;
    text-align: left;
    box-shadow: 0 6px 20px rgba(0, 0, 0, 0.18);
    visibility: hidden;
    opacity: 0;
    transition: opacity 0.12s;
    pointer-events: none;
  }
  .option:hover .reason,
  .option:focus .reason {
    visibility: visible;
    opacity: 1;
  }
  .select,
  .number-input {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 1.5);
  }
  .select {
    width: 100%;
    max-width: 420px;
  }
  .select:focus-visible,
  .number-input:focus-visible,
  .slider:focus-visible,
  button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .number {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--_space) calc(var(--_space) * 2);
    align-items: center;
  }
  .slider {
    width: 100%;
    accent-color: var(--_accent);
    height: 28px;
    background: linear-gradient(
        to right,
        transparent var(--bto-band-from),
        color-mix(in srgb, var(--_accent) 16%, transparent) var(--bto-band-from),
        color-mix(in srgb, var(--_accent) 16%, transparent) var(--bto-band-to),
        transparent var(--bto-band-to)
      )
      center / 100% 10px no-repeat;
    border-radius: 6px;
  }
  .number-field {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .number-input {
    width: 6.5em;
  }
  .range {
    grid-column: 1 / -1;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .none-toggle {
    grid-column: 1 / -1;
    font-size: 0.9em;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: calc(var(--_radius) * 0.75);
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 2.5);
    border: 1px solid transparent;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  button.secondary {
    background: var(--_surface);
    color: var(--_text);
    border-color: var(--_border);
  }
  button.link {
    background: none;
    color: var(--_accent);
    text-decoration: underline;
  }
  .clash {
    border-radius: var(--_radius);
    background: var(--_warning);
    border: 1px solid color-mix(in srgb, var(--_text) 15%, transparent);
    padding: calc(var(--_space) * 2);
    display: grid;
    gap: var(--_space);
  }
  .clash.done {
    background: var(--_subtle);
  }
  .clash p {
    margin: 0;
  }
  .clash-reason {
    color: var(--_muted);
  }
  .changes {
    margin: 0;
    padding-left: 1.2em;
  }
  .clash-actions {
    display: flex;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  .summary {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: calc(var(--_space) * 2.5);
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .summary-title {
    margin: 0;
    font-size: 1.15em;
  }
  .chosen {
    margin: 0;
    display: grid;
    gap: 4px;
    font-size: 0.9em;
  }
  .chosen-row {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }
  .chosen dt {
    color: var(--_muted);
  }
  .chosen dd {
    margin: 0;
    text-align: right;
  }
  .lines {
    list-style: none;
    margin: 0;
    padding: var(--_space) 0 0;
    border-top: 1px solid var(--_border);
    display: grid;
    gap: 4px;
    font-size: 0.9em;
  }
  .line,
  .total {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }
  .amount {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .total {
    margin: 0;
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
    font-weight: 700;
    font-size: 1.25em;
  }
  .checkout {
    width: 100%;
    padding: calc(var(--_space) * 1.75);
    font-size: 1.05em;
  }
  .incomplete {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .error {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2.5);
    background: var(--_subtle);
  }
  .error p {
    margin: 0 0 var(--_space);
  }
  .debug {
    margin-top: calc(var(--_space) * 2);
    font-size: 0.85em;
    color: var(--_error);
  }
  .debug code {
    white-space: pre-wrap;
    word-break: break-word;
  }
  .loading {
    color: var(--_muted);
    padding: calc(var(--_space) * 3);
  }
`;
