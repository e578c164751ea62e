/** `bto check --watch`: re-runs on each save, once per burst of file events. */
import assert from 'node:assert/strict';
import { mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { watchCheck } from '../../src/cli/watch.js';

const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

test('watchCheck runs at once, after a save, and after a save by rename', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bto-watch-'));
  const file = join(dir, 'desk.yaml');
  await writeFile(file, 'a');
  const runs: string[] = [];
  const screen: string[] = [];
  const handle = watchCheck(file, (f) => void runs.push(f), { clear: true, out: (t) => void screen.push(t) });
  try {
    await until(() => runs.length === 1);
    await writeFile(file, 'b');
    await until(() => runs.length === 2);
    // Editors that save atomically write a temp file and rename it over the original.
    await writeFile(join(dir, '.desk.yaml.tmp'), 'c');
    await rename(join(dir, '.desk.yaml.tmp'), file);
    await until(() => runs.length === 3);
    assert.ok(screen.some((t) => t.startsWith('\x1b[2J')), 'clears the screen between runs');
  } finally {
    handle.close();
  }
});
