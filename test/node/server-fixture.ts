/** Shared by the server tests: a service on a free port over a temp PGlite folder, and request helpers. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, type ServeOptions, startServer } from '../../src/server/serve.js';

export const RULES_DIR = 'rules';
export const RACE_DIR = 'test/fixtures/race';

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

/** A service on port 0 (PGlite in a fresh temp folder unless `dataDir` or `databaseUrl` is given). */
export function testServer(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  return startServer({ rulesDir: RULES_DIR, port: 0, dataDir: tempDir('bto-server-'), warn: () => undefined, ...options });
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  // Tests read fields freely; the shapes are checked with the contract's schemas where it matters.
  body: Record<string, any>;
}

/** POSTs JSON to `url` (an http URL, or a path run through `app.request`). */
export async function post(target: RunningServer | string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
  const res = typeof target === 'string' ? await fetch(target + path, init) : await target.app.request(path, init);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

export const deskRequest = (over: Record<string, unknown> = {}) => ({
  product: 'desk',
  selection: { top: 'oak' },
  quantity: 1,
  destination: { country: 'DE' },
  ...over,
});
