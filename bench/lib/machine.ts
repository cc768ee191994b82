import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT } from './server.js';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  pglite: string;
  autocannon: string;
  postgres: string | null;
  /** 1-minute load average when the benchmark of this backend started (other processes compete for the cores) */
  loadAverage1m: number;
  /** HEAD and the tracked files changed in the working tree right after the build */
  git: { commit: string; modified: string[] };
  /** when the newest file of apps/server/dist was written: the code the server ran */
  distBuiltAt: string;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  } catch {
    return '';
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function machine(postgres: string | null): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const version = (pkg: string) => {
    for (const dir of [join(ROOT, 'apps', 'server', 'node_modules'), join(ROOT, 'node_modules')]) {
      if (existsSync(join(dir, pkg, 'package.json')))
        return (JSON.parse(readFileSync(join(dir, pkg, 'package.json'), 'utf8')) as { version: string }).version;
    }
    return 'unknown';
  };
  return {
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pglite: version('@electric-sql/pglite'),
    autocannon: version('autocannon'),
    postgres,
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    distBuiltAt: new Date(newestMtime(join(ROOT, 'apps', 'server', 'dist'))).toISOString(),
    git: {
      commit: git(['rev-parse', '--short', 'HEAD']).trim(),
      modified: git(['status', '--porcelain', '--untracked-files=no'])
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(3)),
    },
  };
}

/** Busy CPU seconds of the whole machine so far (all cores, from /proc/stat). */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return (f.reduce((a, b) => a + b, 0) - idle) / 100;
}
