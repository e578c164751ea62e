/**
 * Why an option is unavailable, asked of the engine only when the shopper
 * looks (hover or focus) and remembered until the selection changes.
 */
import type { Engine } from '../rules/engine.js';
import type { Selection, Value } from '../rules/model.js';

export class ReasonCache {
  private key = '';
  private texts = new Map<string, string>();

  /** The cached reason, if it was asked for under this selection. */
  peek(selection: Selection, module: string, value: Value): string | undefined {
    this.sync(selection);
    return this.texts.get(`${module}\u0000${String(value)}`);
  }

  /** The reason, computed now when not cached. */
  get(engine: Engine, selection: Selection, module: string, value: Value): string {
    this.sync(selection);
    const k = `${module}\u0000${String(value)}`;
    let text = this.texts.get(k);
    if (text === undefined) {
      text = engine.explain(selection, module, value)?.text ?? '';
      this.texts.set(k, text);
    }
    return text;
  }

  private sync(selection: Selection): void {
    const key = JSON.stringify(Object.entries(selection));
    if (key !== this.key) {
      this.key = key;
      this.texts.clear();
    }
  }
}
