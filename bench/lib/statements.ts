import { countingProxy } from './pg-proxy.js';
import { startServer, stopServer, type ServerEnv } from './server.js';

export interface StatementCounts {
  /** statements per request, background (job polling) subtracted */
  perRequest: Record<string, number>;
  /** the statements behind one POST /api/v1/tickets, by their first 40 characters */
  createTicket: Array<{ statement: string; perTicket: number }>;
  backgroundPerSecond: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the server against PostgreSQL through a counting proxy and counts the SQL statements of
 * sequential requests: ticket creation (including the outbox publish it triggers) and each read.
 */
export async function countStatements(
  env: ServerEnv & { databaseUrl: string },
  token: string,
  body: () => string,
  reads: Record<string, string>,
): Promise<StatementCounts> {
  const u = new URL(env.databaseUrl);
  const proxy = await countingProxy({ host: u.hostname, port: Number(u.port || 5432) });
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  const server = await startServer({ ...env, databaseUrl: u.toString() });
  try {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await sleep(2000);
    proxy.reset();
    const idleFrom = performance.now();
    await sleep(3000);
    const background = proxy.counts().statements / ((performance.now() - idleFrom) / 1000);
    const measure = async (n: number, one: () => Promise<void>) => {
      proxy.reset();
      const t = performance.now();
      for (let i = 0; i < n; i++) await one();
      await sleep(300); // let the outbox publish
      const c = proxy.counts();
      const bg = (background * (performance.now() - t)) / 1000;
      return { perRequest: Math.round(((c.statements - bg) / n) * 10) / 10, byText: c.byText };
    };
    const N = 50;
    const create = await measure(N, async () => {
      const res = await fetch(`${server.url}/api/v1/tickets`, { method: 'POST', headers, body: body() });
      if (res.status !== 201) throw new Error(`create ticket: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    });
    const perRequest: Record<string, number> = { createTicket: create.perRequest };
    for (const [name, path] of Object.entries(reads)) {
      const r = await measure(20, async () => {
        const res = await fetch(`${server.url}${path}`, { headers });
        await res.arrayBuffer();
      });
      perRequest[name] = r.perRequest;
    }
    return {
      perRequest,
      createTicket: [...create.byText.entries()]
        .map(([statement, n]) => ({ statement, perTicket: Math.round((n / N) * 100) / 100 }))
        .filter((x) => x.perTicket >= 0.1)
        .sort((a, b) => b.perTicket - a.perTicket),
      backgroundPerSecond: Math.round(background * 10) / 10,
    };
  } finally {
    await stopServer(server);
    await proxy.close();
  }
}
