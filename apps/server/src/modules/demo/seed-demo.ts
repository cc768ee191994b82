import { sql } from 'kysely';
import { hashPassword } from '../../engine/auth/secrets.js';
import type { AppContext } from '../../engine/context.js';
import type { Tx } from '../../engine/db/tx.js';
import { ensureDefaultSlaPolicies } from '../sla/use-cases/ensure-default-policies.js';
import { reevaluateJob } from '../sla/use-cases/reevaluate-tickets.js';
import { insertWorkspace } from '../workspaces/workspaces.repository.js';
import { AGENTS, DEMO_PASSWORD } from './demo-people.js';
import { planTickets } from './demo-plan.js';
import { Rng } from './demo-random.js';
import {
  deleteWorkspace,
  findWorkspaceBySlug,
  freeSlug,
  insertInBatches,
  markDemoWorkspace,
  ownerEmail,
  takeTicketNumbers,
} from './demo.repository.js';
import { castDemo, foundationRows, type Cast } from './foundation-rows.js';
import type { PlannedTicket } from './ticket-plan.js';
import { newSeededTicket, ticketBatch, ticketEvents, type SeededTicket } from './ticket-rows.js';

/**
 * `kefu seed-demo`: a bilingual demo workspace — ten agents in three groups, organizations,
 * customers and ~2,000 tickets over the last 90 days with their conversations and timelines.
 * Deterministic content (seeded PRNG), times relative to now. Written in a handful of
 * transactions with many rows per statement, so a running server stays responsive on PGlite.
 */

export interface SeedDemoOptions {
  /** Add another demo workspace (demo-2, demo-3…) when one exists. */
  force?: boolean;
  /** 1 is the full demo (~2,000 tickets); tests use less. */
  scale?: number;
}

