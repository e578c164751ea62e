/**
 * The storefront demo: a vite dev server rooted at the project, so the pages
 * in demo/ load the element from /src/ and the rules from /rules/ exactly as
 * a merchant's page loads them from a CDN and their own server.
 *
 * Usage: tsx demo/serve.ts [--port 5173] [--host 127.0.0.1]   (PORT and HOST also work)
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { envOptions, startServer } from '../src/server/serve.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(arg('port') ?? process.env.PORT ?? 5173);
const host = arg('host') ?? process.env.HOST ?? '127.0.0.1';

// The reference quote service runs in this process; the demo pages reach it
// as /api on their own origin through the dev server's proxy.
const api = await startServer({
  ...envOptions(),
  rulesDir: fileURLToPath(new URL('../rules', import.meta.url)),
  port: Number(process.env.API_PORT ?? 0),
});

const server = await createServer({
  root,
  configFile: false,
  appType: 'mpa',
  logLevel: 'warn',
  server: { port, host, strictPort: false, proxy: { '/api': api.url } },
  plugins: [
    {
      name: 'bto-demo-home',
      configureServer(s) {
        s.middlewares.use((req, res, next) => {
          if (req.url === '/' || req.url === '/index.html') {
            res.statusCode = 302;
            res.setHeader('Location', '/demo/');
            res.end();
            return;
          }
          next();
        });
      },
    },
  ],
});
await server.listen();
const address = server.resolvedUrls?.local[0] ?? `http://${host}:${port}/`;
console.log(`bto-configurator demo store: ${address}demo/`);
console.log(`  quote service: ${api.url}/api/health (also proxied as /api)`);
console.log('  desk:    ' + `${address}demo/desk.html`);
console.log('  pc:      ' + `${address}demo/pc.html`);
console.log('  bicycle: ' + `${address}demo/bicycle.html`);
