/**
 * The lazy 3D preview chunk's size: builds the element with the library
 * config (vite.config.ts), finds the chunk holding three (src/preview/stage.ts
 * and everything only it imports), gzips it at level 9 and checks the
 * 175 KB gz budget, beside @google/model-viewer's bundle with three.
 *
 * Usage: tsx test/bench/preview-size.ts   (or call previewSize() from run.ts)
 */
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { build, type Rollup } from 'vite';

const BUDGET_GZ = 175 * 1024;
const MODEL_VIEWER_GZ = 289 * 1024;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

export interface PreviewSize {
  /** Minified bytes of the lazy chunks with three (the preview stage and its own imports). */
  min: number;
  /** The same, gzip -9. */
  gz: number;
  budgetGz: number;
}

export async function previewSize(): Promise<PreviewSize> {
  const result = await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { write: false, sourcemap: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = new Map<string, Rollup.OutputChunk>();
  for (const out of outputs) for (const item of out.output) if (item.type === 'chunk') chunks.set(item.fileName, item);
  const stage = [...chunks.values()].find((c) => Object.keys(c.modules).some((id) => id.endsWith('/src/preview/stage.ts')));
  if (!stage) throw new Error('no chunk holds src/preview/stage.ts: is the preview still lazily imported?');
  // The stage chunk plus what it imports statically (three may be split off into its own chunk).
  const lazy = new Set<string>();
  const visit = (name: string): void => {
    if (lazy.has(name)) return;
    lazy.add(name);
    for (const dep of chunks.get(name)?.imports ?? []) visit(dep);
  };
  visit(stage.fileName);
  const entry = [...chunks.values()].find((c) => c.isEntry)!;
  const eager = new Set<string>();
  const visitEager = (name: string): void => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const dep of chunks.get(name)?.imports ?? []) visitEager(dep);
  };
  visitEager(entry.fileName);
  // Chunks the element loads anyway are not the preview's cost.
  const code = [...lazy].filter((n) => !eager.has(n)).map((n) => chunks.get(n)!.code).join('\n');
  return { min: Buffer.byteLength(code), gz: gzipSync(Buffer.from(code), { level: 9 }).length, budgetGz: BUDGET_GZ };
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
