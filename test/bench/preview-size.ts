/**
 * The lazy 3D preview chunk's size: builds the element with the library
 * config (vite.config.ts), finds the chunk holding three (src/preview/stage.ts
 * and everything only it imports), gzips it at level 9 and checks the
 * 175 KB gz budget, beside @google/model-viewer's bundle with three.
 *
 * Usage: tsx test/bench/preview-size.ts   (or call previewSize() from run.ts)
 */
import { pathToFileURL } from 'node:url';
import { buildLibraryChunks, gzipSize, kb } from './library-chunks.js';

const BUDGET_GZ = 175 * 1024;
const MODEL_VIEWER_GZ = 289 * 1024;

export interface PreviewSize {
  /** Minified bytes of the lazy chunks with three (the preview stage and its own imports). */
  min: number;
  /** The same, gzip -9. */
  gz: number;
  budgetGz: number;
}

export async function previewSize(): Promise<PreviewSize> {
  const { chunks, entry, closure } = await buildLibraryChunks();
  const stage = [...chunks.values()].find((c) => Object.keys(c.modules).some((id) => id.endsWith('/src/preview/stage.ts')));
  if (!stage) throw new Error('no chunk holds src/preview/stage.ts: is the preview still lazily imported?');
  // The stage chunk plus what it imports statically (three may be split off into its own chunk).
  const lazy = closure(stage.fileName);
  const eager = closure(entry.fileName);
  // Chunks the element loads anyway are not the preview's cost.
  const code = [...lazy].filter((n) => !eager.has(n)).map((n) => chunks.get(n)!.code).join('\n');
  return { min: Buffer.byteLength(code), gz: gzipSize(code), budgetGz: BUDGET_GZ };
}

export function printPreviewSize(s: PreviewSize): void {
  console.log('3D preview (lazy chunk with three, GLTFLoader, OrbitControls, RoomEnvironment), minified, gzip -9');
  console.log(`  preview chunk                            ${kb(s.min).padStart(9)} min ${kb(s.gz).padStart(9)} gz   budget ${kb(s.budgetGz)}`);
  console.log(`  @google/model-viewer.min.js (with three)                ${kb(MODEL_VIEWER_GZ).padStart(9)} gz`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const s = await previewSize();
  printPreviewSize(s);
  if (s.gz > s.budgetGz) {
    console.error(`FAIL: the preview chunk is ${kb(s.gz)} gz; the budget is ${kb(s.budgetGz)}.`);
    process.exit(1);
  }
}
