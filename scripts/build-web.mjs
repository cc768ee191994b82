#!/usr/bin/env node
// Builds the web app (apps/web → apps/web/dist) unless dist is newer than every source file, so
// `npm start` and the browser tests build it once and reuse it. `--force` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = 'apps/web';
const stamp = join(web, 'dist', 'index.html');
function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}
const sources = Math.max(newest(join(web, 'src')), statSync(join(web, 'index.html')).mtimeMs, newest('packages/contracts/src'));
if (!process.argv.includes('--force') && existsSync(stamp) && statSync(stamp).mtimeMs >= sources) process.exit(0);
const r = spawnSync(process.execPath, [join(process.cwd(), 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: web,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
