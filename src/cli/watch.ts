/**
 * `bto check --watch FILE`, for product managers who keep their own editor:
 * re-checks on each save and redraws the report on a clean screen.
 */
import { watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface WatchHandle {
  /** Stops watching (tests, Ctrl-C handlers). */
  close(): void;
}

/** Editors save in bursts (write, rename, chmod): wait this long after the last event. */
const SETTLE_MS = 150;
const CLEAR = '\x1b[2J\x1b[3J\x1b[H';

/**
 * Runs `print(file)` now and again after each change of FILE.
 *
 * The directory is watched rather than the file: many editors save by
 * writing a new file and renaming it over the old one, which ends a watch on
 * the file itself after the first save.
 *
 * @param print - prints the report for the file (problems and analyses), as `bto check` does
 * @param opts.clear - clear the screen before each run (default: when stdout is a terminal)
 * @param opts.out - where to write the screen control codes and the status line (default: stdout)
 */
export function watchCheck(
  file: string,
  print: (file: string) => void | Promise<void>,
  opts: { clear?: boolean; out?: (text: string) => void } = {},
): WatchHandle {
  const out = opts.out ?? ((text: string) => void process.stdout.write(text));
  const clear = opts.clear ?? process.stdout.isTTY === true;
  const name = basename(file);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  const runOnce = (): void => {
    // Runs are chained so that a slow check never interleaves its output with the next one.
    running = running.then(async () => {
      if (clear) out(CLEAR);
      try {
        await print(file);
      } catch (e) {
        out(`${file}: error: ${(e as Error).message}\n`);
      }
      out(`\n[${new Date().toLocaleTimeString()}] watching ${file} — save to re-check, Ctrl-C to stop\n`);
    });
  };

  const watcher = watch(dirname(resolve(file)), (_event, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(runOnce, SETTLE_MS);
  });
  runOnce();
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
