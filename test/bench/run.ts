/** `npm run bench`: every benchmark, figures printed (no assertions: compare ratios within one run). */
import { spawnSync } from 'node:child_process';
import { engineBench } from './engine-bench.js';
import { serverBench } from './server-bench.js';

const step = (title: string, cmd: string, args: string[]): void => {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
};

await engineBench();
await serverBench();
step('Widget size (minified, gzip -9)', 'npx', ['tsx', 'test/bench/size.ts']);
step('3D preview chunk size (minified, gzip -9)', 'npx', ['tsx', 'test/bench/preview-size.ts']);
step('Widget timing in Chromium', 'npx', ['web-test-runner', '--config', 'web-test-runner.bench.config.js']);
