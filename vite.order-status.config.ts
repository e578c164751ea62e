/**
 * The `<bto-order-status>` element as its own ES module in dist/ (a build of
 * its own, so the configurator's bundle and size budget are untouched: the
 * status page of a shop needs no rules engine). Run after vite.config.ts
 * (`npm run build`), which empties dist/.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {
      entry: 'src/element/bto-order-status.ts',
      formats: ['es'],
      fileName: () => 'bto-order-status.js',
    },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
