/** Shared set-up for the <bto-configurator> tests: the desk fixture and small DOM helpers. */
import { parse } from 'yaml';
import '../../src/element/bto-configurator.js';
import type { BtoConfigurator } from '../../src/element/bto-configurator.js';
import { compileRules } from '../../src/rules/compile.js';
import type { CompiledModel } from '../../src/rules/model.js';
import type { RulesFile } from '../../src/rules/schema.js';

export const DESK_URL = '/test/fixtures/element-desk.yaml';

let desk: CompiledModel | undefined;

/** The desk fixture compiled (the same model `bto build` would write). */
export async function deskModel(): Promise<CompiledModel> {
  desk ??= compileRules(parse(await (await fetch(DESK_URL)).text()) as RulesFile);
  return structuredClone(desk);
}

/** Adds an element to the page and waits until its rules are loaded and rendered. */
export async function mount(set: (el: BtoConfigurator) => void | Promise<void>, parent: HTMLElement = document.body): Promise<BtoConfigurator> {
  const el = document.createElement('bto-configurator');
  await set(el);
  parent.append(el);
  await el.loadComplete;
  return el;
}

export async function mountDesk(attrs: Record<string, string> = { 'no-url': '' }): Promise<BtoConfigurator> {
  const model = await deskModel();
  return mount((el) => {
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.rules = model;
  });
}

export function moduleEl(el: BtoConfigurator, module: string): HTMLElement {
  const i = el.model!.modules.findIndex((m) => m.id === module);
  const found = el.shadowRoot!.querySelector<HTMLElement>(`#m-${i}`);
  if (!found) throw new Error(`no module ${module}`);
  return found;
}

export function option(el: BtoConfigurator, module: string, value: string): HTMLElement {
  const found = moduleEl(el, module).querySelector<HTMLElement>(`[role="radio"][data-value="${value}"]`);
  if (!found) throw new Error(`no option ${module}=${value}`);
  return found;
}

export function part(el: BtoConfigurator, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

export function text(node: Element | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Clicks and waits for the re-render. */
export async function click(el: BtoConfigurator, target: HTMLElement | null): Promise<void> {
  if (!target) throw new Error('nothing to click');
  target.click();
  await el.updateComplete;
}

/** Resolves with the next event of that type. */
export function nextEvent<T = unknown>(target: EventTarget, type: string): Promise<CustomEvent<T>> {
  return new Promise((resolve) => target.addEventListener(type, (e) => resolve(e as CustomEvent<T>), { once: true }));
}
