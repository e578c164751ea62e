/**
 * The editor's checking worker: loading, compiling and analysing a large
 * rules file takes long enough to drop keystrokes, so it happens off the
 * main thread.
 */
import { checkText } from './check-text.js';
import type { CheckRequest } from './protocol.js';

self.onmessage = (event: MessageEvent<CheckRequest>) => {
  self.postMessage(checkText(event.data));
};
