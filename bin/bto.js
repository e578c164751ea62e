#!/usr/bin/env node
// The CLI runs from the TypeScript sources through tsx, so `npx bto` works
// straight after `npm install` without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
