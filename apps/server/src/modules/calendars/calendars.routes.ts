import { Type } from '@sinclair/typebox';
import {
  Calendar,
  CalendarPreset,
  CreateCalendarRequest,
  FromPresetRequest,
  FromPresetResponse,
  ImportIcsQuery,
  ImportIcsRequest,
  ImportIcsResult,
  PresetParams,
  PresetPreview,
  PresetPreviewQuery,
  UpdateCalendarRequest,
  type IcsImportMode,
} from '@kefu/contracts/calendars';
import { ErrorEnvelope, IdParams, Ok } from '@kefu/contracts/common';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import { actorOf } from '../../engine/auth/principal.js';
import type { AppContext } from '../../engine/context.js';
import { badRequest, notFound } from '../../engine/errors.js';
import { typed, type TypedApp } from '../../engine/http/app.js';
import { listPresets } from './calendar-presets.js';
import { findCalendar, listCalendars, toCalendar } from './calendars.repository.js';
import { MAX_ICS_BYTES } from './ics.util.js';
import { createCalendar, createCalendarFromPreset } from './use-cases/create-calendar.js';
import { deleteCalendar } from './use-cases/delete-calendar.js';
import { importIcs } from './use-cases/import-ics.js';
import { previewPreset } from './use-cases/preview-preset.js';
import { setDefaultCalendar, updateCalendar } from './use-cases/update-calendar.js';

const tags = ['calendars'];
const errors = { 400: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope };
const admin = { access: { role: 'admin', scope: 'admin' } } as const;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Business calendars: agents read them, admins change them (docs/calendars-admin.md). */
export function calendarRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;

  api.get(
    '/calendars',
    {
      schema: {
        tags,
        summary: 'Business calendars of the workspace (the default first)',
        response: { 200: Type.Object({ items: Type.Array(Calendar) }) },
      },
    },
    async (req) => ({ items: (await listCalendars(db, agentOf(req).workspaceId)).map(toCalendar) }),
  );

  api.get(
    '/calendars/presets',
    {
      schema: {
        tags,
        summary: 'Calendar presets: CN (chinese-days, with 调休), 24x7 and every country of date-holidays',
        response: { 200: Type.Object({ items: Type.Array(CalendarPreset) }) },
      },
    },
    async () => ({ items: listPresets() }),
  );

  api.post(
    '/calendars/presets/:preset/preview',
    {
      schema: {
        tags,
        summary: 'The spec a preset would give for some years (nothing is stored)',
        params: PresetParams,
        querystring: PresetPreviewQuery,
        response: { 200: PresetPreview, ...errors },
      },
      // A computation, not a change: agents who may read calendars may preview.
      config: { access: { scope: 'read' } },
    },
    async (req) => previewPreset(ctx, actorOf(agentOf(req)), req.params.preset, req.query.years),
  );

  api.post(
    '/calendars/from-preset',
    {
      schema: {
        tags,
        summary: 'Create a calendar from a preset (admins)',
        body: FromPresetRequest,
        response: { 201: FromPresetResponse, ...errors },
      },
      config: admin,
    },
    async (req, reply) => reply.status(201).send(await createCalendarFromPreset(ctx, actorOf(agentOf(req)), req.body)),
  );

  api.get(
    '/calendars/:id',
    { schema: { tags, summary: 'A business calendar', params: IdParams, response: { 200: Calendar, 404: ErrorEnvelope } } },
    async (req) => {
      const row = await findCalendar(db, agentOf(req).workspaceId, req.params.id);
      if (!row) throw notFound('calendar');
      return toCalendar(row);
    },
  );

  api.post(
    '/calendars',
    {
      schema: {
        tags,
        summary: 'Create a calendar from a spec (admins)',
        body: CreateCalendarRequest,
        response: { 201: Calendar, ...errors },
      },
      config: admin,
    },
    async (req, reply) => reply.status(201).send(await createCalendar(ctx, actorOf(agentOf(req)), req.body)),
  );

  api.patch(
    '/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Change a calendar: name, description, spec, default (admins)',
        params: IdParams,
        body: UpdateCalendarRequest,
        response: { 200: Calendar, ...errors },
      },
      config: admin,
    },
    async (req) => updateCalendar(ctx, actorOf(agentOf(req)), req.params.id, req.body),
  );

  api.post(
    '/calendars/:id/default',
    {
      schema: {
        tags,
        summary: "Make a calendar the workspace's default (admins)",
        params: IdParams,
        response: { 200: Calendar, ...errors },
      },
      config: admin,
    },
    async (req) => setDefaultCalendar(ctx, actorOf(agentOf(req)), req.params.id),
  );

  api.delete(
    '/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Delete a calendar (admins); 409 calendar_in_use while an SLA policy uses it',
        params: IdParams,
        response: { 200: Ok, ...errors },
      },
      config: admin,
    },
    async (req) => {
      await deleteCalendar(ctx, actorOf(agentOf(req)), req.params.id);
      return { ok: true as const };
    },
  );

  // The iCalendar import takes the file as the body (text/calendar) or inside JSON {ics, mode}.
  app.register(async (scope) => {
    scope.addContentTypeParser(['text/calendar', 'text/plain'], { parseAs: 'buffer', bodyLimit: 2 * MAX_ICS_BYTES }, (_req, body, done) => {
      try {
        done(null, strictUtf8.decode(body as Buffer));
      } catch {
        done(badRequest('invalid_ics', 'The iCalendar file is not valid UTF-8'), undefined);
      }
    });
    typed(scope).post(
      '/calendars/:id/import-ics',
      {
        bodyLimit: 2 * MAX_ICS_BYTES,
        schema: {
          tags,
          summary: 'Import holidays and make-up working days from an iCalendar (.ics) file (admins)',
          description:
            'Send the file as the body with content-type text/calendar (mode in the query), or JSON {"ics": "...", "mode": "auto"|"holidays"}. ' +
            'All-day events become holidays; in auto mode, events whose summary marks a working day (班, 补班, 上班, "workday") become make-up working days. At most 1 MiB.',
          params: IdParams,
          querystring: ImportIcsQuery,
          body: {
            content: {
              'application/json': { schema: ImportIcsRequest },
              'text/calendar': { schema: Type.String({ minLength: 1 }) },
              'text/plain': { schema: Type.String({ minLength: 1 }) },
            },
          },
          response: { 200: ImportIcsResult, ...errors, 413: ErrorEnvelope, 415: ErrorEnvelope },
        },
        config: admin,
      },
      async (req) => {
        const body = req.body as unknown;
        let ics: string;
        let mode: IcsImportMode = req.query.mode ?? 'auto';
        if (typeof body === 'string') ics = body;
        else {
          const json = body as ImportIcsRequest;
          ics = json.ics;
          mode = json.mode ?? mode;
        }
        return importIcs(ctx, actorOf(agentOf(req)), req.params.id, ics, mode);
      },
    );
  });
}
