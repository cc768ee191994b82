import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { loadConfig, type Config } from '../engine/config.js';
import type { Clock } from '../engine/clock.js';
import type { AppContext } from '../engine/context.js';
import { openDatabase } from '../engine/db/database.js';
import { createLogger } from '../engine/logger.js';
import { createRuntime, type Runtime } from '../engine/runtime.js';
import { inTransaction } from '../engine/db/tx.js';
import { systemActor } from '../engine/auth/principal.js';
import { issueToken } from '../modules/tokens/tokens.routes.js';
import { insertUser } from '../modules/users/users.repository.js';
import { insertWorkspace } from '../modules/workspaces/workspaces.repository.js';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI). */
export function backends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestApp {
  backend: Backend;
  rt: Runtime;
  ctx: AppContext;
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
}

/** A fresh database (in-memory PGlite, or a private schema on PostgreSQL) with a running app (`opts.clock`: a fake clock). */
export async function startTestApp(backend: Backend, overrides: Partial<Config> = {}, opts: { clock?: Clock } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-test-'));
  const config = { ...loadConfig({ KEFU_DATA_DIR: dataDir, KEFU_LOG_LEVEL: process.env.KEFU_TEST_LOG ?? 'silent' }), ...overrides };
  const suffix = randomBytes(5).toString('hex');
  let dropSchemas: (() => Promise<void>) | null = null;
  let database;
  if (backend === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `t_${suffix}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.query('create extension if not exists pg_trgm');
    await admin.end();
    database = await openDatabase({ databaseUrl: url, dataDir, searchPath: schema, poolSize: 5 });
    config.databaseUrl = url;
    dropSchemas = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade; drop schema if exists pgboss_${suffix} cascade`);
      await c.end();
    };
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  const rt = await createRuntime(config, createLogger(config.logLevel), {
    role: 'all',
    database,
    jobSchema: `pgboss_${suffix}`,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return {
    backend,
    rt,
    ctx: rt.ctx,
    app: rt.app!,
    config,
    async close() {
      await rt.close();
      await dropSchemas?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` once per backend, each with its own app, started before and closed after. */
export function eachBackend(name: string, fn: (get: () => TestApp) => void): void {
  for (const backend of backends()) {
    describe(`${name} [${backend}]`, () => {
      let t: TestApp | null = null;
      before(async () => {
        t = await startTestApp(backend);
      });
      after(async () => {
        await t?.close();
      });
      fn(() => {
        if (!t) throw new Error('app not started');
        return t;
      });
    });
  }
}

export interface Agent {
  workspaceId: string;
  userId: string;
  email: string;
  token: string;
  role: string;
}

/** A workspace with an owner, directly through the repositories. */
export async function makeWorkspace(
  t: TestApp,
  name = `WS ${randomBytes(3).toString('hex')}`,
): Promise<{ workspaceId: string; slug: string; owner: Agent }> {
  const ws = await inTransaction(t.ctx, (trx) =>
    insertWorkspace(trx, { name, slug: `ws-${randomBytes(5).toString('hex')}`, language: 'zh-CN', timeZone: 'Asia/Shanghai' }),
  );
  const owner = await makeAgent(t, ws.id, 'owner');
  return { workspaceId: ws.id, slug: ws.slug, owner };
}

export async function makeAgent(t: TestApp, workspaceId: string, role = 'agent', scopes = ['read', 'write', 'admin']): Promise<Agent> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.com`;
  return inTransaction(t.ctx, async (trx) => {
    const u = await insertUser(trx, { workspaceId, email, name: `${role} ${email.slice(0, 12)}`, role, password: 'correct horse battery' });
    const { secret } = await issueToken(trx, systemActor(workspaceId), { userId: u.id, name: 'test', scopes, expiresAt: null }, new Date());
    return { workspaceId, userId: u.id, email, token: secret, role };
  });
}

export async function makeCustomerToken(t: TestApp, workspaceId: string, customerId: string): Promise<string> {
  return inTransaction(
    t.ctx,
    async (trx) =>
      (
        await issueToken(
          trx,
          systemActor(workspaceId),
          { customerId, name: 'test', scopes: ['read', 'write'], expiresAt: null },
          new Date(),
        )
      ).secret,
  );
}

/** app.inject with a bearer token; returns status and parsed JSON. */
export async function call(t: TestApp, who: { token: string } | null, method: InjectOptions['method'], url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: who ? { authorization: `Bearer ${who.token}` } : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  let body: any = null;
  try {
    body = res.json();
  } catch {
    body = res.body;
  }
  return { status: res.statusCode, body, headers: res.headers };
}
