/**
 * The one path a stored message takes in the worker: resolve the speaker, understand the
 * text, apply any open dialogue, run the intent, render the answer, store it, then enqueue
 * its sending (and any notices).
 *
 * Exactly once per message: the effects (reports, decisions, notices, dialogue state) and
 * the "handled" mark with the stored answer commit in ONE transaction, under a lock on the
 * message row. A worker killed half-way leaves nothing behind, and its retry runs from the
 * start; a second run of the same message waits for the lock and then finds it handled.
 * Reminder changes an intent asks for are written in the same transaction; every job (the
 * answer, notices, reminder wake-ups) is enqueued only after the commit.
 *
 * A message whose handling fails MAX_HANDLE_ATTEMPTS times (or kills its worker that often)
 * is given up: marked handled with its error for operators, and the user is told once
 * (errors/internal) instead of the sweep re-enqueuing it forever.
 */
import type { Store } from '../store/index.ts';
import type { StoredMessage } from '../store/messages.ts';
import type { Speaker } from '../commands/speaker.ts';
import type { Logger } from '../lib/logger.ts';
import type { Clock } from '../lib/clock.ts';
import type { Enqueue } from '../queue/jobs.ts';
import type { WorkCalendar } from '../tasks/calendar.ts';
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';
import { render, type RenderChannel } from '../render/render.ts';
import type { Command, Understand } from '../commands/command.ts';
import { retargetCommands } from './retarget.ts';
import { intents } from '../commands/intents/index.ts';
import type { IntentHooks, IntentResult, ReplySpec } from '../commands/intents/types.ts';
import { resolveSpeaker } from './resolve-speaker.ts';
import { ANSWERED_HERE, applyDialog, dialogKey, DIALOG_TTL_MS, guessQuestion, type Choice, type PendingDialog } from './dialog.ts';
import { TASK_ID_REF } from '../commands/resolve-task.ts';
import { storeNotices } from './notices.ts';
import { outcomeOf } from './outcome.ts';
import { questionedDate } from './date-check.ts';
import { answerAssignUnits, ASSIGN_UNITS, assignFromChat, looksLikeAssignment } from './assign-task.ts';
import { answerImport, importPastedText, looksLikePlan, type ImportHooks } from './import-plan.ts';
import { receiveFile } from './inbound-file.ts';
import { answerEvidenceQuestion, EVIDENCE_DIALOG } from './evidence.ts';
import { answerClick, cardAfterAnswer, CARD_DIALOGS, decidedCardById, type CardContext } from './card-click.ts';
import { CARD_UPDATE_ROUTE, CARDS_UPDATABLE_BY_ID } from '../channels/types.ts';
import type { Card } from '../channels/card.ts';
import { cardAsText } from '../render/card.ts';
import { toPlainText } from '../render/render.ts';

export type { Understand } from '../commands/command.ts';

export interface ConversationDeps {
  store: Store;
  understand: Understand;
  calendar: WorkCalendar;
  clock: Clock;
  hooks: IntentHooks;
  /** the same hooks writing in a message's transaction, their jobs enqueued through `enqueue` (after the commit) */
  hooksWithin: (store: Store, enqueue: Enqueue) => IntentHooks;
  imports: ImportHooks;
  enqueue: Enqueue;
  log: Logger;
}

/** Handling runs a message gets (each a job attempt or a worker that died under it); then it is given up. */
export const MAX_HANDLE_ATTEMPTS = 5;
/** One message's transaction may take this long (an import, a 汇总 over 100,000 tasks). */
const HANDLE_TIMEOUT_MS = 60_000;

