import { Type } from '@sinclair/typebox';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import type { AppContext } from '../../engine/context.js';
import { typed, type TypedApp } from '../../engine/http/app.js';

const State = Type.Union(['created', 'retry', 'active', 'completed', 'cancelled', 'failed'].map((s) => Type.Literal(s)));
const Job = Type.Object({
  id: Type.String(),
  name: Type.String(),
  state: Type.String(),
  retryCount: Type.Integer(),
  retryLimit: Type.Integer(),
  createdOn: Type.String(),
  startAfter: Type.String(),
  startedOn: Type.Union([Type.String(), Type.Null()]),
  completedOn: Type.Union([Type.String(), Type.Null()]),
  output: Type.Unknown(),
});

interface JobRow {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  retry_limit: number;
  created_on: Date | string;
  start_after: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  output: unknown;
}
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The job queue as admins see it: this workspace's jobs (payloads carry workspaceId) and system jobs. */
export function adminJobRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const schema = ctx.jobs.schema;
  api.get(
    '/admin/jobs',
    {
      schema: {
        tags: ['admin'],
        summary: 'Background jobs: state, retries, output (admins)',
        querystring: Type.Object(
          {
            state: Type.Optional(State),
            name: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Job), counts: Type.Record(Type.String(), Type.Integer()) }) },
      },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req) => {
      const p = agentOf(req);
      const q = req.query;
      const params: unknown[] = [p.workspaceId];
      let where = `(data->>'workspaceId' = $1 or data->>'workspaceId' is null)`;
      if (q.state) {
        params.push(q.state);
        where += ` and state = $${params.length}`;
      }
      if (q.name) {
        params.push(q.name);
        where += ` and name = $${params.length}`;
      }
      params.push(q.limit ?? 50);
      const { rows } = await ctx.database.execute<JobRow>(
        `select id, name, state, retry_count, retry_limit, created_on, start_after, started_on, completed_on, output
         from ${schema}.job where ${where} order by created_on desc limit $${params.length}`,
        params,
      );
      const counts = await ctx.database.execute<{ state: string; n: number | string }>(
        `select state, count(*) as n from ${schema}.job where (data->>'workspaceId' = $1 or data->>'workspaceId' is null) group by state`,
        [p.workspaceId],
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          state: r.state,
          retryCount: r.retry_count,
          retryLimit: r.retry_limit,
          createdOn: iso(r.created_on)!,
          startAfter: iso(r.start_after)!,
          startedOn: iso(r.started_on),
          completedOn: iso(r.completed_on),
          output: r.output ?? null,
        })),
        counts: Object.fromEntries(counts.rows.map((c) => [c.state, Number(c.n)])),
      };
    },
  );
}
