/**
 * `bto serve [rulesDir]`: the reference quote service on a port, for the
 * demo store and for merchants trying the API. Environment: PORT, HOST,
 * DATABASE_URL, BTO_SECRET, BTO_ORIGINS, BTO_DATA (see docs-server.md).
 */
import { type Command, InvalidArgumentError } from 'commander';
import { envOptions, startServer } from '../server/serve.js';

function portNumber(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number from 0 to 65535');
  return n;
}

/** Adds `bto serve` to the program. */
export function registerServeCommand(program: Command): Command {
  return program
    .command('serve')
    .description('Run the quote service: POST /api/quote, POST /api/orders, GET /api/health, GET /api/openapi.json')
    .argument('[rulesDir]', 'folder of rules files, each with its .ops.yaml beside it', 'rules')
    .option('-p, --port <n>', 'port (env PORT; default 8787; 0 picks a free one)', portNumber)
    .option('--host <host>', 'interface to listen on (env HOST; default 127.0.0.1)')
    .option('--data <dir>', 'folder of the embedded database when DATABASE_URL is not set (env BTO_DATA; default .bto-data)')
    .action(async (rulesDir: string, opts: { port?: number; host?: string; data?: string }) => {
      const env = envOptions();
      const port = opts.port ?? (process.env.PORT ? portNumber(process.env.PORT) : 8787);
      const server = await startServer({
        ...env,
        rulesDir,
        port,
        host: opts.host ?? process.env.HOST ?? '127.0.0.1',
        ...(opts.data ? { dataDir: opts.data } : {}),
      });
      const store = env.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${opts.data ?? env.dataDir ?? '.bto-data'}`;
      console.log(`bto quote service: ${server.url}/api  (products: ${[...server.service.catalog.products.keys()].join(', ')}; store: ${store})`);
      const stop = (): void => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
