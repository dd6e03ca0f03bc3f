/**
 * Open questions the bot asked (which task? what date?) and how the next message from the
 * same person in the same chat answers them. Stored in PostgreSQL (dialogs), not memory.
 *
 * Only a message that looks like an answer goes to the open question: a number for "which
 * task?", a date and/or a reason for "请补充新的完成时限和延期原因". A message that is a
 * command in its own right (it names a task, asks a query, gives an order) is handled as a
 * new command and the open question is dropped — the person has moved on, and is told
 * that the unfinished request was not filed. 取消 / 算了 drops the question and says so.
 */
import { rankTitles } from '../commands/title-match.ts';
import type { Command } from '../commands/command.ts';
import { TASK_ID_REF, inNamedPlan } from '../commands/resolve-task.ts';
import { pathKey } from '../tasks/path-key.ts';

export const DIALOG_TTL_MS = 30 * 60_000;

export function dialogKey(platform: string, chatId: string | null, userId: string): string {
  return `${platform}:${chatId ?? '-'}:${userId}`;
}

export interface PendingDialog { kind: string; payload: unknown }

export type DialogOutcome =
  /** act on `command`; `clear` closes the open question first; `dropped` is the question a new command replaced */
  | { command: Command; clear: boolean; dropped: PendingDialog | null }
  | { cancelled: PendingDialog }
  | { invalidChoice: true; count: number };

/** The questions this module answers; import confirmations are answered in import-plan.ts. */
export const ANSWERED_HERE = new Set(['choose_task', 'extension_missing', 'confirm_date', 'confirm_guess', 'card_reason', 'card_date', 'card_report', 'about_task']);

/** Commands that act on one task: the ones an answer to "which action?" may be. */
const ABOUT_A_TASK = new Set<Command['kind']>(['report_progress', 'mark_done', 'request_extension', 'query_task', 'decide_extension', 'return_done']);

/** Applies a pending dialogue to a new message (`text`: the message as written, for answers taken whole). */
export function applyDialog(pending: PendingDialog | null, cmd: Command, text = ''): DialogOutcome {
  if (!pending || !ANSWERED_HERE.has(pending.kind)) return { command: cmd, clear: false, dropped: null };
  const payload = pending.payload as { command?: Command; taskIds?: string[]; choices?: Choice[]; kinds?: Command['kind'][] };
  if (!payload.command) return { command: cmd, clear: true, dropped: null };
  // 撤销 while a question is open takes back the question, not an earlier change
  if (cmd.kind === 'cancel' || (cmd.kind === 'undo' && !cmd.task && !cmd.date)) return { cancelled: pending };
  const prev = payload.command;
  if (pending.kind === 'confirm_date') return answerDate(pending, prev, cmd);
  // "您是要报进度、申请延期还是…？" about a task: an answer naming no task of its own acts on that one
  if (pending.kind === 'about_task') return { command: !cmd.task && ABOUT_A_TASK.has(cmd.kind) ? { ...cmd, task: prev.task, plan: prev.plan } : cmd, clear: true, dropped: null };
  if (pending.kind === 'card_reason' || pending.kind === 'card_date' || pending.kind === 'card_report') return answerCardQuestion(pending, prev, cmd, text);
  if (pending.kind === 'confirm_guess') {
    // 是 / 对 / 确认 carries out the command as read; 不是 / 不对 (or nothing the bot acts on) drops it
    if (cmd.kind === 'confirm' || cmd.kind === 'ack') return { command: prev, clear: true, dropped: null };
    // an answer that only names the task ("智慧医院那个") takes the command as read, for that task
    if (cmd.kind === 'clarify' && cmd.task && cmd.percent === null && cmd.date === null) return { command: { ...prev, task: cmd.task }, clear: true, dropped: null };
    if (cmd.kind === 'unknown' || cmd.kind === 'small_talk') return { cancelled: pending };
    return { command: cmd, clear: true, dropped: pending };
  }
  if (pending.kind === 'choose_task' && payload.taskIds) {
    if (cmd.kind === 'choose') {
      const i = (cmd.index ?? 0) - 1;
      const id = payload.taskIds[i];
      if (!id) return { invalidChoice: true, count: payload.taskIds.length };
      return { command: { ...prev, kind: payload.kinds?.[i] ?? prev.kind, task: `${TASK_ID_REF}${id}` }, clear: true, dropped: null };
    }
    // the answer may be a task of the list as printed: 二（四）, 2.4, 〔医改〕二.(四)
    const chosen = chosenByReference(payload.choices ?? [], cmd, prev);
    if (chosen) return { command: { ...prev, kind: payload.kinds?.[payload.taskIds.indexOf(chosen)] ?? prev.kind, task: `${TASK_ID_REF}${chosen}` }, clear: true, dropped: null };
    // small talk leaves the question open; any other command replaces it
    if (cmd.kind === 'unknown') return { command: cmd, clear: false, dropped: null };
    return { command: cmd, clear: true, dropped: cmd.kind === prev.kind ? null : pending };
  }
  // extension_missing
  if (isNewCommand(cmd)) return { command: cmd, clear: true, dropped: cmd.kind === 'request_extension' ? null : pending };
  const bad = cmd.badDate;
  const merged: Command = {
    ...prev,
    date: bad ? null : (cmd.date ?? prev.date),
    reason: cmd.reason ?? prev.reason,
  };
  if (bad) merged.badDate = bad;
  // 好的 / 确认 / 1 adds nothing: the intent asks again for what is still missing
  return { command: merged, clear: true, dropped: null };
}

