/** The preview stage's look: a framed, subtle box; the poster and fallback sit over the canvas until it draws. */
import { css } from 'lit';

export const previewStyles = css`
  .preview-stage {
    position: relative;
    height: var(--bto-preview-height, clamp(260px, 42vw, 460px));
    border-radius: var(--_radius);
    background: radial-gradient(ellipse at 50% 35%, var(--_surface) 0%, var(--_subtle) 75%);
    overflow: hidden;
    outline: none;
  }
  .preview-stage:focus-visible {
    box-shadow: var(--_focus);
  }
  .preview-canvas {
    position: absolute;
    inset: 0;
    cursor: grab;
  }
  .preview-placeholder,
  .preview-fallback {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    color: var(--_muted);
  }
  .preview-poster {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .preview-loading {
    position: relative;
    font-size: 0.9em;
  }
  .preview-fallback ul {
    position: relative;
    margin: 0;
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
    list-style: none;
    background: color-mix(in srgb, var(--_surface) 88%, transparent);
    border-radius: var(--_radius);
    color: var(--_text);
    font-size: 0.9em;
  }
`;
