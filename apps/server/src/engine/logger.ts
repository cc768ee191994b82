import pino, { type Logger } from 'pino';

/** JSON logs; credentials and personal data paths are masked wherever they appear. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'databaseUrl',
  '*.databaseUrl',
  'DATABASE_URL',
];

export function createLogger(level: string, name = 'kefu'): Logger {
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: '***' } });
}
