import { randomBytes } from 'node:crypto';
import type { AppContext } from '../engine/context.js';
import { inTransaction } from '../engine/db/tx.js';
import { systemActor } from '../engine/auth/principal.js';
import { AppError } from '../engine/errors.js';
import { recordEvents } from '../engine/events/events.repository.js';
import { issueToken } from '../modules/tokens/tokens.routes.js';
import { insertUser } from '../modules/users/users.repository.js';
import { ensureDefaultSlaPolicies } from '../modules/sla/use-cases/ensure-default-policies.js';
import { insertWorkspace } from '../modules/workspaces/workspaces.repository.js';
import { seedDemo } from '../modules/demo/seed-demo.js';

/**
 * CLI commands that touch data. They run in-process: directly when the CLI owns the database,
 * or inside a running `kefu start` (over its local control channel) when PGlite is already open
 * there — PGlite allows one process per data folder.
 */
export type CliCommand =
  | { name: 'seed-demo'; args: { force?: boolean } }
  | {
      name: 'user-create';
      args: { email: string; name: string; role: string; password?: string; workspace?: string; workspaceName?: string; language?: string };
    }
  | { name: 'token-create'; args: { email?: string; customerId?: string; workspace?: string; name: string; scopes: string[] } };

async function workspaceOf(ctx: AppContext, slug: string | undefined) {
  const db = ctx.database.db;
  if (slug) {
    const w = await db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
    if (!w) throw new AppError('workspace_not_found', 404, `No workspace "${slug}"`);
    return w;
  }
  const all = await db.selectFrom('workspaces').selectAll().limit(2).execute();
  if (all.length === 1) return all[0]!;
  throw new AppError(
    'workspace_required',
    400,
    all.length === 0 ? 'No workspace yet: pass --workspace-name to create one' : 'Several workspaces: pass --workspace <slug>',
  );
}

export async function runCliCommand(ctx: AppContext, cmd: CliCommand): Promise<string> {
  const now = ctx.clock.now();
  switch (cmd.name) {
    case 'seed-demo':
      return seedDemo(ctx, cmd.args);
    case 'user-create': {
      const a = cmd.args;
      const password = a.password ?? randomBytes(12).toString('base64url');
      const { ws, user } = await inTransaction(ctx, async (trx) => {
        let ws = a.workspace
          ? await trx.selectFrom('workspaces').selectAll().where('slug', '=', a.workspace).executeTakeFirst()
          : undefined;
        if (!ws && a.workspaceName) {
          ws = await insertWorkspace(trx, {
            name: a.workspaceName,
            slug: a.workspace,
            language: a.language ?? 'zh-CN',
            timeZone: 'Asia/Shanghai',
          });
          await ensureDefaultSlaPolicies(trx, ws.id, now);
        }
        ws ??= await workspaceOf(ctx, a.workspace);
        const user = await insertUser(trx, {
          workspaceId: ws.id,
          email: a.email,
          name: a.name,
          role: a.role,
          password,
          language: a.language ?? null,
        });
        await recordEvents(
          trx,
          systemActor(ws.id),
          [{ subjectType: 'user', subjectId: user.id, kind: 'user.created', newValue: { email: user.email, role: user.role, via: 'cli' } }],
          now,
        );
        return { ws, user };
      });
      return [`Created ${user.role} ${user.email} in workspace "${ws.slug}".`, a.password ? '' : `Password: ${password}`]
        .filter(Boolean)
        .join('\n');
    }
    case 'token-create': {
      const a = cmd.args;
      const ws = await workspaceOf(ctx, a.workspace);
      const db = ctx.database.db;
      let userId: string | undefined;
      let customerId: string | undefined;
      if (a.customerId) {
        const c = await db
          .selectFrom('customers')
          .select('id')
          .where('workspace_id', '=', ws.id)
          .where('id', '=', a.customerId)
          .executeTakeFirst();
        if (!c) throw new AppError('customer_not_found', 404, 'No such customer in this workspace');
        customerId = c.id;
      } else {
        const u = await db
          .selectFrom('users')
          .select(['id', 'role'])
          .where('workspace_id', '=', ws.id)
          .where('email', '=', (a.email ?? '').toLowerCase())
          .executeTakeFirst();
        if (!u) throw new AppError('user_not_found', 404, `No user ${a.email} in workspace "${ws.slug}"`);
        userId = u.id;
      }
      const { secret } = await inTransaction(ctx, (trx) =>
        issueToken(
          trx,
          systemActor(ws.id),
          { ...(userId ? { userId } : {}), ...(customerId ? { customerId } : {}), name: a.name, scopes: a.scopes, expiresAt: null },
          now,
        ),
      );
      return secret;
    }
  }
}
