/**
 * Reviewing an import draft in chat before 确认: the import answer lists every task compactly
 * (path, short title, lead/assist units, deadline, ⚠ for warnings), PAGE_SIZE to a page;
 * "下一页" / "上一页" / "第3页" turn the pages. The admin corrects the draft with the words that
 * correct an active plan (commands/parse/correction.ts): "3.2 牵头单位改为市场监管局，配合单位
 * 区财政局", "4.2 完成时限改为6月30日", "3.2 标题改为…"; "删除 4.1" drops a task from the draft
 * and "恢复 4.1" brings it back (the dropped tasks are deleted only at 确认). Each correction
 * answers with the corrected line. A unit the directory does not know is asked about; a day
 * that does not exist is refused.
 *
 * The open question (dialog confirm_import) keeps the plan, the page shown and the dropped tasks.
 */
import type { Command } from '../commands/command.ts';
import type { IntentResult } from '../commands/intents/types.ts';
import type { Speaker } from '../commands/speaker.ts';
import type { StoredMessage } from '../store/messages.ts';
import type { Store } from '../store/index.ts';
import type { ConversationDeps } from './handle-message.ts';
import { readEdits, reviewLine } from '../commands/intents/correct-task.ts';
import { pathKey } from '../tasks/path-key.ts';
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';
import { dialogKey, DIALOG_TTL_MS } from './dialog.ts';

export const PAGE_SIZE = 10;

/** What the open import question keeps. */
/** `assign`: the draft is a 交办 (conversation/assign-task.ts), confirmed as one. */
export interface ReviewState { planId: string; page: number; dropped: string[]; assign?: unknown }

export function reviewState(payload: unknown): ReviewState {
  const p = payload as Partial<ReviewState> & { planId: string };
  return { planId: p.planId, page: p.page ?? 1, dropped: p.dropped ?? [], ...(p.assign ? { assign: p.assign } : {}) };
}

/** One page of the draft's tasks, as template data (import-summary, draft-review). */
export async function reviewPage(store: Store, state: ReviewState): Promise<Record<string, unknown>> {
  const tasks = await store.plans.reviewTasks(state.planId);
  const pages = Math.max(1, Math.ceil(tasks.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, state.page), pages);
  const shown = tasks.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const dropped = new Set(state.dropped);
  return {
    items: shown.map((t) => ({ ...reviewLine(t), dropped: dropped.has(t.id) })),
    page, pages, paged: pages > 1, hasNext: page < pages, hasPrev: page > 1,
    droppedCount: dropped.size || null,
  };
}

/** The answer to a page turn or a correction while the draft awaits 确认; null when `cmd` is neither. */
export async function answerReview(deps: ConversationDeps, payload: unknown, cmd: Command, speaker: Speaker, msg: StoredMessage, now: Date): Promise<IntentResult | null> {
  if (cmd.kind !== 'page' && cmd.kind !== 'correct_task' && cmd.kind !== 'remove_task') return null;
  const state = reviewState(payload);
  const c = cmd.correction;
  if (cmd.kind === 'page' && c?.kind === 'page') {
    const next: ReviewState = { ...state, page: c.page ?? state.page + c.step };
    const data = await reviewPage(deps.store, next);
    await keep(deps, msg, { ...next, page: data.page as number }, now);
    return { reply: { key: 'draft-review', data: { list: true, ...data } } };
  }
  // a 交办 draft is the leader's who wrote it: they correct it before 确认 as an admin corrects an import
  const assigning = Boolean(state.assign) && speaker.role === 'leader';
  if (speaker.role !== 'admin' && !assigning) return { reply: { key: 'errors/not-admin', data: { correct: true } } };
  const tasks = await deps.store.plans.reviewTasks(state.planId);
  const key = cmd.task ? pathKey(cmd.task) : null;
  // a correction naming no task ("改一下，牵头单位改成卫健局") is about a draft of one task (a 交办)
  const task = key ? tasks.find((t) => t.pathKey === key) : tasks.length === 1 ? tasks[0] : undefined;
  if (!task) return { reply: { key: 'draft-review', data: { notFound: true, ref: cmd.task } } };
  if (c?.kind === 'remove') {
    const dropped = c.restore ? state.dropped.filter((id) => id !== task.id) : [...new Set([...state.dropped, task.id])];
    await keep(deps, msg, { ...state, dropped }, now);
    await audit(deps.store, speaker, msg, state.planId, task.id, { field: c.restore ? 'restore' : 'drop', path: task.path });
    const data = { line: reviewLine(task), dropped: !c.restore, restored: c.restore, wasThere: c.restore && !state.dropped.includes(task.id), count: tasks.length - dropped.length };
    return { reply: { key: 'draft-review', data } };
  }
  if (c?.kind !== 'edit') return null;
  if (state.dropped.includes(task.id)) return { reply: { key: 'draft-review', data: { isDropped: true, line: reviewLine(task) } } };
  const plan = await deps.store.plans.byId(state.planId);
  const directory = await deps.store.directory.units();
  const read = readEdits(c.edits, task.assignments, directory, { title: plan?.title ?? null, issuedAt: plan?.issuedAt ?? null }, task.dueDate, shanghaiDay(now), task.path);
  // a unit asked about leaves the draft's question open: the answer is a corrected message
  if (!read.ok) return { reply: read.reply, ...(read.reply.data.unitQuestion ? { dialog: { kind: 'confirm_import', payload: { ...state } } } : {}) };
  const w = deps.store.ledger.writes;
  if (read.title !== null) await w.setTitle(task.id, read.title);
  if (read.due) await w.setDue(task.id, { date: read.due.date, kind: 'date' }, read.due.raw);
  if (read.units) await w.setUnits(task.id, read.units);
  await audit(deps.store, speaker, msg, state.planId, task.id, { field: c.edits.map((e) => e.field).join(','), path: task.path, after: c.edits.map((e) => e.value).join('；') });
  await keep(deps, msg, state, now);
  const after = (await deps.store.plans.reviewTasks(state.planId)).find((t) => t.id === task.id)!;
  return { reply: { key: 'draft-review', data: { corrected: true, line: reviewLine(after), before: reviewLine(task), due: read.due ? chineseDate(read.due.date) : null } } };
}

/** The tasks the admin deleted in review leave the draft at 确认, before it is activated. */
export async function dropReviewed(store: Store, payload: unknown): Promise<number> {
  const state = reviewState(payload);
  if (!state.dropped.length) return 0;
  return (await store.plans.dropDraftTasks(state.planId, state.dropped)).count;
}

async function keep(deps: ConversationDeps, msg: StoredMessage, state: ReviewState, now: Date): Promise<void> {
  await deps.store.dialogs.set(dialogKey(msg.platform, msg.chatId, msg.senderId), 'confirm_import', state as never, new Date(now.getTime() + DIALOG_TTL_MS));
}

/** A draft correction is kept in the trail (not undoable: the draft is not in force yet). */
async function audit(store: Store, speaker: Speaker, msg: StoredMessage, planId: string, taskId: string, detail: Record<string, string>): Promise<void> {
  await store.ledger.writes.audit({ actorId: speaker.personId, actorName: speaker.name, action: 'draft_edit', taskId, planId, messageId: msg.id, detail });
}
