/**
 * The library build: the `<bto-configurator>` element as one ES module in
 * dist/ (the rules loader with its YAML parser is a lazy chunk, fetched only
 * for a YAML/JSON source file, never for a compiled model).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {
      entry: 'src/element/bto-configurator.ts',
      formats: ['es'],
      fileName: () => 'bto-configurator.js',
    },
    rollupOptions: {
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
