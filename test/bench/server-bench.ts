/**
 * The quote service's speed, in `npm run bench` (serverBench) or alone
 * (`node --import tsx test/bench/server-bench.ts`):
 * - the promise engine alone on the desk: quotes per second;
 * - the service on loopback under autocannon, 50 connections for 10 s,
 *   POST /api/quote over a mix of desk configurations: requests/s and
 *   p50/p99 latency (target: >= 2,000 quotes/s, p99 < 50 ms).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { loadOps } from '../../src/promise/load-ops.js';
import { promiseDelivery } from '../../src/promise/promise.js';
import { loadRules } from '../../src/rules/load.js';

const SELECTIONS: Record<string, string | number>[] = [
  { top: 'oak' },
  { top: 'walnut' },
  { frame: 'pro', width: 180, keypad: 'app' },
  { top: 'white', drawer: 'slim', cables: 'tray' },
  { frameColour: 'silver', depth: 'd80' },
];
const COUNTRIES = ['DE', 'FR', 'CH', 'US'];

export interface ServerBenchResult {
  enginePerSecond: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Promise engine alone: complete + price + promise, as the service does per quote. */
function engineQuotesPerSecond(): number {
  const rules = loadRules(readFileSync('rules/desk.yaml', 'utf8'), 'rules/desk.yaml');
  const ops = loadOps(readFileSync('rules/desk.ops.yaml', 'utf8'), 'rules/desk.ops.yaml', rules.model).ops!;
  const { engine, model } = rules as Required<typeof rules>;
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) {
    const configuration = engine.complete(SELECTIONS[n % SELECTIONS.length])!;
    engine.price(configuration);
    promiseDelivery({ model, ops, configuration, destination: { country: COUNTRIES[n % COUNTRIES.length] }, orderTime: new Date() });
    n++;
  }
  return (n / (performance.now() - start)) * 1000;
}

/** The URL the service process prints once it listens. */
async function serviceUrl(child: ChildProcess): Promise<string> {
  for await (const line of createInterface({ input: child.stdout! })) if (line.startsWith('{')) return (JSON.parse(line) as { url: string }).url;
  throw new Error('the service process ended before it listened');
}

export async function serverBench(durationSeconds = 10): Promise<ServerBenchResult> {
  console.log('\n== Quote service');
  const enginePerSecond = engineQuotesPerSecond();
  console.log(`promise engine alone (desk, complete + price + promise): ${Math.round(enginePerSecond).toLocaleString('en')} quotes/s`);

  // The service in its own process, as in production: autocannon in this one would eat the service's CPU time.
  const dataDir = mkdtempSync(join(tmpdir(), 'bto-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/node/server-process.ts', 'rules'], {
    env: { ...process.env, BTO_DATA: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await serviceUrl(child);
    const requests = SELECTIONS.flatMap((selection) =>
      COUNTRIES.map((country) => ({
        method: 'POST' as const,
        path: '/api/quote',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ product: 'desk', selection, destination: { country } }),
      })),
    );
    const result = await autocannon({ url, connections: 50, duration: durationSeconds, requests });
    const errors = result.errors + result.timeouts + result.non2xx;
    const out: ServerBenchResult = {
      enginePerSecond,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors,
    };
    console.log(
      `service POST /api/quote, 50 connections, ${durationSeconds} s, PGlite: ${Math.round(out.requestsPerSecond).toLocaleString('en')} quotes/s, ` +
        `p50 ${out.p50} ms, p99 ${out.p99} ms, ${errors} errors/non-2xx (target >= 2,000/s, p99 < 50 ms)`,
    );
    return out;
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await serverBench();
