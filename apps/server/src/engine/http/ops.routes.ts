import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { AppContext } from '../context.js';
import { pendingMigrations } from '../db/migrate.js';

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'kefu_' });
const httpDuration = new client.Histogram({
  name: 'kefu_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});
const wsClients = new client.Gauge({ name: 'kefu_realtime_clients', help: 'Open realtime WebSocket connections', registers: [registry] });

/** Liveness, readiness and Prometheus metrics: outside /api/v1, no auth. */
export function registerOpsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unknown';
    httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/ready', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ctx.database.execute('select 1');
      const pending = await pendingMigrations(ctx.database);
      if (pending.length > 0) return reply.status(503).send({ status: 'migrations_pending', pending });
      return { status: 'ready', database: ctx.database.kind };
    } catch {
      return reply.status(503).send({ status: 'database_unreachable' });
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    wsClients.set(ctx.hub.size);
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
