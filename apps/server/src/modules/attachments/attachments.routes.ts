import { fileTypeFromBuffer } from 'file-type';
import { Type } from '@sinclair/typebox';
import { ErrorEnvelope, IdParams } from '@kefu/contracts/common';
import { Attachment } from '@kefu/contracts/tickets';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import type { AppContext } from '../../engine/context.js';
import { AppError, badRequest, notFound } from '../../engine/errors.js';
import { typed, type TypedApp } from '../../engine/http/app.js';
import { attachmentUrl } from '../tickets/messages.repository.js';

/** Types we accept, by sniffed content (the client's Content-Type is never trusted). */
const ALLOWED = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/bmp',
  'application/pdf',
  'application/zip',
  'application/x-7z-compressed',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/x-cfb',
  'audio/mpeg',
  'audio/wav',
  'audio/amr',
  'video/mp4',
  'message/rfc822',
]);
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

function isUtf8Text(buf: Buffer): boolean {
  if (buf.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** Sniffs the content type; null when the bytes are of a kind we do not accept. */
export async function sniffContentType(buf: Buffer): Promise<string | null> {
  const t = await fileTypeFromBuffer(buf);
  if (t) return ALLOWED.has(t.mime) ? t.mime : null;
  return isUtf8Text(buf) ? 'text/plain; charset=utf-8' : null;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
const FILENAME = /^[^\\/\u0000-\u001f]{1,255}$/;

export function attachmentRoutes(app: TypedApp, ctx: AppContext): void {
  const db = ctx.database.db;
  app.register(async (scope) => {
    // Every content type arrives as raw bytes: the inherited JSON and text parsers would turn a
    // .txt or .json upload into a string or an object.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ctx.config.maxAttachmentBytes }, (_req, body, done) =>
      done(null, body),
    );
    const api = typed(scope);
    api.post(
      '/attachments',
      {
        schema: {
          tags: ['attachments'],
          summary: 'Upload a file (raw body); attach it by id when creating a ticket or message',
          querystring: Type.Object({ filename: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false }),
          response: { 201: Attachment, 400: ErrorEnvelope, 413: ErrorEnvelope, 415: ErrorEnvelope },
        },
        config: { access: { role: 'light_agent' } },
      },
      async (req, reply) => {
        const p = agentOf(req);
        const body = req.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('empty_file', 'Send the file bytes as the request body');
        const filename = req.query.filename.normalize('NFC').trim();
        if (!FILENAME.test(filename)) throw badRequest('invalid_filename', 'The filename has characters that are not allowed');
        const contentType = await sniffContentType(body);
        if (!contentType) throw new AppError('attachment_type_not_allowed', 415, 'This kind of file is not accepted');
        const stored = await ctx.storage.put(p.workspaceId, body);
        const row = await db
          .insertInto('attachments')
          .values({
            workspace_id: p.workspaceId,
            uploaded_by: p.userId,
            filename,
            content_type: contentType,
            size: body.length,
            sha256: stored.sha256,
            storage_key: stored.key,
          })
          .returning(['id', 'filename', 'content_type', 'size'])
          .executeTakeFirstOrThrow();
        return reply
          .status(201)
          .send({ id: row.id, filename: row.filename, contentType: row.content_type, size: Number(row.size), url: attachmentUrl(row.id) });
      },
    );
  });

  app.get(
    '/attachments/:id',
    {
      schema: { tags: ['attachments'], summary: 'Download a file', params: IdParams, response: { 404: ErrorEnvelope } },
    },
    async (req, reply) => {
      const p = agentOf(req);
      const { id } = req.params as { id: string };
      const row = await db
        .selectFrom('attachments')
        .selectAll()
        .where('workspace_id', '=', p.workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw notFound('attachment');
      const bytes = await ctx.storage.get(row.storage_key);
      const disposition = INLINE.has(row.content_type) ? 'inline' : 'attachment';
      return reply
        .header('content-type', row.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
        .send(bytes);
    },
  );
}
