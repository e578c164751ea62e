/**
 * The 3D preview feature of <bto-configurator>, as a lit reactive controller:
 * it fills the `preview` slot's default content with a labelled stage,
 * waits until that stage scrolls into view (IntersectionObserver), then
 * imports three.js (a lazy chunk, src/preview/) and shows the model; after
 * each update it hands the configuration to the stage. The option UI never
 * waits for any of it.
 *
 * Until the first frame the poster shows; without WebGL, on a failed model
 * or while the context is lost, the 2D fallback (poster and option summary)
 * shows instead. Leaving the page (disconnect) frees every GPU resource.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CompiledModel, Value } from '../rules/model.js';
import type { Evaluation } from '../rules/results.js';
import type { ViewSpec } from '../rules/schema.js';
import type { Configuration, Stage } from '../preview/seam.js';

/** What the feature reads from the element. */
export interface PreviewHost extends ReactiveControllerHost, HTMLElement {
  readonly state: Evaluation | undefined;
  readonly model: CompiledModel | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  src: string | undefined;
  /** "off" turns the preview off. */
  preview: string | undefined;
}

type Phase = 'idle' | 'waiting' | 'loading' | 'ready' | 'fallback';

export class PreviewFeature implements ReactiveController {
  private readonly host: PreviewHost;
  private phase: Phase = 'idle';
  private stage: Stage | undefined;
  private observer: IntersectionObserver | undefined;
  private forModel: CompiledModel | undefined;
  private shownKey = '';
  private token = 0;
  private lastConfiguration: Configuration = {};
  private settle: (stage: Stage | undefined) => void = () => {};
  /** Resolves with the stage once its first frame is drawn, or undefined (fallback, off, torn down). */
  ready: Promise<Stage | undefined> = this.resetReady();
  /** Resolves once the last configuration handed to the stage is on screen. */
  rendered: Promise<void> = Promise.resolve();

  constructor(host: PreviewHost) {
    this.host = host;
    host.addController(this);
  }

  /** The stage, once loaded (tests read its memory counters). */
  get current(): Stage | undefined {
    return this.stage;
  }

  get showing(): Phase {
    return this.phase;
  }

  private resetReady(): Promise<Stage | undefined> {
    this.settle(undefined);
    return (this.ready = new Promise((resolve) => (this.settle = resolve)));
  }

  private view(): ViewSpec | undefined {
    const view = this.host.model?.view as ViewSpec | undefined;
    const off = ['off', 'false', 'none'].includes((this.host.preview ?? '').toLowerCase());
    const slotted = this.host.querySelector(':scope > [slot="preview"]') !== null;
    return !off && !slotted && typeof view?.model === 'string' ? view : undefined;
  }

  /** The rules file's folder: the view's URLs are relative to it. */
  private url(relative: string): string {
    const base = this.host.src ? new URL(this.host.src, document.baseURI) : new URL(document.baseURI);
    return new URL(relative, base).href;
  }

  hostConnected(): void {
    // Reattached after a removal: build the stage again on the next update.
    if (this.phase === 'idle') this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.teardown();
  }

