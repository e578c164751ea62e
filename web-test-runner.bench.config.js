// Browser benchmarks: the same Chromium setup as the tests, other files.
import config from './web-test-runner.config.js';

export default { ...config, files: ['test/bench/browser/**/*.bench.ts'], testFramework: { config: { timeout: 600000 } } };
