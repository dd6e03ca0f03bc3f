/**
 * The one path a stored message takes in the worker: resolve the speaker, understand the
 * text, apply any open dialogue, run the intent, render the answer, store it, then enqueue
 * its sending (and any notices). A message already handled is skipped, so a retried job
 * never answers twice.
 */
import type { Store } from '../store/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { Clock } from '../lib/clock.ts';
import type { Enqueue } from '../queue/jobs.ts';
import type { WorkCalendar } from '../tasks/calendar.ts';
import { shanghaiDay } from '../lib/shanghai.ts';
import { render, type RenderChannel } from '../render/render.ts';
import type { Command } from '../commands/command.ts';
import { intents } from '../commands/intents/index.ts';
import type { IntentHooks, IntentResult, ReplySpec } from '../commands/intents/types.ts';
import { resolveSpeaker } from './resolve-speaker.ts';
import { applyDialog, dialogKey, DIALOG_TTL_MS } from './dialog.ts';
import { storeNotices } from './notices.ts';
import { answerImport, handleFile, importPastedText, looksLikePlan, type ImportHooks } from './import-plan.ts';

export type Understand = (text: string, ctx: { now: Date; units: { name: string; aliases: string[] }[]; calendar: WorkCalendar }) => Command | Promise<Command>;

export interface ConversationDeps {
  store: Store;
  understand: Understand;
  calendar: WorkCalendar;
  clock: Clock;
  hooks: IntentHooks;
  imports: ImportHooks;
  enqueue: Enqueue;
  log: Logger;
}

export async function handleMessage(deps: ConversationDeps, messageId: string): Promise<void> {
  const { store } = deps;
  const msg = await store.messages.get(messageId);
  if (!msg || msg.handledAt) return void deps.log.debug({ messageId }, 'skip: unknown or already handled');
  if (msg.kind === 'event' || msg.kind === 'stream_refresh') return void (await store.messages.finish(msg.id, null));
  const now = deps.clock.now();
  const channel = msg.platform as RenderChannel;
  const speaker = await resolveSpeaker(store, msg);
  let result: IntentResult;
  if (!msg.senderId) {
    result = { reply: { key: 'errors/no-staff-id', data: {} } };
  } else if (msg.kind === 'file') {
    result = await handleFile(deps, msg, speaker, now);
  } else {
    result = await understandAndAct(deps, msg, speaker, now);
  }
  const answer = render(result.reply.key, result.reply.data, { channel, listKey: result.reply.listKey });
  const notices = await storeNotices(deps, msg, result);
  const first = await store.messages.finish(msg.id, answer.markdown);
  if (first) await deps.enqueue('send-answer', { messageId: msg.id });
  for (const id of notices) await deps.enqueue('send-outbox', { outboxId: id });
  deps.log.info({ messageId: msg.id, reply: result.reply.key }, 'message handled');
}

async function understandAndAct(deps: ConversationDeps, msg: NonNullable<Awaited<ReturnType<Store['messages']['get']>>>, speaker: Awaited<ReturnType<typeof resolveSpeaker>>, now: Date): Promise<IntentResult> {
  const { store } = deps;
  const text = msg.text ?? '';
  if (speaker.role === 'admin' && looksLikePlan(text)) return importPastedText(deps, msg, now);
  const units = await unitDirectory(store);
  const parsed = await deps.understand(text, { now, units, calendar: deps.calendar });
  const key = dialogKey(msg.platform, msg.chatId, msg.senderId);
  const pending = await store.dialogs.get(key, now);
  if (pending?.kind === 'confirm_import' || pending?.kind === 'confirm_ledger') return answerImport(deps, pending, parsed, speaker, msg);
  const outcome = applyDialog(pending, parsed, text);
  if ('invalidChoice' in outcome) return { reply: { key: 'choose-invalid', data: { count: outcome.count } } };
  const { command } = outcome;
  if (outcome.consumed) await store.dialogs.clear(key);
  if (command.kind === 'choose' || command.kind === 'confirm' || command.kind === 'cancel') {
    return { reply: { key: 'errors/nothing-pending', data: { what: command.kind === 'choose' ? '待选择的问题' : '待确认的事项' } } };
  }
  const handler = intents[command.kind];
  const result = await handler({
    command, speaker, now, today: shanghaiDay(now), calendar: deps.calendar, store, hooks: deps.hooks,
    message: { id: msg.id, text, quote: msg.quote },
  });
  if (result.dialog) await store.dialogs.set(key, result.dialog.kind, result.dialog.payload as never, new Date(now.getTime() + DIALOG_TTL_MS));
  return result;
}

export type { ReplySpec };

/**
 * The unit directory the parser matches names against. Units change only on import, so it
 * is read at most every UNIT_CACHE_MS per process instead of once per message (5,000 units).
 */
const UNIT_CACHE_MS = 30_000;
const unitCache = new WeakMap<Store['directory'], { at: number; units: Promise<{ name: string; aliases: string[] }[]> }>();

function unitDirectory(store: Store): Promise<{ name: string; aliases: string[] }[]> {
  const hit = unitCache.get(store.directory);
  if (hit && performance.now() - hit.at < UNIT_CACHE_MS) return hit.units;
  const units = store.directory.units();
  unitCache.set(store.directory, { at: performance.now(), units });
  units.catch(() => unitCache.delete(store.directory));
  return units;
}

/** Called after an import or ledger change adds units, so the next message sees them. */
export function forgetUnitDirectory(store: Store): void {
  unitCache.delete(store.directory);
}
