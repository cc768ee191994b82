import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS with a default export property.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { registerAuth } from '../auth/auth.hooks.js';
import type { AppContext } from '../context.js';
import { toAppError } from '../errors.js';
import { registerOpsRoutes } from './ops.routes.js';
import { registerWebApp } from './web.js';
import { registerModules } from '../../modules/register.js';

export type TypedApp = FastifyInstance;
/** The app with TypeBox types flowing from route schemas into handlers. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>();

export const BODY_LIMIT = 1024 * 1024; // JSON bodies; attachments have their own limit

/** RFC 4122 form only (ajv-formats' "uuid" also takes a "urn:uuid:" prefix, which PostgreSQL rejects). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// With the u flag a surrogate range only matches unpaired surrogates.
// eslint-disable-next-line no-control-regex -- NUL is exactly what we look for
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;
const UNSTORABLE_MESSAGE = 'Text may not contain NUL characters or unpaired surrogates';
const invalidText = (message: string) => Object.assign(new Error(message), { statusCode: 400, code: 'invalid_text' });

/** Whether any string or key in a parsed value is one PostgreSQL cannot store verbatim (walks iteratively: deep JSON is fine). */
function hasUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return true;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (UNSTORABLE.test(k)) return true;
        stack.push(x);
      }
    }
  }
  return false;
}

function makeAjv(coerceTypes: false | 'array'): Ajv {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  addFormats(ajv);
  ajv.addFormat('uuid', UUID);
  return ajv;
}

/** A framework error code (FST_ERR_CTP_BODY_TOO_LARGE) as an API error code (ctp_body_too_large). */
function errorCode(code: string | undefined): string {
  return (code ?? 'bad_request')
    .toLowerCase()
    .replace(/^fst_err_/, '')
    .replace(/[^a-z0-9_]/g, '_');
}

/** Builds the HTTP app as a plugin tree; server.ts only listens. Tests call app.inject(). */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    // Per-request log lines only at debug/trace; errors are always logged.
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
    routerOptions: { maxParamLength: 200 },
    // Malformed URLs (bad percent-encoding, over-long parameters) get the error envelope too.
    frameworkErrors: (err, _req, reply) => {
      void (reply as FastifyReply).status(err.statusCode ?? 400).send({ error: { code: errorCode(err.code), message: err.message } });
    },
  }) as unknown as FastifyInstance;

  // Query strings and paths are text, so they are coerced ("25" → 25, "a,b" handled by the routes);
  // JSON bodies are typed by the client, so a wrong type there is an error, never silently coerced.
  const validators = { body: makeAjv(false), other: makeAjv('array') };
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? validators.body : validators.other).compile(schema));

  // JSON bodies must be valid UTF-8, and no string (or key) may hold a NUL or an unpaired surrogate:
  // PostgreSQL text cannot store them verbatim. Checked on the parsed value, so an escaped "\\u0000"
  // typed as text is fine.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(invalidText('The body is not valid UTF-8'), undefined);
      return;
    }
    defaultJson(req, text, (err, value) => {
      if (err) done(err, undefined);
      else if (hasUnstorableText(value)) done(invalidText(UNSTORABLE_MESSAGE), undefined);
      else done(null, value);
    });
  });
  // The same rule for query strings and path parameters.
  app.addHook('preValidation', async (req) => {
    if (hasUnstorableText(req.query) || hasUnstorableText(req.params)) throw invalidText(UNSTORABLE_MESSAGE);
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const known = toAppError(err);
    if (known) {
      return reply.status(known.statusCode).send({ error: { code: known.code, message: known.message, details: known.details } });
    }
    if (err.validation) {
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: `Invalid ${err.validationContext ?? 'request'}: ${err.message}`,
          details: err.validation.map((v) => ({ path: v.instancePath, message: v.message, params: v.params })),
        },
      });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: errorCode(err.code), message: err.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged' } });
  });
  const web = await registerWebApp(app, ctx.config.webDir);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // Client-side routes of the web app (/inbox, /tickets/12) get its index.html.
    if (web && req.method === 'GET' && !path.startsWith('/api/') && path !== '/metrics' && !path.includes('.')) return web.sendIndex(reply);
    return reply.status(404).send({ error: { code: 'route_not_found', message: `No route ${req.method} ${path}` } });
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Kefu API', version: '1', description: 'Kefu 客服 REST API. Errors: {"error":{"code","message","details"}}.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from `kefu token create` or POST /api/v1/tokens' },
          session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  registerAuth(app, ctx.database, ctx.clock);
  registerOpsRoutes(app, ctx);
  await app.register(async (api) => registerModules(api, ctx), { prefix: '/api/v1' });
  return app;
}
