import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../engine/context.js';
import { safeEqual } from '../engine/auth/secrets.js';
import { toAppError } from '../engine/errors.js';
import { runCliCommand, type CliCommand } from './commands.js';

/**
 * The local control channel of a running PGlite server: the CLI finds the server's port and a
 * per-start secret in <data dir>/kefu-server.json (mode 0600) and asks it to run a command.
 * Only loopback callers with the secret are served.
 */
const FILE = 'kefu-server.json';

export interface ServerInfo {
  pid: number;
  port: number;
  secret: string;
}

export function registerControl(app: FastifyInstance, ctx: AppContext): string {
  const secret = randomBytes(32).toString('base64url');
  app.post('/api/internal/cli', { schema: { hide: true }, config: { access: { auth: 'public' } } }, async (req, reply) => {
    const remote = req.socket.remoteAddress ?? '';
    const sent = req.headers['x-kefu-cli-secret'];
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote) || typeof sent !== 'string' || !safeEqual(sent, secret)) {
      return reply.status(403).send({ error: { code: 'forbidden', message: 'Local CLI only' } });
    }
    try {
      return { output: await runCliCommand(ctx, req.body as CliCommand) };
    } catch (e) {
      const known = toAppError(e);
      if (!known) throw e;
      return reply.status(known.statusCode).send({ error: { code: known.code, message: known.message } });
    }
  });
  return secret;
}

export function writeServerInfo(dataDir: string, info: ServerInfo): void {
  writeFileSync(join(dataDir, FILE), JSON.stringify(info), { mode: 0o600 });
}

export function removeServerInfo(dataDir: string): void {
  rmSync(join(dataDir, FILE), { force: true });
}

/** The running server on this data dir, if its process is alive. */
export function findRunningServer(dataDir: string): ServerInfo | null {
  try {
    const info = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as ServerInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}

export async function sendToServer(info: ServerInfo, cmd: CliCommand): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${info.port}/api/internal/cli`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kefu-cli-secret': info.secret },
    body: JSON.stringify(cmd),
  });
  const body = (await res.json()) as { output?: string; error?: { message: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `server answered ${res.status}`);
  return body.output ?? '';
}
