import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(import.meta.dirname, '..', '..');
const KEFU = join(ROOT, 'apps', 'server', 'bin', 'kefu.js');
const run = promisify(execFile);
const stopping = new WeakSet<ChildProcess>();

export interface ServerEnv {
  dataDir: string;
  databaseUrl?: string | undefined;
}

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** ms from spawn until GET /api/health answered 200 */
  readyMs: number;
  stderr: () => string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function envOf(e: ServerEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KEFU_DATA_DIR: e.dataDir, KEFU_LOG_LEVEL: 'warn', ...extra };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  if (e.databaseUrl) env.DATABASE_URL = e.databaseUrl;
  return env;
}

/**
 * Spawns `node apps/server/bin/kefu.js start --role all` and polls GET /api/health until it
 * answers 200. `nodeArgs` go before the script (e.g. --cpu-prof).
 */
export async function startServer(e: ServerEnv, opts: { nodeArgs?: string[]; timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), KEFU, 'start', '--role', 'all'], {
    cwd: ROOT,
    env: envOf(e, { PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    err = (err + d).slice(-20_000);
  });
  let exited: number | null = null;
  child.on('exit', (code, signal) => {
    exited = code ?? -1;
    if (!stopping.has(child)) console.error(`server ${child.pid} exited unexpectedly (${code ?? signal}):\n${err.slice(-4000)}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = t0 + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (exited !== null) throw new Error(`server exited with ${exited} before it was ready:\n${err}`);
    if (performance.now() > deadline) {
      stopping.add(child);
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${opts.timeoutMs ?? 120_000} ms:\n${err}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { child, pid: child.pid!, port, url, readyMs: Math.round(performance.now() - t0), stderr: () => err };
}

/** SIGTERM and wait for the exit (SIGKILL after 30 s). */
export async function stopServer(s: RunningServer): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  stopping.add(s.child);
  const done = new Promise<void>((resolve) => s.child.once('exit', () => resolve()));
  s.child.kill('SIGTERM');
  const t = setTimeout(() => s.child.kill('SIGKILL'), 30_000);
  await done;
  clearTimeout(t);
}

/** Runs a kefu CLI command against the data dir (and DATABASE_URL); returns trimmed stdout. */
export async function kefuCli(e: ServerEnv, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [KEFU, ...args], { cwd: ROOT, env: envOf(e), maxBuffer: 1 << 20 });
  return stdout.trim();
}

export interface Memory {
  rssMB: number;
  peakRssMB: number;
}

/** VmRSS and VmHWM of a process from /proc/<pid>/status, in MB. */
export function memoryOf(pid: number): Memory {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
  return { rssMB: Math.round(kb('VmRSS') / 1024), peakRssMB: Math.round(kb('VmHWM') / 1024) };
}

const CLK_TCK = 100;
/** CPU seconds (user + system) used so far by a process. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every process named `postgres` (the PostgreSQL server and backends). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      total += cpuSecondsOf(Number(d));
    } catch {
      /* gone */
    }
  }
  return total;
}
