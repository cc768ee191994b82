import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { registerAuth } from '../auth/auth.hooks.js';
import type { AppContext } from '../context.js';
import { toAppError } from '../errors.js';
import { registerOpsRoutes } from './ops.routes.js';
import { registerModules } from '../../modules/register.js';

export type TypedApp = FastifyInstance;
/** The app with TypeBox types flowing from route schemas into handlers. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>();

export const BODY_LIMIT = 1024 * 1024; // JSON bodies; attachments have their own limit

/** Builds the HTTP app as a plugin tree; server.ts only listens. Tests call app.inject(). */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    routerOptions: { maxParamLength: 200 },
  }) as unknown as FastifyInstance;

  // JSON bodies: reject NUL characters (PostgreSQL text cannot hold them) before they reach a handler.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (text.includes('\u0000') || /\\u0000/i.test(text)) {
      done(Object.assign(new Error('Text may not contain NUL characters'), { statusCode: 400, code: 'invalid_text' }), undefined);
      return;
    }
    defaultJson(req, text, done);
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
      const code = (err.code ?? 'bad_request')
        .toLowerCase()
        .replace(/^fst_err_/, '')
        .replace(/[^a-z0-9_]/g, '_');
      return reply.status(status).send({ error: { code, message: err.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged' } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'route_not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } }),
  );

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
