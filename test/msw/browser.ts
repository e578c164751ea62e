/**
 * The msw worker for browser tests. mockServiceWorker.js is served from the
 * project root (web-test-runner's rootDir), so its scope covers the test pages.
 * Tests add their handlers with `worker.use(...)` and reset them after each.
 */
import { setupWorker } from 'msw/browser';

export const worker = setupWorker();

let started: Promise<unknown> | undefined;

/** Starts the worker once per test page; rules files and other requests pass through. */
export function startWorker(): Promise<unknown> {
  started ??= worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  return started;
}