/** Commands that change what is recorded: a slip read as an action word is confirmed before them. */
const CHANGES_STATE = new Set<Command['kind']>(['report_progress', 'mark_done', 'request_extension', 'decide_extension', 'return_done']);

/**
 * "您是说「办结」吗？": a command whose action word was read through a slip of input (半结 → 办结,
 * see parse/fuzzy-read.ts) is asked about before it changes state; the answer 是 carries it out.
 */
export function guessQuestion(cmd: Command, said: NonNullable<Command['said']>): { reply: { key: 'confirm-guess'; data: Record<string, unknown> }; dialog: { kind: string; payload: Record<string, unknown> } } | null {
  if (!cmd.guesses?.length || !CHANGES_STATE.has(cmd.kind)) return null;
  // the words of the report are those of this message, not of the 是 that confirms it
  const { guesses, ...rest } = cmd;
  const command: Command = { ...rest, said: rest.said ?? said };
  return { reply: { key: 'confirm-guess', data: { guesses } }, dialog: { kind: 'confirm_guess', payload: { command } } };
}

/** Kinds an answer to "请补充新的完成时限和延期原因" is understood as, when it names no task. */
const ANSWER_KINDS = new Set<Command['kind']>(['unknown', 'clarify', 'request_extension', 'report_progress', 'ack', 'confirm', 'choose']);

/**
 * A message that stands on its own while the bot waits for a date and a reason: it names a
 * task (`2.3进度50%`, `二（四）销号`), reports a figure, or is a query, decision or order.
 */
function isNewCommand(cmd: Command): boolean {
  if (cmd.task !== null) return true;
  if (!ANSWER_KINDS.has(cmd.kind)) return true;
  return cmd.kind === 'report_progress' && (cmd.percent !== null || cmd.badPercent !== undefined);
}

/** A numbered choice as it was printed (commands/intents/with-task.ts askChoice). */
export interface Choice { id: string; pathKey: string; printed: string; plan: string; title?: string; text?: string | null }

/**
 * The choice a reply names by its reference, when the reply is only that reference (a reply
 * that also reports, asks or decides something is a new command).
 */
