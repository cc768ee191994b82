import type { Config } from '../engine/config.js';
import { describeDatabase } from '../engine/db/database.js';
import { createLogger } from '../engine/logger.js';
import { createRuntime, type Role } from '../engine/runtime.js';
import { demoLoginHint } from '../modules/demo/seed-demo.js';
import { registerControl, removeServerInfo, writeServerInfo } from './control.js';

/** `kefu start`: builds the runtime, listens, and shuts down gracefully on SIGINT/SIGTERM. */
export async function startServer(config: Config, role: Role): Promise<void> {
  const t0 = performance.now();
  const log = createLogger(config.logLevel);
  let secret: string | null = null;
  const rt = await createRuntime(config, log, {
    role,
    onApp: (app, ctx) => {
      if (!config.databaseUrl) secret = registerControl(app, ctx);
    },
  });
  if (rt.app) {
    await rt.app.listen({ port: config.port, host: config.host });
    const port = (rt.app.server.address() as { port: number }).port;
    if (secret) writeServerInfo(config.dataDir, { pid: process.pid, port, secret });
    const url = config.publicUrl ?? `http://localhost:${port}`;
    const demo = await demoLoginHint(rt.ctx).catch(() => null);
    log.info(
      {
        url,
        role,
        database: describeDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
        startupMs: Math.round(performance.now() - t0),
      },
      `Kefu is ready on ${url} (API docs: ${url}/api/docs). ` +
        (demo ?? `No demo yet? Run "npx kefu seed-demo" for one, or POST ${url}/api/v1/setup to create the owner.`),
    );
  } else {
    log.info({ role, startupMs: Math.round(performance.now() - t0) }, 'Kefu worker is running');
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await rt.close();
      if (secret) removeServerInfo(config.dataDir);
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
