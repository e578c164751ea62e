/**
 * The seam between the element and three.js: what the element may ask of
 * the 3D stage. Only types live here, so the element can import this file
 * eagerly while three itself stays in the lazy chunk (stage.ts and below).
 */
import type { Value } from '../rules/model.js';
import type { ViewSpec } from '../rules/schema.js';

/** A configuration as the preview reads it: module id -> option id, number or null (empty). */
export type Configuration = Readonly<Record<string, Value>>;

export interface StageOptions {
  /** The absolute URL of the glTF/GLB file. */
  modelUrl: string;
  /** Its bytes, when the caller started fetching them while three was still downloading. */
  modelData?: Promise<ArrayBuffer>;
  view: ViewSpec;
  /** No auto-rotation and no damped (gliding) camera moves. */
  reducedMotion: boolean;
  /** The WebGL context was lost: show the 2D fallback until `onRestored`. */
  onLost(): void;
  /** The context came back and a frame is on screen again. */
  onRestored(): void;
}

/** GPU resources the renderer holds, as three counts them (`renderer.info.memory`). */
export interface StageMemory {
  geometries: number;
  textures: number;
}

export interface Stage {
  /** The canvas, already placed in the container given to `createStage`. */
  readonly canvas: HTMLCanvasElement;
  /** Model names the view refers to but the model lacks (nodes, materials, morph targets, variants). */
  readonly warnings: readonly string[];
  /** Shows a configuration; resolves once a frame showing it has been drawn. */
  show(configuration: Configuration): Promise<void>;
  /** Draws the current configuration now and returns it as a PNG data URL. */
  snapshot(): string;
  /** Like `snapshot`, as a PNG Blob. */
  snapshotBlob(): Promise<Blob | null>;
  memory(): StageMemory;
  /** True once `dispose` has run: every geometry, material, texture and the renderer are freed. */
  readonly disposed: boolean;
  dispose(): void;
}

export type CreateStage = (container: HTMLElement, options: StageOptions) => Promise<Stage>;
