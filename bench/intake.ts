import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkLoad, verifySearchVectors } from './lib/bulk-load.js';
import { explainReads } from './lib/explain.js';
import { intakeRuns, ticketBodies } from './lib/intake-runs.js';
import { sequentialGets, type RunResult } from './lib/load.js';
import { cleanRun, waitForQuiet, type CpuShare } from './lib/quiet.js';
import { createBenchDatabase, dropBenchDatabase } from './lib/postgres.js';
import { profileArgs, profileWindows, type ProfileSummary } from './lib/profile.js';
import { kefuCli, memoryOf, startServer, stopServer, type Memory, type RunningServer, type ServerEnv } from './lib/server.js';
import { countStatements } from './lib/statements.js';

export type Backend = 'pglite' | 'postgres';

export interface IntakeOptions {
  durationS: number;
  tickets: number;
  reads: number;
  concurrency: number[];
  warmupS: number;
  profile: boolean;
  /** keep the read phase's data dir / database for ad-hoc queries */
  keep: boolean;
  log: (msg: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The benchmarked reads: the inbox list (everyone's and mine) and search, Chinese and English. */
export const READS = {
  inbox: '/api/v1/tickets?status=new,open&sort=updated_desc&limit=25',
  inboxMine: '/api/v1/tickets?status=new,open&sort=updated_desc&limit=25&assignee=me',
  searchZh: `/api/v1/search?q=${encodeURIComponent('退款')}`,
  searchEn: '/api/v1/search?q=refund',
} as const;

/** A fresh data dir (and, for PostgreSQL, a fresh database), removed by `drop()`. */
async function freshInstance(backend: Backend) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
  const db = backend === 'postgres' ? await createBenchDatabase() : undefined;
  const env: ServerEnv = { dataDir, databaseUrl: db?.url };
  return {
    env,
    db,
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      if (db) await dropBenchDatabase(db.name);
    },
  };
}

/** The bench owner and an API token, through the CLI (over the control channel on PGlite). */
async function createWorkspace(env: ServerEnv): Promise<string> {
  const owner = ['--email', 'bench@example.com', '--name', 'Bench', '--role', 'owner', '--workspace-name', 'Bench'];
  await kefuCli(env, ['user', 'create', ...owner, '--password', 'bench-password-1']);
  const token = await kefuCli(env, ['token', 'create', '--email', 'bench@example.com', '--scopes', 'read,write,admin']);
  if (!/^\S{10,200}$/.test(token)) throw new Error(`unexpected token output: ${token}`);
  return token;
}

async function openDb(env: ServerEnv, poolSize = 2) {
  const { openDatabase } = await import('../apps/server/src/engine/db/database.js');
  return openDatabase({ databaseUrl: env.databaseUrl, dataDir: join(env.dataDir, 'pg'), poolSize });
}

/**
 * RSS with the demo workspace: the first-start process after `kefu seed-demo` (what `npm start`
 * plus `npx kefu seed-demo` leaves running), then a restarted process idle and after browsing
 * (20 inbox lists and 20 searches). Failures are recorded, not fatal.
 */
async function demoPhase(backend: Backend, memory: Record<string, Memory>, o: IntakeOptions) {
  const d = await freshInstance(backend);
  let server: RunningServer | null = null;
  try {
    o.log(`[${backend}] demo workspace: start, seed-demo, restart`);
    await waitForQuiet(o.log);
    server = await startServer(d.env);
    await sleep(2000);
    const t0 = performance.now();
    const out = await kefuCli(d.env, ['seed-demo']);
    const seedMs = Math.round(performance.now() - t0);
    await sleep(2000);
    memory.demoAfterSeed = memoryOf(server.pid);
    await stopServer(server);
    server = await startServer(d.env);
    await sleep(2000);
    memory.demoIdleAfterRestart = memoryOf(server.pid);
    const owner = /Owner:\s+(\S+@\S+)/.exec(out)?.[1] ?? 'owner@demo.example.com';
    const workspace = /"workspace":"([^"]+)"/.exec(out)?.[1] ?? 'demo';
    const token = await kefuCli(d.env, ['token', 'create', '--email', owner, '--workspace', workspace, '--scopes', 'read,write,admin']);
    for (let i = 0; i < 20; i++) {
      for (const path of [READS.inbox, READS.searchZh]) {
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
        await res.arrayBuffer();
      }
    }
    memory.demoAfterBrowsing = memoryOf(server.pid);
    o.log(
      `  seed-demo ${seedMs} ms; RSS after seed ${memory.demoAfterSeed.rssMB} MB, restarted ${memory.demoIdleAfterRestart.rssMB} MB, ` +
        `after browsing ${memory.demoAfterBrowsing.rssMB} MB`,
    );
    return { seedMs };
  } catch (e) {
    o.log(`  demo phase failed: ${(e as Error).message}`);
    return { error: (e as Error).message };
  } finally {
    if (server) await stopServer(server).catch(() => {});
    await d.drop().catch(() => {});
  }
}