export async function handleMessage(deps: ConversationDeps, messageId: string): Promise<void> {
  const { store } = deps;
  const msg = await store.messages.get(messageId);
  if (!msg) return void deps.log.debug({ messageId }, 'skip: unknown message');
  if (msg.handledAt) return answerLeftQueued(deps, msg);
  if (msg.kind === 'event' || msg.kind === 'stream_refresh') return void (await store.messages.finish(msg.id, null));
  const attempt = await store.messages.startHandling(msg.id);
  if (attempt === null) return void deps.log.debug({ messageId }, 'skip: handled meanwhile');
  if (attempt > MAX_HANDLE_ATTEMPTS) return giveUp(deps, msg, msg.error ?? 'the worker stopped while handling it');
  try {
    await handleOnce(deps, msg);
  } catch (e) {
    const error = (e as Error).message || String(e);
    await store.messages.handlingFailed(msg.id, error).catch(() => {});
    if (attempt < MAX_HANDLE_ATTEMPTS) throw e;
    deps.log.error({ messageId, err: error, stack: (e as Error).stack }, 'handling failed on its last attempt');
    await giveUp(deps, msg, error);
  }
}

/** A handled message whose answer is still queued: its send job may have been lost with Redis; adding it again is harmless. */
async function answerLeftQueued(deps: ConversationDeps, msg: StoredMessage): Promise<void> {
  if (msg.answerState === 'queued') await deps.enqueue('send-answer', { messageId: msg.id });
  deps.log.debug({ messageId: msg.id }, 'skip: already handled');
}

async function handleOnce(deps: ConversationDeps, msg: StoredMessage): Promise<void> {
  const now = deps.clock.now();
  const speaker = await resolveSpeaker(deps.store, msg);
  const later: (() => Promise<void>)[] = [];
  const afterCommit: Enqueue = async (name, payload, opts) => void later.push(() => deps.enqueue(name, payload, opts));
  const units = () => unitDirectory(deps.store);
  // A file is downloaded (and imported, or stored as 佐证材料) before the transaction (a 20 MB
  // download must not hold it open); on a retry the same draft is updated, the same file found.
  const file = msg.kind === 'file' && msg.senderId ? await receiveFile(deps, msg, speaker, now) : null;
  const done = await deps.store.transaction(async (tx) => {
    if (!(await tx.messages.lockUnhandled(msg.id))) return null;
    const scoped: ConversationDeps = { ...deps, store: tx, hooks: deps.hooksWithin(tx, afterCommit), enqueue: afterCommit };
    let result: IntentResult;
    // decided cards to send on a click's route (they update the clicked card)
    const cards: CardToSend[] = [];
    let quiet = false;
    if (!msg.senderId) result = { reply: { key: 'errors/no-staff-id', data: {} } };
    else if (file) result = await file(scoped);
    else if (msg.kind === 'action') {
      const click = await answerClick(tx, msg, speaker, (command) => act(scoped, msg, speaker, now, command), scoped.hooks);
      result = click.result;
      quiet = click.quiet;
      if (click.card) cards.push({ card: click.card, route: msg.replyTo });
      await keepQuestionOpen(scoped, dialogKey(msg.platform, msg.chatId, msg.senderId), result, now);
    } else result = await understandAndAct(scoped, msg, speaker, now, units, cards);
    const answer = quiet ? null : renderReplies([result.reply, ...(result.also ?? [])], msg.platform as RenderChannel);
    const notices = await storeNotices(scoped, msg, result);
    // cards shown elsewhere for what this message decided, where a card can be updated by its id
    for (const shown of await tx.cards.shownForDecisions(msg.id, CARDS_UPDATABLE_BY_ID)) {
      if (cards.some((c) => c.card.id === shown.cardId)) continue;
      const decided = await decidedCardById(tx, shown.cardId);
      if (decided) cards.push({ card: decided, route: { kind: CARD_UPDATE_ROUTE, extra: { cardId: shown.cardId } }, platform: shown.platform });
    }
    for (const [i, c] of cards.entries()) {
      const id = `${msg.id}:card${i}`;
      const markdown = cardAsText(c.card);
      const platform = (c.platform ?? msg.platform) as typeof msg.platform;
      await tx.outbox.put({ id, platform, destination: { kind: 'reply', platform, route: c.route } as never, markdown, text: toPlainText(markdown), card: c.card as never });
      notices.push(id);
    }
    // an undo tells the same people the change told
    const told = [...new Map((result.notices ?? []).flatMap((n) => (n.to.kind === 'unit' || n.to.kind === 'leaders' ? [[n.to.kind === 'unit' ? n.to.unitId : 'leaders', n.to] as const] : []))).values()];
    if (told.length) await tx.changes.setTold(msg.id, told);
    await tx.messages.setOutcome(msg.id, outcomeOf(result, await tx.changes.actedOn(msg.id)));
    await tx.messages.finish(msg.id, answer);
    return { reply: result.reply.key, notices };
  }, { timeoutMs: HANDLE_TIMEOUT_MS });
  if (!done) return void deps.log.debug({ messageId: msg.id }, 'skip: another run handled it');
  await deps.enqueue('send-answer', { messageId: msg.id });
  // reminder wake-ups: a lost one is re-added by the periodic reconcile
  for (const enqueue of later) await enqueue().catch((e) => deps.log.warn({ messageId: msg.id, err: (e as Error).message }, 'enqueue after handling failed; the reconcile will'));
  for (const id of done.notices) await deps.enqueue('send-outbox', { outboxId: id });
  deps.log.info({ messageId: msg.id, reply: done.reply }, 'message handled');
}

