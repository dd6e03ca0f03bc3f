/**
 * Importing a plan from chat: an admin sends the document (file message, or a long pasted
 * text); the bot answers with the summary, the task list (paged) and the tasks it could not
 * fully read; the admin may turn pages and correct the draft (import-review.ts), and the plan is
 * activated only after the admin confirms ("确认导入" / "取消").
 */
import type { Command } from '../commands/command.ts';
import type { IntentResult, ReplySpec } from '../commands/intents/types.ts';
import type { Speaker } from '../commands/speaker.ts';
import type { StoredMessage } from '../store/messages.ts';
import type { ConversationDeps } from './handle-message.ts';
import { dialogKey, DIALOG_TTL_MS } from './dialog.ts';
import { errorReply } from './error-reply.ts';
import { confirmAssign } from './assign-task.ts';
import type { FileStream } from '../channels/file-stream.ts';
import { answerReview, dropReviewed, reviewPage, type ReviewState } from './import-review.ts';

export interface ImportSummary {
  planId: string;
  title: string;
  tasks: number;
  units: number;
  /** tasks with no stated deadline (none, or only the plan-period fallback) */
  noDeadline: number;
  /** tasks whose last deadline is already past: overdue as soon as the plan is activated */
  pastDue: number;
  /** today, as a Chinese date */
  today: string;
  warnings: { path: string; warning: string }[];
  updated: boolean;
  /** 定期报送 the document asks for (每月25日前), if any */
  cycle?: string | null;
  /** 会议纪要: the meeting whose decided items the tasks are */
  meeting?: string | null;
}

/** A 交办 read into a draft task, or the names that keep it from being one (asked, never guessed). */
export type AssignDraft =
  | { planId: string; taskId: string; path: string; title: string; work: string; origin: { kind: 'instruction' | 'meeting' | 'other'; leader: string | null; meeting: string | null; text: string | null }; lead: string[]; assist: string[]; others: string[]; deadline: string | null; deadlineRaw: string | null; units: { id: string; name: string }[] }
  | { unknown: string[]; known: string[] };

export interface ImportHooks {
  /** download an attached file through its channel */
  fetchFile(platform: string, file: { name: string; mediaId?: string; downloadUrl?: string; aesKey?: string }): Promise<Buffer>;
  /** the same, as a stream (佐证材料 are written to the file store as they arrive) */
  openFile(platform: string, file: { name: string; mediaId?: string; downloadUrl?: string; aesKey?: string }): Promise<FileStream>;
  /** parse and save as a draft; throws AppError BAD_DOCUMENT / NO_TASKS with a Chinese message */
  importDraft(content: Buffer, fileName: string): Promise<ImportSummary>;
  /** activates the draft; says which of its units have no group yet and how many other plans are active */
  activate(planId: string, actor: Speaker, messageId: string | null, as?: { action: 'assign'; taskId: string }): Promise<{ ungrouped: string[]; otherPlans: number }>;
  /** an edited ledger workbook → its reviewed change set, or null when the file is not a Duban ledger */
  readLedger(content: Buffer): Promise<{ reply: ReplySpec; changeSet: unknown } | null>;
  /** a 交办 (or 改派's new unit) text → a saved draft of one task, or why it cannot be one yet */
  /** `leader`: the speaker, when a leader — a 批示 signed by nobody is theirs */
  assignDraft(text: string, ctx: { now: Date; messageId: string; leader?: string | null }): Promise<AssignDraft>;
  /** applies a reviewed change set; reminders of changed tasks are rescheduled */
  applyLedger(changeSet: unknown, actor: Speaker): Promise<ReplySpec>;
}

/**
 * A pasted text long enough and shaped like a plan is treated as a document: it names who is
 * responsible or by when, or it is an outline of at least three numbered items (一、 （一） 1.).
 */
export function looksLikePlan(text: string): boolean {
  if (text.length <= 300) return false;
  if (/(责任单位|牵头单位|负责）|负责\)|完成时限)/.test(text)) return true;
  const items = text.match(/(?:^|\n)\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d))/g) ?? [];
  return items.length >= 3;
}

