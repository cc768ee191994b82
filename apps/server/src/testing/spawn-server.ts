import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '../cli/main.ts');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Runs the kefu CLI from source (no build needed) and returns its output; `input` is written to its stdin. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--conditions=kefu-src', '--import', 'tsx', MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, KEFU_LOG_LEVEL: 'warn', ...env },
    });
    if (input !== undefined) p.stdin.end(input);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  url: string;
  logs: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `kefu start` in a child process and resolves when it logs that it is ready. */
export function spawnServer(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--conditions=kefu-src', '--import', 'tsx', MAIN, 'start', ...args], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', KEFU_LOG_LEVEL: 'info', ...env },
    });
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not become ready:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /"url":"(http:\/\/[^"]+:(\d+))"/.exec(out);
      if (m?.[1] && m[2]) {
        clearTimeout(timer);
        proc.stdout?.off('data', onData);
        proc.stdout?.on('data', (x: Buffer) => (out += x.toString()));
        const exited = new Promise<void>((r) => proc.on('exit', () => r()));
        resolve({
          proc,
          port: Number(m[2]),
          url: `http://127.0.0.1:${m[2]}`,
          logs: () => out,
          async stop(signal = 'SIGTERM') {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            await exited;
          },
        });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      if (!/"url":"/.test(out)) reject(new Error(`server exited (${code}) before ready:\n${out}`));
    });
  });
}
