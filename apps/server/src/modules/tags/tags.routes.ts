import { ErrorEnvelope } from '@kefu/contracts/common';
import { DeleteTagRequest, ListTagsQuery, RenameTagRequest, TagChangeResult, TagList } from '@kefu/contracts/tags';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import { actorOf } from '../../engine/auth/principal.js';
import type { AppContext } from '../../engine/context.js';
import { typed, type TypedApp } from '../../engine/http/app.js';
import { listTagCounts } from './tags.repository.js';
import { deleteTag } from './use-cases/delete-tag.js';
import { renameTag } from './use-cases/rename-tag.js';

const tags = ['tags'];
const errors = { 400: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const admin = { access: { role: 'admin', scope: 'admin' } } as const;

/** Ticket tags: every agent lists them (with usage counts), admins rename and delete them. */
export function tagRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;

  api.get(
    '/tags',
    {
      schema: {
        tags,
        summary: "Distinct tags of the workspace's tickets with usage counts, most used first (top 200)",
        querystring: ListTagsQuery,
        response: { 200: TagList, ...errors },
      },
    },
    async (req) => ({ items: await listTagCounts(db, agentOf(req).workspaceId, req.query.q) }),
  );

  api.post(
    '/tags/rename',
    {
      schema: {
        tags,
        summary: 'Rename a tag on every ticket (admins); renaming onto an existing tag merges them',
        body: RenameTagRequest,
        response: { 200: TagChangeResult, ...errors },
      },
      config: admin,
    },
    async (req) => renameTag(ctx, actorOf(agentOf(req)), req.body),
  );

  api.post(
    '/tags/delete',
    {
      schema: {
        tags,
        summary: 'Remove a tag from every ticket (admins)',
        body: DeleteTagRequest,
        response: { 200: TagChangeResult, ...errors },
      },
      config: admin,
    },
    async (req) => deleteTag(ctx, actorOf(agentOf(req)), req.body),
  );
}
