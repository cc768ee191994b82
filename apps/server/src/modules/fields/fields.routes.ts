import { Type } from '@sinclair/typebox';
import { ErrorEnvelope, IdParams } from '@kefu/contracts/common';
import { CreateFieldRequest, FieldDefinition, UpdateFieldRequest } from '@kefu/contracts/tickets';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import { actorOf } from '../../engine/auth/principal.js';
import type { AppContext } from '../../engine/context.js';
import { inTransaction, pgCode } from '../../engine/db/tx.js';
import { badRequest, conflict, notFound } from '../../engine/errors.js';
import { recordEvents } from '../../engine/events/events.repository.js';
import { typed, type TypedApp } from '../../engine/http/app.js';

const tags = ['ticket fields'];
const errors = { 400: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope };
type Row = {
  id: string;
  key: string;
  label_en: string;
  label_zh: string;
  type: string;
  options: string[];
  required_on_solve: boolean;
  is_active: boolean;
  position: number;
};
const toField = (r: Row): FieldDefinition => ({
  id: r.id,
  key: r.key,
  labelEn: r.label_en,
  labelZh: r.label_zh,
  type: r.type as FieldDefinition['type'],
  options: r.options,
  requiredOnSolve: r.required_on_solve,
  isActive: r.is_active,
  position: r.position,
});

export function fieldRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;

  api.get(
    '/ticket-fields',
    {
      schema: { tags, summary: 'Custom ticket field definitions', response: { 200: Type.Object({ items: Type.Array(FieldDefinition) }) } },
    },
    async (req) => {
      const p = agentOf(req);
      const rows = await db
        .selectFrom('field_definitions')
        .selectAll()
        .where('workspace_id', '=', p.workspaceId)
        .orderBy('position')
        .orderBy('key')
        .execute();
      return { items: rows.map(toField) };
    },
  );

  api.post(
    '/ticket-fields',
    {
      schema: { tags, summary: 'Define a custom field (admins)', body: CreateFieldRequest, response: { 201: FieldDefinition, ...errors } },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req, reply) => {
      const p = agentOf(req);
      const b = req.body;
      if (b.type === 'dropdown' && !b.options?.length) throw badRequest('options_required', 'A dropdown needs options');
      const row = await inTransaction(ctx, async (trx) => {
        try {
          const r = await trx
            .insertInto('field_definitions')
            .values({
              workspace_id: p.workspaceId,
              key: b.key,
              label_en: b.labelEn,
              label_zh: b.labelZh,
              type: b.type,
              options: b.options ?? [],
              required_on_solve: b.requiredOnSolve ?? false,
              position: b.position ?? 0,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await recordEvents(
            trx,
            actorOf(p),
            [{ subjectType: 'field', subjectId: r.id, kind: 'field.created', newValue: toField(r) }],
            ctx.clock.now(),
          );
          return r;
        } catch (e) {
          if (pgCode(e) === '23505') throw conflict('field_key_taken', `A field with key ${b.key} exists`);
          throw e;
        }
      });
      return reply.status(201).send(toField(row));
    },
  );

  api.patch(
    '/ticket-fields/:id',
    {
      schema: {
        tags,
        summary: 'Change a custom field (admins); the key and type stay',
        params: IdParams,
        body: UpdateFieldRequest,
        response: { 200: FieldDefinition, ...errors },
      },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req) => {
      const p = agentOf(req);
      const b = req.body;
      return inTransaction(ctx, async (trx) => {
        const before = await trx
          .selectFrom('field_definitions')
          .selectAll()
          .where('workspace_id', '=', p.workspaceId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound('field');
        if (before.type === 'dropdown' && b.options && b.options.length === 0)
          throw badRequest('options_required', 'A dropdown needs options');
        const r = await trx
          .updateTable('field_definitions')
          .set({
            ...(b.labelEn !== undefined ? { label_en: b.labelEn } : {}),
            ...(b.labelZh !== undefined ? { label_zh: b.labelZh } : {}),
            ...(b.options !== undefined ? { options: b.options } : {}),
            ...(b.requiredOnSolve !== undefined ? { required_on_solve: b.requiredOnSolve } : {}),
            ...(b.isActive !== undefined ? { is_active: b.isActive } : {}),
            ...(b.position !== undefined ? { position: b.position } : {}),
            updated_at: ctx.clock.now(),
          })
          .where('workspace_id', '=', p.workspaceId)
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvents(
          trx,
          actorOf(p),
          [{ subjectType: 'field', subjectId: r.id, kind: 'field.updated', oldValue: toField(before), newValue: toField(r) }],
          ctx.clock.now(),
        );
        return toField(r);
      });
    },
  );
}
