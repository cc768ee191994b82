import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The one configuration schema. Nothing else reads process.env. Documented in docs/configuration.md.
 */
export const ConfigSchema = Type.Object({
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  KEFU_DATA_DIR: Type.String({ default: './data' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  KEFU_PUBLIC_URL: Type.Optional(Type.String()),
  KEFU_LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  KEFU_DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  KEFU_SESSION_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 14 }),
  KEFU_SECURE_COOKIES: Type.Boolean({ default: false }),
  KEFU_MAX_ATTACHMENT_MB: Type.Number({ minimum: 0.01, maximum: 1024, default: 25 }),
  KEFU_LOGIN_RATE_LIMIT: Type.Integer({ minimum: 1, default: 10 }),
  KEFU_JOB_POLL_SECONDS: Type.Number({ minimum: 0.5, maximum: 60, default: 1 }),
  KEFU_PGLITE_SHARED_BUFFERS: Type.String({ pattern: '^[0-9]{1,5}(kB|MB|GB)$', default: '32MB' }),
  KEFU_OUTBOX_DELAY_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 20 }),
  KEFU_SLA_SWEEP_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1000 }),
  KEFU_WEB_DIR: Type.Optional(Type.String()),
});
export type RawConfig = Static<typeof ConfigSchema>;

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  publicUrl: string | undefined;
  logLevel: string;
  dbPoolSize: number;
  sessionDays: number;
  secureCookies: boolean;
  maxAttachmentBytes: number;
  loginRateLimit: number;
  jobPollSeconds: number;
  /** shared_buffers of the embedded PGlite (memory vs. cache hits). */
  pgliteSharedBuffers: string;
  /** How long the outbox waits after a commit before publishing (coalesces bursts). */
  outboxDelayMs: number;
  /** How often worker processes look for due SLA timers; 0 turns the sweeper off (tests drive it). */
  slaSweepMs: number;
  /** The built web app (apps/web/dist unless set). */
  webDir: string | undefined;
}

export class ConfigError extends Error {}

/** Parses the environment (strings) into a validated Config, or throws a ConfigError naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, picked));
  const errors = [...Value.Errors(ConfigSchema, converted)];
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration: ${errors.map((e) => `${e.path.slice(1)} ${e.message}`).join('; ')}`);
  }
  const c = converted as RawConfig;
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: resolve(c.KEFU_DATA_DIR),
    port: c.PORT,
    host: c.HOST,
    publicUrl: c.KEFU_PUBLIC_URL,
    logLevel: c.KEFU_LOG_LEVEL,
    dbPoolSize: c.KEFU_DB_POOL_SIZE,
    sessionDays: c.KEFU_SESSION_DAYS,
    secureCookies: c.KEFU_SECURE_COOKIES,
    maxAttachmentBytes: Math.round(c.KEFU_MAX_ATTACHMENT_MB * 1024 * 1024),
    loginRateLimit: c.KEFU_LOGIN_RATE_LIMIT,
    jobPollSeconds: c.KEFU_JOB_POLL_SECONDS,
    outboxDelayMs: c.KEFU_OUTBOX_DELAY_MS,
    slaSweepMs: c.KEFU_SLA_SWEEP_MS,
    pgliteSharedBuffers: c.KEFU_PGLITE_SHARED_BUFFERS,
    webDir: c.KEFU_WEB_DIR ? resolve(c.KEFU_WEB_DIR) : undefined,
  };
}
