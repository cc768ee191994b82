#!/usr/bin/env node
// The kefu CLI. Runs the compiled server; `npm run build` (or `npm start`) compiles it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('kefu is not built yet: run "npm run build" in the repository root (npm start does it for you).');
  process.exit(1);
}
await import(main.href);
