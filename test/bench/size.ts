/**
 * The widget's size budget: builds the element with the library config
 * (vite.config.ts), takes the entry plus every chunk it imports statically
 * (what a page downloads before the configurator works), gzips it at level 9
 * and fails above the budget. Lazy chunks (the YAML rules loader) are listed
 * apart. Prints model-viewer's published figures for comparison.
 *
 * Usage: tsx test/bench/size.ts
 */
import { buildLibraryChunks, gzipSize as gz, kb } from './library-chunks.js';

const BUDGET_GZ = 45 * 1024;
/** @google/model-viewer's published bundles, measured the same way (minified, gzip -9). */
const MODEL_VIEWER = [
  { name: 'model-viewer.min.js (with three)', min: 1069 * 1024, gz: 289 * 1024 },
  { name: 'model-viewer-module.min.js (without three)', min: 475 * 1024, gz: 143 * 1024 },
];

const { chunks, entry, closure } = await buildLibraryChunks();
const eager = closure(entry.fileName);

const included = [...eager].map((n) => chunks.get(n)!);
const hasThree = included.some((c) => Object.keys(c.modules).some((id) => id.includes('/node_modules/three/')));
const code = included.map((c) => c.code).join('\n');
const eagerMin = Buffer.byteLength(code);
const eagerGz = gz(code);

console.log('bto-configurator, minified, gzip -9');
for (const c of included) console.log(`  ${c.fileName.padEnd(40)} ${kb(Buffer.byteLength(c.code)).padStart(9)} min ${kb(gz(c.code)).padStart(9)} gz`);
console.log(`  ${'element (loaded up front)'.padEnd(40)} ${kb(eagerMin).padStart(9)} min ${kb(eagerGz).padStart(9)} gz   budget ${kb(BUDGET_GZ)}${hasThree ? '  (includes three!)' : ''}`);
for (const c of chunks.values())
  if (!eager.has(c.fileName)) console.log(`  lazy: ${c.fileName.padEnd(34)} ${kb(Buffer.byteLength(c.code)).padStart(9)} min ${kb(gz(c.code)).padStart(9)} gz`);
console.log('for comparison, @google/model-viewer (published bundles)');
for (const m of MODEL_VIEWER) console.log(`  ${m.name.padEnd(40)} ${kb(m.min).padStart(9)} min ${kb(m.gz).padStart(9)} gz`);

if (hasThree || eagerGz > BUDGET_GZ) {
  console.error(`FAIL: the element's own code is ${kb(eagerGz)} gz${hasThree ? ' and pulls in three' : ''}; the budget is ${kb(BUDGET_GZ)} without three.`);
  process.exit(1);
}
