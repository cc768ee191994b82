#!/usr/bin/env node
// Runs every *.test.ts under packages/ and apps/ with node's test runner (through tsx, against the
// sources). Browser suites (*.browser.test.ts) run only when Chromium is present; the Postgres suite
// runs when TEST_DATABASE_URL is set (each file then also runs on PostgreSQL).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'apps', 'bench'];
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(p);
  }
}
for (const r of roots) if (existsSync(r)) walk(r);
const filter = process.argv.slice(2);
const chosen = files
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .filter((f) => !f.endsWith('.browser.test.ts') || existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'))
  .sort();
const concurrency = process.env.KEFU_TEST_CONCURRENCY ?? '2';
const r = spawnSync(
  process.execPath,
  ['--conditions=kefu-src', '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...chosen],
  { stdio: 'inherit', env: { TZ: 'UTC', ...process.env, NODE_ENV: 'test' } },
);
process.exit(r.status ?? 1);
