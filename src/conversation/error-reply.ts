/**
 * Any failure while acting on a message → what the user reads (the AppError's template, or
 * errors/internal) and what operators read (the log line, with the cause). Users never see
 * an exception's own text.
 */
import { userError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { TEMPLATE_KEYS, type TemplateKey } from '../render/keys.ts';
import type { ReplySpec } from '../commands/intents/types.ts';

const KNOWN = new Set<string>(TEMPLATE_KEYS);

export function errorReply(e: unknown, log: Logger, opts: { what?: string; data?: Record<string, unknown>; context?: Record<string, unknown> } = {}): ReplySpec {
  const u = userError(e, opts.what);
  const key: TemplateKey = KNOWN.has(u.key) ? (u.key as TemplateKey) : 'errors/internal';
  const expected = key !== 'errors/internal';
  log[expected ? 'info' : 'error']({ ...opts.context, err: (e as Error)?.message, detail: (e as { detail?: unknown })?.detail, stack: expected ? undefined : (e as Error)?.stack }, expected ? 'request refused' : 'request failed');
  return { key, data: { ...u.data, ...opts.data } };
}