const BASE_SLUG = 'demo';
const WORKSPACE_NAME = '示例科技 Demo Co.';
const SEED = 20_260_101;
const FULL_TICKETS = 2000;
const TICKETS_PER_TX = 500;
const EVENTS_PER_TX = 6000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function baseUrl(ctx: AppContext): string {
  return ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`;
}

const roleLabel: Record<string, string> = {
  owner: 'Owner',
  admin: 'Admin',
  supervisor: 'Supervisor',
  agent: 'Agent',
  light_agent: 'Light agent',
};

function loginLines(ctx: AppContext, slug: string): string[] {
  const url = baseUrl(ctx);
  const owner = AGENTS.find((a) => a.role === 'owner')!;
  const agent = AGENTS.find((a) => a.email.startsWith('agent@'))!;
  const others = AGENTS.filter((a) => a !== owner && a !== agent).map((a) => `${a.email} (${roleLabel[a.role]}, ${a.name})`);
  const body = JSON.stringify({ email: owner.email, password: DEMO_PASSWORD, workspace: slug });
  return [
    `Sign in at ${url}`,
    `  Workspace:  ${slug}`,
    `  Owner:      ${owner.email}  (${owner.name})`,
    `  Agent:      ${agent.email}  (${agent.name})`,
    `  Password:   ${DEMO_PASSWORD}  (the same for every demo account)`,
    `Other accounts: ${others.join(', ')}.`,
    `API: curl -c kefu-cookies.txt -H 'content-type: application/json' -d '${body}' ${url}/api/v1/auth/login`,
  ];
}

async function existsMessage(ctx: AppContext, ws: { id: string; slug: string; settings: unknown }): Promise<string> {
  const isDemo = typeof ws.settings === 'object' && ws.settings !== null && 'demo' in ws.settings;
  const next = await freeSlug(ctx.database.db, BASE_SLUG);
  if (!isDemo) {
    return `A workspace with the address "${ws.slug}" already exists and was not made by seed-demo. Run "npx kefu seed-demo --force" to create the demo as "${next}".`;
  }
  const owner = await ownerEmail(ctx.database.db, ws.id);
  return [
    `The demo workspace "${ws.slug}" already exists; nothing was added.`,
    ...loginLines(ctx, ws.slug),
    owner ? '' : 'Its owner account was removed; sign in with another account.',
    `(Passwords may have been changed since. Run "npx kefu seed-demo --force" to add another demo workspace as "${next}".)`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The workspace, its people and settings, and the ticket numbers for the whole plan. */
async function writeFoundation(trx: Tx, cast: Cast, slug: string, ticketCount: number, now: Date, passwordHash: string) {
  const ws = await insertWorkspace(trx, { name: WORKSPACE_NAME, slug, language: 'zh-CN', timeZone: 'Asia/Shanghai' });
  await ensureDefaultSlaPolicies(trx, ws.id, now);
  await markDemoWorkspace(trx, ws.id, { demo: { seededAt: now.toISOString(), seed: SEED } }, cast.foundedAt);
  const f = foundationRows(cast, ws.id, now, passwordHash);
  await insertInBatches(trx, 'users', f.users);
  await insertInBatches(trx, 'groups', f.groups);
  await insertInBatches(trx, 'group_members', f.members);
  await insertInBatches(trx, 'field_definitions', f.fields);
  await insertInBatches(trx, 'organizations', f.organizations);
  await insertInBatches(trx, 'customers', f.customerRows, 400);
  await insertInBatches(trx, 'customer_identities', f.identities);
  await insertInBatches(trx, 'views', f.views);
  await insertInBatches(trx, 'events', f.events);
  const numbers = await takeTicketNumbers(trx, ws.id, ticketCount);
  return { ws, numbers };
}

/** Tickets with their messages, followers and links, then every ticket's events. */
async function writeTickets(ctx: AppContext, workspaceId: string, plan: readonly PlannedTicket[], numbers: readonly number[], now: Date) {
  const db = ctx.database.db;
  const seeded = new Map<PlannedTicket, SeededTicket>();
  plan.forEach((t, i) => seeded.set(t, newSeededTicket(t, numbers[i]!)));
  for (const part of chunks(plan, TICKETS_PER_TX)) {
    const rows = ticketBatch(workspaceId, part, seeded);
    await db.transaction().execute(async (trx) => {
      await insertInBatches(trx, 'tickets', rows.tickets, 200);
      await insertInBatches(trx, 'messages', rows.messages, 500);
      await insertInBatches(trx, 'ticket_followers', rows.followers);
      await insertInBatches(trx, 'ticket_links', rows.links);
    });
  }
  const events = plan.flatMap((t) =>
    ticketEvents(workspaceId, t, seeded.get(t)!, t.incidentOf ? seeded.get(t.incidentOf.problem)! : null, now),
  );
  for (const part of chunks(events, EVENTS_PER_TX)) {
    await db.transaction().execute((trx) => insertInBatches(trx, 'events', part, 1000));
  }
  return { messages: plan.reduce((n, t) => n + t.messages.length, 0), events: events.length };
}

export async function seedDemo(ctx: AppContext, opts: SeedDemoOptions): Promise<string> {
  const started = performance.now();
  const db = ctx.database.db;
  const existing = await findWorkspaceBySlug(db, BASE_SLUG);
  if (existing && !opts.force) return existsMessage(ctx, existing);
  const scale = Number.isFinite(opts.scale) ? Math.min(5, Math.max(0.01, opts.scale!)) : 1;
  const now = ctx.clock.now();
  const rng = new Rng(SEED);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const cast = castDemo(rng, now, scale);
  const plan = planTickets({
    rng,
    now,
    scale,
    tickets: Math.round(FULL_TICKETS * scale),
    agents: cast.agents,
    customers: cast.customers,
    groupIds: cast.groupIds,
  });
  const slug = existing ? await freeSlug(db, BASE_SLUG) : BASE_SLUG;
  const { ws, numbers } = await db.transaction().execute((trx) => writeFoundation(trx, cast, slug, plan.length, now, passwordHash));
  let written: { messages: number; events: number };
  try {
    written = await writeTickets(ctx, ws.id, plan, numbers, now);
  } catch (e) {
    await db
      .transaction()
      .execute((trx) => deleteWorkspace(trx, ws.id))
      .catch((cleanup: unknown) => ctx.log.error({ err: cleanup }, 'seed-demo: could not remove the half-written demo workspace'));
    throw e;
  }
  // Fresh statistics, or the planner guesses on PGlite (which has no autovacuum).
  await sql`analyze`.execute(db);
  // The seeded tickets' SLA states, computed in the background as of now (no events: it is history).
  await ctx.jobs.send(reevaluateJob(ctx), { workspaceId: ws.id, silent: true, includeClosed: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  ctx.log.info({ workspace: ws.slug, tickets: plan.length, ...written, seconds }, 'seed-demo: demo workspace created');
  return [
    `Demo workspace "${ws.name}" is ready: ${plan.length.toLocaleString('en')} tickets with ${written.messages.toLocaleString('en')} messages, ` +
      `${cast.customers.length} customers, ${cast.orgs.length} organizations, ${AGENTS.length} agents in 3 groups (${seconds} s).`,
    '',
    ...loginLines(ctx, ws.slug),
  ].join('\n');
}

/** For the ready log: how to sign in to the first demo workspace, if there is one. */
export async function demoLoginHint(ctx: AppContext): Promise<string | null> {
  const ws = await ctx.database.db
    .selectFrom('workspaces')
    .select('slug')
    .where(sql<boolean>`settings ? 'demo'`)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (!ws) return null;
  const owner = AGENTS.find((a) => a.role === 'owner')!;
  return `Demo workspace "${ws.slug}": sign in as ${owner.email} / ${DEMO_PASSWORD} (演示账号)`;
}