/** The last attempt failed (or workers kept dying under it): handled with its error, and the user told once. */
async function giveUp(deps: ConversationDeps, msg: StoredMessage, error: string): Promise<void> {
  const answer = renderReplies([{ key: 'errors/internal', data: {} }], msg.platform as RenderChannel);
  const first = await deps.store.messages.finish(msg.id, answer, error);
  if (!first) return;
  deps.log.error({ messageId: msg.id, attempts: MAX_HANDLE_ATTEMPTS, err: error }, 'message given up after repeated failures; the user is told once, operators see its error');
  await deps.enqueue('send-answer', { messageId: msg.id });
}

/** The answer: one reply, or several (a message about several tasks) one after another. */
function renderReplies(replies: ReplySpec[], channel: RenderChannel): string {
  return replies.map((r) => render(r.key, r.data, { channel, listKey: r.listKey }).markdown).join('\n\n');
}

type Units = () => Promise<{ name: string; aliases: string[] }[]>;

/** A decided card to send: on a click's route (it updates the clicked card) or by the card's id. */
type CardToSend = { card: Card; route: unknown; platform?: string };

async function understandAndAct(deps: ConversationDeps, msg: StoredMessage, speaker: Speaker, now: Date, unitsOf: Units, cards: CardToSend[]): Promise<IntentResult> {
  const { store } = deps;
  const text = msg.text ?? '';
  if (speaker.role === 'admin' && looksLikePlan(text)) return importPastedText(deps, msg, now);
  const units = await unitsOf();
  const key = dialogKey(msg.platform, msg.chatId, msg.senderId);
  const pending = await store.dialogs.get(key, now);
  // "由哪个单位办理？" — "请卫健局牵头" completes the 交办 it waits on
  if (pending?.kind === ASSIGN_UNITS) {
    const answered = await answerAssignUnits(deps, pending.payload, msg, speaker, now, units);
    if (answered) return answered;
  }
  if (looksLikeAssignment(text, speaker)) return assignFromChat(deps, msg, speaker, now);
  const understood = await deps.understand(text, { now, units, calendar: deps.calendar, expecting: pending?.kind ?? null });
  if (Array.isArray(understood)) {
    // several tasks at once is a new command: an open question about one task is dropped
    const dropped = pending && ANSWERED_HERE.has(pending.kind) ? pending : null;
    if (dropped) await store.dialogs.clear(key);
    return withDropped(deps, await actOnEach(deps, msg, speaker, now, understood), dropped);
  }
  const parsed = understood;
  if (pending?.kind === 'confirm_import' || pending?.kind === 'confirm_ledger') {
    const answered = await answerImport(deps, pending, parsed, speaker, msg, now);
    if (answered) return answered;
    // any other message is acted on; the import waits for its 确认 unless a new question replaces it
    const result = await act(deps, msg, speaker, now, parsed);
    await keepQuestionOpen(deps, key, result, now);
    const ledger = pending.kind === 'confirm_ledger';
    const note: ReplySpec = result.dialog ? { key: 'import-cancelled', data: { ledger, other: true } } : { key: 'import-pending', data: { ledger } };
    return { ...result, also: [...(result.also ?? []), note] };
  }
  if (pending?.kind === EVIDENCE_DIALOG) {
    const answered = await answerEvidenceQuestion(deps, pending, parsed, speaker, msg, now);
    if (answered) return answered;
    // anything else is acted on; the files wait for their task until the question expires
  }
  const outcome = applyDialog(pending?.kind === 'choose_task' ? await withChoiceTexts(store, pending) : pending, parsed, text);
  if ('invalidChoice' in outcome) return { reply: { key: 'choose-invalid', data: { count: outcome.count } } };
  if ('cancelled' in outcome) {
    await store.dialogs.clear(key);
    return { reply: { key: 'dialog-cancelled', data: await describeDialog(store, outcome.cancelled) } };
  }
  if (outcome.clear) await store.dialogs.clear(key);
  if (outcome.command.kind === 'retarget') {
    const moved = await retargetCommands(deps, speaker, msg, outcome.command, { now, units, calendar: deps.calendar, expecting: null });
    return 'reply' in moved ? { reply: moved.reply } : actOnEach(deps, msg, speaker, now, moved.commands);
  }
  // a slip of 销号 (消号), or a 退回 read from a decision put off ("材料补齐再说"), when no claim awaits 销号 at all:
  // the decision could do nothing, so it is answered, not asked about
  const decidesClaim = (outcome.command.kind === 'mark_done' && outcome.command.guesses?.some((g) => g.read === '销号'))
    || (outcome.command.kind === 'return_done' && Boolean(outcome.command.guesses?.length));
  const undecidable = decidesClaim && (speaker.role === 'leader' || speaker.role === 'admin')
    && (await store.tasks.claimed({ activeOnly: false }, 1)).length === 0;
  const result = (undecidable ? null : guessQuestion(outcome.command, { messageId: msg.id, text })) ?? await act(deps, msg, speaker, now, outcome.command);
  await keepQuestionOpen(deps, key, result, now);
  // the answer to a card's question: the card it came from shows the decision
  const context = pending && CARD_DIALOGS.has(pending.kind) && outcome.clear && !outcome.dropped ? (pending.payload as { card?: CardContext | null }).card : null;
  const decided = context ? await cardAfterAnswer(deps.store, context) : null;
  if (decided && context) cards.push({ card: decided, route: context.route });
  return withDropped(deps, result, outcome.dropped);
}