/**
 * The whole benchmark on one backend. Intake runs on a fresh instance; the reads run on a second
 * fresh instance holding `tickets` realistic tickets (a hundred created through the API, the rest
 * bulk-loaded), so the intake tickets (all `new`, all just now) do not distort the inbox.
 */
export async function benchBackend(backend: Backend, o: IntakeOptions) {
  const profDir = o.profile ? mkdtempSync(join(tmpdir(), 'kefu-bench-prof-')) : null;
  const memory: Record<string, Memory> = {};
  const startup: Record<string, number> = {};
  const profiles: Record<string, ProfileSummary> = {};
  let server: RunningServer | null = null;
  const instances: Array<Awaited<ReturnType<typeof freshInstance>>> = [];
  try {
    // 0. The demo workspace: `kefu start`, then `kefu seed-demo`, then a restart and some browsing.
    const demo = await demoPhase(backend, memory, o);

    // 1. Intake.
    const a = await freshInstance(backend);
    instances.push(a);
    o.log(`[${backend}] intake: start on a fresh data dir${a.db ? ` (database ${a.db.name})` : ''}`);
    await waitForQuiet(o.log);
    let spawnedAt = performance.now();
    server = await startServer(a.env, { nodeArgs: profileArgs(profDir) });
    startup.freshDataDirMs = server.readyMs;
    await sleep(2000);
    memory.idleAfterStart = memoryOf(server.pid);
    const tokenA = await createWorkspace(a.env);
    const intake = await intakeRuns(server, tokenA, backend, a.db, o);
    memory.afterIntake = memoryOf(server.pid);
    await stopServer(server);
    server = null;
    if (profDir) {
      const windows = intake.windows.map((w) => ({ name: `intake c=${w.connections}`, ...w }));
      Object.assign(profiles, profileWindows(profDir, spawnedAt, windows));
    }
    await a.drop();
    instances.shift();

    // 2. A realistic data set of `tickets` tickets.
    const b = await freshInstance(backend);
    instances.push(b);
    o.log(`[${backend}] reads: ${o.tickets} tickets on a fresh data dir${b.db ? ` (database ${b.db.name})` : ''}`);
    server = await startServer(b.env);
    const token = await createWorkspace(b.env);
    const body = ticketBodies();
    for (let i = 0; i < Math.min(100, o.tickets); i++) {
      const res = await fetch(`${server.url}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body(),
      });
      if (res.status !== 201) throw new Error(`POST /api/v1/tickets: ${res.status} ${await res.text()}`);
    }
    await stopServer(server);
    server = null;
    let database = await openDb(b.env);
    const bulk = await bulkLoad(database, o.tickets);
    const vectorCheck = await verifySearchVectors(database, bulk.workspaceId);
    // PostgreSQL's autovacuum analyses a freshly loaded table within a minute; PGlite runs no autovacuum.
    if (backend === 'postgres') await database.execute('analyze');
    await database.close();
    o.log(
      `  ${bulk.insertedTickets} tickets bulk-loaded in ${bulk.seconds}s (${bulk.totalTickets} in all; ` +
        `${Math.round(bulk.refundShare * 100)}% mention 退款/refund; API-made search vectors reproduced: ${vectorCheck.same}/${vectorCheck.checked})`,
    );

    // 3. Cold start on the existing data dir, twice: the second is the "once built" figure.
    for (const k of ['existingDataDirFirstMs', 'existingDataDirSecondMs'] as const) {
      const last = k === 'existingDataDirSecondMs';
      await waitForQuiet(o.log);
      spawnedAt = performance.now();
      server = await startServer(b.env, { nodeArgs: last ? profileArgs(profDir) : [] });
      startup[k] = server.readyMs;
      o.log(`  cold start to ready: ${server.readyMs} ms`);
      if (!last) {
        await stopServer(server);
        server = null;
      }
    }
    await sleep(2000);
    memory.idleWithData = memoryOf(server!.pid);

    // 4. Reads.
    o.log(`[${backend}] reads at ${bulk.totalTickets} tickets, ${o.reads} sequential requests each`);
    const reads: Record<string, RunResult & { cpuCores: CpuShare; attempts: number }> = {};
    const readWindows: Array<{ name: string; fromMs: number; toMs: number }> = [];
    for (const [name, path] of Object.entries(READS)) {
      const run = await cleanRun(o.log, server!.pid, backend === 'postgres', async () => {
        const fromMs = performance.now();
        const r = await sequentialGets(server!.url, token, path, o.reads);
        return { r, fromMs, toMs: performance.now() };
      });
      reads[name] = { ...run.result.r, cpuCores: run.cpu, attempts: run.attempts };
      readWindows.push({ name: `read ${name}`, fromMs: run.result.fromMs, toMs: run.result.toMs });
      const l = run.result.r.latency;
      o.log(
        `  ${name}: p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms, p99 ${l.p99Ms} ms (${run.result.r.non2xx} non-2xx; other processes ${run.cpu.otherProcesses} cores)`,
      );
    }
    memory.afterReads = memoryOf(server!.pid);
    await stopServer(server!);
    server = null;
    if (profDir) Object.assign(profiles, profileWindows(profDir, spawnedAt, readWindows));

    // 5. Where the read time goes: plans, and statements per request.
    o.log(`[${backend}] EXPLAIN ANALYZE of the read queries`);
    const { tokenize } = await import('@kefu/nlp/tokenize');
    const terms = { zh: tokenize('退款', 'query').join(' '), en: tokenize('refund', 'query').join(' ') };
    database = await openDb(b.env, 1);
    const one = async <T>(sql: string) => (await database.execute<{ v: T }>(sql)).rows[0]!.v;
    const me = await one<string>(`select id as v from users where email = 'bench@example.com'`);
    const explain: Record<string, unknown> = {
      serverVersion: await one<string>(`select version() as v`),
      tableStatistics: Number(await one<number>(`select count(*) as v from pg_stats where tablename = 'tickets'`)) > 0,
      plans: await explainReads(database, bulk.workspaceId, me, terms),
    };
    if (backend === 'pglite') {
      // The plans if something ran ANALYZE (rolled back: the data dir stays as the server left it).
      await database.execute('begin');
      await database.execute('analyze tickets');
      explain.plansAfterAnalyze = await explainReads(database, bulk.workspaceId, me, terms);
      await database.execute('rollback');
    }
    await database.close();
    let statements;
    if (b.db) {
      o.log(`[${backend}] statements per request (through a counting proxy)`);
      statements = await countStatements({ ...b.env, databaseUrl: b.db.url }, token, ticketBodies(), READS);
      o.log(`  ${JSON.stringify(statements.perRequest)}`);
    }
    if (o.keep) {
      o.log(`  kept: KEFU_DATA_DIR=${b.env.dataDir}${b.db ? ` DATABASE_URL=${b.db.url}` : ''} (token ${token})`);
      instances.pop();
    }
    return {
      backend,
      demo,
      intake: intake.runs,
      memory,
      startup,
      bulkLoad: { ...bulk, searchVectorsCheck: vectorCheck },
      reads,
      explain,
      ...(statements ? { statements } : {}),
      ...(o.profile ? { profiles } : {}),
    };
  } finally {
    if (server) await stopServer(server).catch(() => {});
    if (profDir) rmSync(profDir, { recursive: true, force: true });
    for (const i of instances) await i.drop().catch((e: unknown) => o.log(`cleanup failed: ${String(e)}`));
  }
}
