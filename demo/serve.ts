/**
 * The storefront demo: a vite dev server rooted at the project, so the pages
 * in demo/ load the element from /src/ and the rules from /rules/ exactly as
 * a merchant's page loads them from a CDN and their own server.
 *
 * Usage: tsx demo/serve.ts [--port 5173] [--host 127.0.0.1]   (PORT and HOST also work)
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(arg('port') ?? process.env.PORT ?? 5173);
const host = arg('host') ?? process.env.HOST ?? '127.0.0.1';

const server = await createServer({
  root,
  configFile: false,
  appType: 'mpa',
  logLevel: 'warn',
  server: { port, host, strictPort: false },
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
console.log('  desk:    ' + `${address}demo/desk.html`);
console.log('  pc:      ' + `${address}demo/pc.html`);
console.log('  bicycle: ' + `${address}demo/bicycle.html`);
