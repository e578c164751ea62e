/**
 * The widget's library build (vite.config.ts) in memory, as the size
 * benchmarks read it: its chunks, the entry, and what a chunk pulls in.
 */
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

export const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
export const gzipSize = (code: string): number => gzipSync(Buffer.from(code), { level: 9 }).length;

export interface LibraryChunks {
  chunks: Map<string, Rollup.OutputChunk>;
  entry: Rollup.OutputChunk;
  /** The chunk and every chunk it imports statically, transitively (what loads with it). */
  closure(name: string): Set<string>;
}

export async function buildLibraryChunks(): Promise<LibraryChunks> {
  const result = await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { write: false, sourcemap: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = new Map<string, Rollup.OutputChunk>();
  for (const out of outputs) for (const item of out.output) if (item.type === 'chunk') chunks.set(item.fileName, item);
  const entry = [...chunks.values()].find((c) => c.isEntry);
  if (!entry) throw new Error('no entry chunk in the build');
  const closure = (name: string): Set<string> => {
    const seen = new Set<string>();
    const visit = (n: string): void => {
      if (seen.has(n)) return;
      seen.add(n);
      for (const dep of chunks.get(n)?.imports ?? []) visit(dep);
    };
    visit(name);
    return seen;
  };
  return { chunks, entry, closure };
}
