/**
 * Where the element's rules come from: a URL (fetched with retries), or an
 * object set by script (a rules file or a model compiled by `bto build`).
 * A compiled model goes straight to the engine; anything else loads the
 * rules loader (and its YAML parser) as a lazy chunk, so a merchant who
 * ships compiled JSON never downloads it.
 */
import { compiledModelFromText, isCompiledModel } from '../rules/compiled-format.js';
import { Engine } from '../rules/engine.js';
import type { CompiledModel } from '../rules/model.js';
import type { Problem } from '../rules/problems.js';

export type RulesOutcome =
  | { ok: true; engine: Engine; problems: Problem[] }
  | { ok: false; failure: 'invalid' | 'network'; problems: Problem[]; message: string };

export interface RetryPolicy {
  tries: number;
  /** Delay before the 2nd try in ms; each further try waits 3 times longer. */
  firstDelay: number;
}

export const defaultRetry: RetryPolicy = { tries: 3, firstDelay: 400 };

/** Fetches and loads the rules at `url`. Network errors and 5xx responses are retried. */
export async function rulesFromUrl(url: string, signal: AbortSignal, retry: RetryPolicy = defaultRetry): Promise<RulesOutcome> {
  let lastError = '';
  for (let attempt = 0; attempt < retry.tries; attempt++) {
    if (attempt > 0) await wait(retry.firstDelay * 3 ** (attempt - 1), signal);
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch (e) {
      if (signal.aborted) throw e;
      lastError = `could not fetch ${url}: ${(e as Error).message}`;
      continue;
    }
    if (response.status >= 500) {
      lastError = `fetching ${url} answered HTTP ${response.status}`;
      continue;
    }
    if (!response.ok) {
      const message = `fetching ${url} answered HTTP ${response.status}`;
      return { ok: false, failure: 'invalid', problems: [], message };
    }
    return rulesFromText(await response.text(), fileName(url));
  }
  return { ok: false, failure: 'network', problems: [], message: `${lastError} (tried ${retry.tries} times)` };
}

/** Loads rules given as an object: a compiled model, or a rules file (validated like a YAML one). */
export async function rulesFromObject(data: unknown): Promise<RulesOutcome> {
  if (isCompiledModel(data)) return fromModel(data);
  return rulesFromText(JSON.stringify(data, null, 2), 'rules (property)');
}

/** Loads the text of a rules file (YAML or JSON) or of a compiled model. */
export async function rulesFromText(text: string, name: string): Promise<RulesOutcome> {
  const compiled = compiledModelFromText(text);
  if (compiled) return fromModel(compiled);
  try {
    const { loadRules } = await import('../rules/load.js');
    const loaded = loadRules(text, name);
    if (loaded.engine) return { ok: true, engine: loaded.engine, problems: loaded.problems };
    return { ok: false, failure: 'invalid', problems: loaded.problems, message: `${name} has errors` };
  } catch (e) {
    return { ok: false, failure: 'invalid', problems: [], message: `${name} could not be loaded: ${(e as Error).message}` };
  }
}

function fromModel(model: CompiledModel): RulesOutcome {
  try {
    return { ok: true, engine: new Engine(model), problems: [] };
  } catch (e) {
    return { ok: false, failure: 'invalid', problems: [], message: `the compiled model is broken: ${(e as Error).message}` };
  }
}

function fileName(url: string): string {
  const path = url.split(/[?#]/)[0];
  return path.slice(path.lastIndexOf('/') + 1) || url;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