/** An admin's document (the decision is made in inbound-file.ts): a ledger coming back, else a plan to import. */
export async function importFile(deps: ConversationDeps, msg: StoredMessage, content: Buffer, name: string, now: Date): Promise<IntentResult> {
  try {
    const ledger = await deps.imports.readLedger(content);
    if (ledger) {
      await deps.store.dialogs.set(dialogKey(msg.platform, msg.chatId, msg.senderId), 'confirm_ledger', { changeSet: ledger.changeSet } as never, new Date(now.getTime() + DIALOG_TTL_MS));
      return { reply: ledger.reply };
    }
    return await draftReply(deps, msg, content, name, now);
  } catch (e) {
    return { reply: failedImport(deps, e, name) };
  }
}

/** A download that failed before anything was decided: the user reads why. */
export function failedFile(deps: ConversationDeps, e: unknown, name: string): IntentResult {
  return { reply: failedImport(deps, e, name) };
}

export async function importPastedText(deps: ConversationDeps, msg: StoredMessage, now: Date): Promise<IntentResult> {
  try {
    return await draftReply(deps, msg, Buffer.from(msg.text ?? '', 'utf8'), 'pasted.txt', now);
  } catch (e) {
    return { reply: failedImport(deps, e, null) };
  }
}

/** The user reads the template of the refusal; operators read the cause in the log. */
function failedImport(deps: ConversationDeps, e: unknown, name: string | null): ReplySpec {
  return errorReply(e, deps.log, { what: '导入', data: { name }, context: { file: name } });
}

async function draftReply(deps: ConversationDeps, msg: StoredMessage, content: Buffer, name: string, now: Date): Promise<IntentResult> {
  const summary = await deps.imports.importDraft(content, name);
  const state: ReviewState = { planId: summary.planId, page: 1, dropped: [] };
  await deps.store.dialogs.set(dialogKey(msg.platform, msg.chatId, msg.senderId), 'confirm_import', state as never, new Date(now.getTime() + DIALOG_TTL_MS));
  const list = await reviewPage(deps.store, state);
  return { reply: { key: 'import-summary', data: { ...summary, ...list, hasWarnings: summary.warnings.length > 0, warnings: summary.warnings.slice(0, 10), moreWarnings: Math.max(0, summary.warnings.length - 10) }, listKey: 'warnings' } };
}

/**
 * The answer to "确认导入？" (or to a ledger review): confirm applies, cancel drops it. Any
 * other message is not an answer (null): the conversation acts on it and the question stays.
 */
export async function answerImport(deps: ConversationDeps, pending: { kind: string; payload: unknown }, given: Command, speaker: Speaker, msg: StoredMessage, now: Date): Promise<IntentResult | null> {
  if (pending.kind === 'confirm_import') {
    const reviewed = await answerReview(deps, pending.payload, given, speaker, msg, now);
    if (reviewed) return reviewed;
  }
  // 撤销 while the question is open takes the question back
  const cmd: Command = given.kind === 'undo' && !given.task && !given.date ? { ...given, kind: 'cancel' } : given;
  if (cmd.kind !== 'confirm' && cmd.kind !== 'cancel') return null;
  const key = dialogKey(msg.platform, msg.chatId, msg.senderId);
  if (pending.kind === 'confirm_ledger') {
    await deps.store.dialogs.clear(key);
    if (cmd.kind !== 'confirm') return { reply: { key: 'import-cancelled', data: { ledger: true } } };
    return { reply: await deps.imports.applyLedger((pending.payload as { changeSet: unknown }).changeSet, speaker) };
  }
  const { planId, assign } = pending.payload as { planId: string; assign?: Extract<AssignDraft, { planId: string }> };
  if (assign && cmd.kind === 'confirm') {
    await deps.store.dialogs.clear(key);
    return confirmAssign(deps, assign, speaker, msg);
  }
  if (cmd.kind === 'confirm') {
    const dropped = await dropReviewed(deps.store, pending.payload);
    const activated = await deps.imports.activate(planId, speaker, msg.id);
    // the plan's tasks reach their units now: 签收 starts, in this message's transaction
    await deps.hooks.startSigning?.({ planId });
    await deps.store.dialogs.clear(key);
    return { reply: { key: 'import-confirmed', data: { ungrouped: activated.ungrouped.join('、') || null, otherPlans: activated.otherPlans || null, dropped: dropped || null } } };
  }
  await deps.store.dialogs.clear(key);
  return { reply: { key: 'import-cancelled', data: { assign: Boolean(assign) } } };
}
