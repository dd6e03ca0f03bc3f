/**
 * pino logger factory. Secrets are redacted by key; message bodies are logged only at
 * debug level by callers (never at info).
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  '*.secret', '*.token', '*.aesKey', '*.password', '*.appSecret', '*.access_token',
  'config.*.secret', 'config.*.token', 'config.*.aesKey', 'headers.authorization', 'headers.cookie',
];

export function createLogger(opts: { level?: string; name?: string } = {}): Logger {
  return pino({ name: opts.name ?? 'duban', level: opts.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}

/** A logger that drops everything, for tests and pure callers. */
export const silentLogger: Logger = pino({ level: 'silent' });