function chosenByReference(choices: Choice[], cmd: Command, prev: Command): string | null {
  if (!cmd.task || cmd.percent !== null || cmd.date !== null || cmd.reason !== null) return null;
  // answering a decision's list, "二（一）的延期" or "二（六）销号" names the item; otherwise a new action is a new command
  const deciding = prev.kind === 'decide_extension' || prev.kind === 'return_done' || (prev.kind === 'mark_done' && prev.review === true);
  const naming = ['clarify', 'query_task', 'unknown', prev.kind, ...(deciding ? ['request_extension', 'decide_extension', 'mark_done', 'return_done'] : [])];
  if (!naming.includes(cmd.kind)) return null;
  const key = pathKey(cmd.task);
  if (!key) {
    // "智慧医院那个", "就急救嘞个": words of one listed task's title name it, when they name no other as well
    const ranked = rankTitles(cmd.task, choices.filter((c): c is Choice & { title: string } => Boolean(c.title)));
    return ranked.kind === 'winner' ? ranked.best.item.id : null;
  }
  const hits = choices.filter((c) => c.pathKey === key && (!cmd.plan || inNamedPlan(c.plan, cmd.plan)));
  return hits.length === 1 ? hits[0]!.id : null;
}

/**
 * The answer to "您是指 2027年12月1日 吗？": yes (是, 对, 确认) acts on the date as read; another
 * date replaces it (and is checked again); anything else is a new command.
 */
function answerDate(pending: PendingDialog, prev: Command, cmd: Command): DialogOutcome {
  if (cmd.kind === 'confirm' || (cmd.kind === 'ack' && !cmd.task)) return { command: { ...prev, dateConfirmed: true }, clear: true, dropped: null };
  const onlyADate = cmd.date !== null && (cmd.task === null || cmd.task === prev.task) && cmd.percent === null;
  if (onlyADate || cmd.badDate) {
    const { badDate: _b, ...rest } = prev;
    return { command: { ...rest, date: cmd.badDate ? null : cmd.date, yearImplied: cmd.yearImplied, dateConfirmed: false, ...(cmd.badDate ? { badDate: cmd.badDate } : {}) }, clear: true, dropped: null };
  }
  return { command: cmd, clear: true, dropped: pending };
}

/**
 * The answer to a question a card's button asked (conversation/card-click.ts):
 * - card_reason (退回): the message is the reason, whole, unless it is a command of its own
 *   naming a task;
 * - card_date (同意但改日期): a day decides with that day; anything else is a new command;
 * - card_report (报进展): a report without a task of its own is about the card's task.
 */
function answerCardQuestion(pending: PendingDialog, prev: Command, cmd: Command, text: string): DialogOutcome {
  const own = cmd.task !== null && cmd.task !== prev.task;
  if (pending.kind === 'card_reason') {
    if (own || !text.trim()) return { command: cmd, clear: true, dropped: pending };
    return { command: { ...prev, reason: cmd.reason ?? text.trim() }, clear: true, dropped: null };
  }
  if (pending.kind === 'card_date') {
    if (cmd.badDate) return { command: { ...prev, badDate: cmd.badDate }, clear: true, dropped: null };
    if (!cmd.date || own) return { command: cmd, clear: true, dropped: pending };
    return { command: { ...prev, date: cmd.date, yearImplied: cmd.yearImplied, reason: cmd.reason ?? prev.reason }, clear: true, dropped: null };
  }
  if (own || !REPORT_ANSWERS.has(cmd.kind)) return { command: cmd, clear: true, dropped: pending };
  const kind = cmd.kind === 'mark_done' ? 'mark_done' : 'report_progress';
  return { command: { ...cmd, kind, task: prev.task, note: cmd.note ?? text.trim() }, clear: true, dropped: null };
}

/** What an answer to 报进展 may be read as: a report (with or without a figure) or words the parser did not place. */
const REPORT_ANSWERS = new Set<Command['kind']>(['report_progress', 'mark_done', 'unknown', 'clarify', 'ack', 'small_talk']);