/** A new command replaced an open question: the answer also says that the unfinished one was not carried out. */
async function withDropped(deps: ConversationDeps, result: IntentResult, dropped: PendingDialog | null): Promise<IntentResult> {
  if (!dropped) return result;
  const note: ReplySpec = { key: 'dialog-cancelled', data: { ...(await describeDialog(deps.store, dropped)), dropped: true } };
  return { ...result, also: [...(result.also ?? []), note] };
}

/** What an open question was about, for "已取消：申请延期 二.(一) 提高区域急救能力". */
async function describeDialog(store: Store, pending: PendingDialog): Promise<Record<string, unknown>> {
  const command = (pending.payload as { command?: Command }).command;
  const ref = command?.task ?? null;
  const task = ref?.startsWith(TASK_ID_REF) ? await store.tasks.byId(ref.slice(TASK_ID_REF.length)) : null;
  const kind = command?.kind ?? 'unknown';
  return {
    extension: pending.kind === 'extension_missing',
    dateCheck: pending.kind === 'confirm_date',
    date: command?.date ? chineseDate(command.date) : null,
    choose: pending.kind === 'choose_task',
    path: task?.path ?? null,
    title: task?.title ?? null,
    action: { [LABELLED_ACTIONS.has(kind) ? kind : 'other']: true },
  };
}

