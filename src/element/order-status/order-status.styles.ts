/** The status element's look: the same custom properties as `<bto-configurator>`, plus parts. */
import { css } from 'lit';

export const orderStatusStyles = css`
  * {
    box-sizing: border-box;
  }
  [part~='base'] {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
  }
  h2,
  h3 {
    margin: 0 0 var(--_space);
    line-height: 1.2;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1em;
    margin-top: calc(var(--_space) * 2);
  }
  [part~='message'] {
    margin: 0 0 calc(var(--_space) * 2);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_subtle);
    border-left: 4px solid var(--_accent);
  }
  [part~='message-late'] {
    background: var(--_warning);
    border-left-color: #b25e00;
  }
  [part~='dates'] {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    margin: 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
  }
  [part~='timeline'] {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part~='step'] {
    position: relative;
    padding: 0 0 calc(var(--_space) * 1.5) calc(var(--_space) * 3.5);
  }
  [part~='step']::before {
    content: '';
    position: absolute;
    left: 4px;
    top: 0.3em;
    width: 12px;
    height: 12px;
    border-radius: 50%;
    border: 2px solid var(--_accent);
    background: var(--_accent);
  }
  [part~='step']:not(:last-child)::after {
    content: '';
    position: absolute;
    left: 10px;
    top: calc(0.3em + 14px);
    bottom: 0;
    width: 2px;
    background: var(--_border);
  }
  [part~='step-pending']::before {
    background: var(--_surface);
    border-color: var(--_border);
  }
  [part~='step-pending'] {
    color: var(--_muted);
  }
  .when,
  [part~='tracking'] {
    display: block;
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~='error'] {
    color: var(--_error);
    margin: 0 0 var(--_space);
  }
  [part~='footer'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin-top: var(--_space);
    color: var(--_muted);
    font-size: 0.875em;
  }
  button {
    font: inherit;
    color: var(--_accent-text);
    background: var(--_accent);
    border: 0;
    border-radius: calc(var(--_radius) / 2);
    padding: calc(var(--_space) / 2) calc(var(--_space) * 1.5);
    cursor: pointer;
  }
  button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
`;
