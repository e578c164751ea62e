/**
 * Writes the generated benchmark products to test/bench/out/ (git-ignored):
 * medium.yaml and car.yaml, and prints their shapes and sizes.
 *
 *   npx tsx test/bench/write-large.ts [seed]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  estimateLog10Configurations,
  generateCarScaleProduct,
  generateMediumProduct,
  shapeOf,
  toYaml,
  type GeneratedProduct,
} from './generate.js';

const seed = Number(process.argv[2] ?? 1);
const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });

const products: Array<[string, (seed: number) => GeneratedProduct]> = [
  ['medium', generateMediumProduct],
  ['car', generateCarScaleProduct],
];

for (const [name, generate] of products) {
  const t0 = performance.now();
  const product = generate(seed);
  const t1 = performance.now();
  const text = toYaml(product.file);
  const t2 = performance.now();
  const path = `${out}${name}.yaml`;
  writeFileSync(path, text);
  const shape = shapeOf(product.file);
  const exact = product.log10Configurations;
  console.log(
    `${path}: ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB` +
      ` (generated in ${(t1 - t0).toFixed(0)} ms, YAML in ${(t2 - t1).toFixed(0)} ms, seed ${seed})`,
  );
  console.log(
    `  ${shape.modules} modules, ${shape.options.total} options (min ${shape.options.min}, median ${shape.options.median}, max ${shape.options.max});` +
      ` ${shape.implications} implication rules; ${shape.tables} tables over ${shape.tableWidths.min}–${shape.tableWidths.max} modules,` +
      ` ${shape.rows.total} rows, ${shape.rows.under100} tables under 100 rows, largest ${shape.rows.largest.join(', ')}`,
  );
  console.log(
    `  valid configurations: ${exact === undefined ? '' : `10^${exact.toFixed(2)} exactly (by construction), `}` +
      `first-moment estimate 10^${estimateLog10Configurations(product.file).toFixed(2)}`,
  );
}