/** Commands dialog-cancelled.md names; others are "the operation". */
const LABELLED_ACTIONS = new Set(['report_progress', 'mark_done', 'request_extension', 'decide_extension', 'return_done', 'query_task', 'ack']);

/** A result that asks a question keeps it open: the speaker's next message may answer it. */
async function keepQuestionOpen(deps: ConversationDeps, key: string, result: IntentResult, now: Date): Promise<void> {
  if (result.dialog) await deps.store.dialogs.set(key, result.dialog.kind, result.dialog.payload as never, new Date(now.getTime() + DIALOG_TTL_MS));
}

/** Commands that act on the day they name: a day that does not exist is refused before acting (the intents that ask again check it themselves). */
const DATED = new Set<Command['kind']>(['report_progress', 'mark_done', 'clarify', 'query_due_soon', 'unknown']);
/** Commands that record a progress figure: one over 100% is refused. */
const WITH_PERCENT = new Set<Command['kind']>(['report_progress', 'mark_done', 'clarify']);

/** Runs the intent of one command; a dialogue answer with no open question is told so. */
async function act(deps: ConversationDeps, msg: StoredMessage, speaker: Speaker, now: Date, command: Command): Promise<IntentResult> {
  if (command.kind === 'choose' || command.kind === 'confirm' || command.kind === 'cancel') {
    return { reply: { key: 'errors/nothing-pending', data: { what: command.kind === 'choose' ? '待选择的问题' : '待确认的事项' } } };
  }
  const { badDate, badPercent } = command;
  if (badPercent !== undefined && WITH_PERCENT.has(command.kind)) return { reply: { key: 'errors/bad-percent', data: { percent: badPercent, task: command.task } } };
  if (badDate && DATED.has(command.kind)) return { reply: { key: 'errors/bad-date', data: { impossible: true, ...badDate } } };
  const question = questionedDate(command, shanghaiDay(now));
  if (question) return question;
  return intents[command.kind as keyof typeof intents]({
    command, speaker, now, today: shanghaiDay(now), calendar: deps.calendar, store: deps.store, hooks: deps.hooks,
    message: { id: msg.id, text: msg.text ?? '', quote: msg.quote },
  });
}

/**
 * A message about several tasks ("2.3已完成，2.4进度50%"): each command is acted on in turn and
 * the answers are given together, so no task is silently skipped. Only the first question
 * asked (which task did you mean?) is kept open.
 */
async function actOnEach(deps: ConversationDeps, msg: StoredMessage, speaker: Speaker, now: Date, commands: Command[]): Promise<IntentResult> {
  const results: IntentResult[] = [];
  for (const command of commands) results.push(await act(deps, msg, speaker, now, command));
  const asked = results.find((r) => r.dialog);
  if (asked) await keepQuestionOpen(deps, dialogKey(msg.platform, msg.chatId, msg.senderId), asked, now);
  return {
    reply: results[0]!.reply,
    also: results.slice(1).map((r) => r.reply),
    notices: results.flatMap((r) => r.notices ?? []),
  };
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

/** A numbered list's choices with their tasks' texts, so an answer in words of a task's text ("按病种付费那个") names it. */
async function withChoiceTexts(store: Store, pending: PendingDialog): Promise<PendingDialog> {
  const payload = pending.payload as { choices?: Choice[] };
  if (!payload.choices?.length) return pending;
  const texts = new Map((await store.tasks.texts(payload.choices.map((c) => c.id))).map((t) => [t.id, t.text]));
  const choices = payload.choices.map((c) => ({ ...c, text: texts.get(c.id) ?? null }));
  return { ...pending, payload: { ...payload, choices } };
}