  hostUpdated(): void {
    const view = this.view();
    if (!view || this.host.model !== this.forModel) this.teardown();
    if (!view) return;
    this.forModel = this.host.model;
    this.lastConfiguration = this.configuration() ?? this.lastConfiguration;
    const box = this.host.renderRoot.querySelector<HTMLElement>('.preview-stage');
    if (this.phase === 'idle' && box) {
      this.phase = 'waiting';
      this.observer = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.observer?.disconnect();
        this.observer = undefined;
        void this.load(view, box.querySelector<HTMLElement>('.preview-canvas')!);
      });
      this.observer.observe(box);
    }
    this.push();
  }

  private teardown(): void {
    this.token++;
    this.observer?.disconnect();
    this.observer = undefined;
    this.stage?.dispose();
    this.stage = undefined;
    this.forModel = undefined;
    this.shownKey = '';
    if (this.phase !== 'idle') {
      this.phase = 'idle';
      this.resetReady();
    }
  }

  private async load(view: ViewSpec, container: HTMLElement): Promise<void> {
    const token = ++this.token;
    this.phase = 'loading';
    this.host.requestUpdate();
    try {
      if (!webglAvailable()) throw new Error('WebGL is not available');
      // The model downloads while three does: two requests in parallel, not in a row.
      const modelUrl = this.url(view.model);
      const modelData = fetch(modelUrl).then((r) => {
        if (!r.ok) throw new Error(`the model ${modelUrl} answered ${r.status}`);
        return r.arrayBuffer();
      });
      modelData.catch(() => {}); // reported by createStage when it awaits it
      const { createStage } = await import('../preview/stage.js');
      if (token !== this.token) return;
      const stage = await createStage(container, {
        modelUrl,
        modelData,
        view,
        reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
        onLost: () => this.setPhase('fallback'),
        onRestored: () => this.setPhase('ready'),
      });
      if (token !== this.token) return stage.dispose();
      for (const w of stage.warnings) console.warn(`<bto-configurator> preview: ${w}`);
      this.stage = stage;
      this.push();
      await this.rendered;
      this.setPhase('ready');
      this.settle(stage);
    } catch (e) {
      if (token !== this.token) return;
      console.warn(`<bto-configurator> preview: ${e instanceof Error ? e.message : String(e)}; showing the 2D fallback`);
      this.setPhase('fallback');
      this.settle(undefined);
    }
  }

  private setPhase(phase: Phase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }

  /** Hands the current configuration to the stage when it changed. */
  private push(): void {
    if (!this.stage) return;
    const key = JSON.stringify(this.lastConfiguration);
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.rendered = this.stage.show(this.lastConfiguration);
  }

  /** The completed configuration, or while it is invalid, what each module shows. */
  private configuration(): Configuration | undefined {
    const { state, model } = this.host;
    if (!state || !model) return undefined;
    if (state.configuration) return state.configuration;
    return Object.fromEntries(model.modules.map((m) => [m.id, state.modules[m.id]?.selected ?? m.values[m.defaultIndex]?.id ?? null]));
  }

  /** A PNG data URL of the configuration on screen, or null without a drawn preview. */
  snapshotNow(): string | null {
    return this.phase === 'ready' && this.stage ? this.stage.snapshot() : null;
  }

  async snapshot(): Promise<string | null> {
    if (this.phase === 'loading') await this.ready;
    await this.rendered;
    return this.snapshotNow();
  }

  /** The stage in the `preview` slot's default content; nothing without a view. */
  render(): TemplateResult | typeof nothing {
    const view = this.view();
    const model = this.host.model;
    if (!view || !model) return nothing;
    const lines = describe(model, this.configuration() ?? this.lastConfiguration);
    const label = `${model.product.name}, 3D preview: ${lines.join('; ')}. Drag or use the arrow keys to turn it.`;
    const posterUrl = view.poster ?? model.product.image;
    const poster = posterUrl ? html`<img class="preview-poster" part="preview-poster" src=${this.url(posterUrl)} alt="" />` : nothing;
    const phase = this.phase;
    return html`<div class="preview-stage ${phase}" part="preview-stage" role="img" aria-label=${label} tabindex="0" aria-busy=${phase === 'loading' || phase === 'waiting' ? 'true' : 'false'}>
      <div class="preview-canvas"></div>
      ${phase === 'fallback'
        ? html`<div class="preview-fallback" part="preview-fallback">
            ${poster}
            <ul>${lines.map((l) => html`<li>${l}</li>`)}</ul>
          </div>`
        : phase !== 'ready'
          ? html`<div class="preview-placeholder" part="preview-placeholder">${poster}<span class="preview-loading">Loading the 3D preview\u2026</span></div>`
          : nothing}
    </div>`;
  }
}

/** "Frame: Dual motor", "Width: 140 cm", ... for the label and the fallback. */
function describe(model: CompiledModel, configuration: Configuration): string[] {
  const out: string[] = [];
  for (const m of model.modules) {
    const v: Value | undefined = configuration[m.id];
    if (v === null || v === undefined) continue;
    const text = m.kind === 'number' ? `${v}${m.unit ? ` ${m.unit}` : ''}` : (m.values.find((x) => x.id === v)?.label ?? String(v));
    out.push(`${m.label}: ${text}`);
  }
  return out;
}

/** Asks for a context before downloading three; frees it at once. */
function webglAvailable(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null && gl !== undefined;
  } catch {
    return false;
  }
}
