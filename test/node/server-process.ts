/**
 * One service process for the multi-process tests: `node --import tsx
 * test/node/server-process.ts RULES_DIR` with DATABASE_URL (and BTO_DATA) in
 * the environment; prints `{"url": ...}` on one line once it listens.
 */
import { envOptions, startServer } from '../../src/server/serve.js';

const server = await startServer({ ...envOptions(), rulesDir: process.argv[2], port: 0, warn: () => undefined });
console.log(JSON.stringify({ url: server.url }));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
