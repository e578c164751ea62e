/**
 * The page's side of the checking worker: one request in flight at a time,
 * and only the newest text is checked next (typing fast never queues up a
 * backlog of stale checks).
 */
import type { CheckRequest, CheckResponse } from './protocol.js';

/** Receives an answer with the request it answers (to tell whether the text has changed since). */
export type Answer = (res: CheckResponse, req: Omit<CheckRequest, 'id'>) => void;

export class RulesChecker {
  private worker: Worker;
  private nextId = 1;
  private busy = false;
  private pending: Omit<CheckRequest, 'id'> | undefined;
  private inFlight: Omit<CheckRequest, 'id'> | undefined;
  private last = '';

  constructor(private readonly answer: Answer) {
    this.worker = new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<CheckResponse>) => {
      this.busy = false;
      this.answer(e.data, this.inFlight!);
      this.flush();
    };
  }

  /** Asks for a check of these texts; skipped when nothing changed since the last one. */
  check(req: Omit<CheckRequest, 'id'>): void {
    const key = JSON.stringify(req);
    if (key === this.last) return;
    this.last = key;
    this.pending = req;
    this.flush();
  }

  private flush(): void {
    if (this.busy || !this.pending) return;
    this.busy = true;
    this.inFlight = this.pending;
    this.worker.postMessage({ ...this.pending, id: this.nextId++ });
    this.pending = undefined;
  }
}
