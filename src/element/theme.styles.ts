/**
 * The theming contract shared by every element of the package: the public
 * `--bto-*` custom properties a merchant sets, resolved once into private
 * `--_*` tokens with their defaults, so both elements theme alike.
 */
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_accent: var(--bto-color-accent, #1d5fd1);
    --_accent-text: var(--bto-color-accent-text, #ffffff);
    --_text: var(--bto-color-text, #1d1d1f);
    --_muted: var(--bto-color-muted, #5f6368);
    --_surface: var(--bto-color-surface, #ffffff);
    --_subtle: var(--bto-color-subtle, #f5f5f7);
    --_border: var(--bto-color-border, #d2d2d7);
    --_unavailable: var(--bto-color-unavailable, #6e6e73);
    --_warning: var(--bto-color-warning, #fff4e5);
    --_error: var(--bto-color-error, #b3261e);
    --_radius: var(--bto-radius, 12px);
    --_space: var(--bto-space, 8px);
    --_focus: var(--bto-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    display: block;
    font-family: var(--bto-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--bto-font-size, 16px);
    line-height: 1.4;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
`;
