/**
 * 审核办结 — 销号 and 退回 act on a pending request: a task whose 办结 claim awaits review.
 * "同意销号", "2.3 销号", "退回 二（四），佐证材料不全", "医共体那个材料不全，退回去重新报", and a
 * bare 同意 / 退回 replying to a 办结 notice. The candidates are exactly the claims the speaker
 * may decide (not their own unit's), in the order of the 待销号 list: one is acted on and
 * named, several are asked about, none is said. A task nobody claimed is never closed by
 * these words: the bot says so and tells how to close it directly (`直接销号 <task>`).
 */
import type { TaskListRow } from '../../store/tasks.ts';
import { cleanNote } from '../../store/records.ts';
import type { IntentContext, IntentHandler, IntentResult } from './types.ts';
import { resolveTask, TASK_ID_REF } from '../resolve-task.ts';
import { actingUnit, assignedTo, noticesTo, unitIdsOf, type ActingUnit } from './responsibility.ts';
import { askChoice } from './with-task.ts';
import { referencesFor } from './references.ts';

export type Decision = 'confirm' | 'return';

/** The 办结 claims `unit`'s speaker may decide, oldest claim first (the 待销号 list's order). */
export async function claimQueue(ctx: IntentContext, unit: ActingUnit | null): Promise<{ mine: TaskListRow[]; own: TaskListRow[] }> {
  const all = await ctx.store.tasks.claimed({ activeOnly: false }, 50);
  const own = all.filter((t) => unit !== null && assignedTo(t, unit.id));
  return { mine: all.filter((t) => !own.includes(t)), own };
}

/** Reviews a claim: 销号 (`confirm`) or 退回 (`return`), on the pending claim the message means. */
export async function reviewClaim(ctx: IntentContext, decision: Decision): Promise<IntentResult> {
  if (ctx.speaker.role !== 'leader' && ctx.speaker.role !== 'admin') return { reply: { key: 'errors/not-leader', data: {} } };
  const unit = await actingUnit(ctx);
  const { mine, own } = await claimQueue(ctx, unit);
  const found = await resolveTask(ctx.store, ctx.speaker, ctx.command.task, ctx.message.quote, ctx.message.text, { plan: ctx.command.plan, activeOnly: false });
  if (found.kind === 'none' && found.ref === null) {
    // nothing named: the pending claims decide
    if (mine.length === 1) return decide(ctx, mine[0]!, decision, unit);
    if (mine.length > 1) return askChoice(ctx, mine, { reviewing: true });
    if (own.length) return ownUnitsTask(own[0]!, unit!);
    return { reply: { key: 'errors/nothing-pending', data: { what: '待审核的办结申请', doneHint: true } } };
  }
  if (found.kind === 'none') return { reply: { key: 'errors/task-not-found', data: { ref: found.ref } } };
  const tasks = found.kind === 'one' ? [found.task] : found.tasks;
  // of two tasks with the same number, the one whose claim waits is meant
  const claimed = tasks.filter((t) => t.state === 'claimed_done');
  if (tasks.length > 1) return claimed.length === 1 ? decide(ctx, claimed[0]!, decision, unit) : askChoice(ctx, claimed.length ? claimed : tasks, { reviewing: true });
  return decide(ctx, tasks[0]!, decision, unit);
}

async function decide(ctx: IntentContext, task: TaskListRow, decision: Decision, unit: ActingUnit | null): Promise<IntentResult> {
  const [ref] = await referencesFor(ctx.store, [task]);
  const view = { path: ref!, title: task.title, by: ctx.speaker.name, reason: ctx.command.reason };
  if (task.state === 'done') return { reply: { key: decision === 'confirm' ? 'done-confirmed' : 'done-returned', data: { ...view, already: true, doneAlready: true } } };
  if (unit && assignedTo(task, unit.id)) return ownUnitsTask(task, unit);
  if (task.state !== 'claimed_done') {
    // nobody reported 办结: 销号 here would close a task on no report; say so and how to close it on purpose
    return decision === 'confirm'
      ? { reply: { key: 'done-not-claimed', data: { ...view, percent: task.percent } } }
      : { reply: { key: 'done-returned', data: { ...view, notClaimed: true } } };
  }
  if (decision === 'confirm') return closeTask(ctx, task, view, { direct: false });
  // a 退回 with no reason tells the unit nothing to mend: its reason is asked first, as the card's button does
  if (!ctx.command.reason?.trim()) {
    return { reply: { key: 'card-click', data: { askReason: true, path: ref!, title: task.title } }, dialog: { kind: 'card_reason', payload: { command: { ...ctx.command, task: `${TASK_ID_REF}${task.id}` }, card: null } } };
  }
  return returnClaim(ctx, task, view);
}

/** A leader or admin reviewing a task of the unit they belong to. */
export function ownUnitsTask(task: TaskListRow, unit: ActingUnit): IntentResult {
  return { reply: { key: 'errors/forbidden', data: { ownReview: true, path: task.path, title: task.title, unit: unit.name } } };
}

type View = { path: string; title: string; by: string; reason: string | null };

/** 销号: the task is done at 100 %; `direct` when nobody claimed it (直接销号, asked for by name). */
export async function closeTask(ctx: IntentContext, task: TaskListRow, view: View, opts: { direct: boolean }): Promise<IntentResult> {
  await ctx.store.transaction(async (tx) => {
    const before = { task: await tx.changes.taskBefore(task.id) };
    const report = await tx.records.addReport({ taskId: task.id, unitId: null, personId: ctx.speaker.personId, kind: 'done_confirmed', percent: 100, previousPercent: task.percent, note: opts.direct ? '直接销号' : null, messageId: ctx.message.id, originalText: ctx.message.text });
    await tx.tasks.setState(task.id, 'done', ctx.now, 100);
    await tx.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: opts.direct ? 'close_direct' : 'confirm_done', taskId: task.id, messageId: ctx.message.id, before, added: { reportIds: [report.id] } });
  });
  await ctx.hooks.taskChanged(task.id);
  const data = { ...view, direct: opts.direct };
  return { reply: { key: 'done-confirmed', data }, notices: noticesTo(unitIdsOf(task), { key: 'done-confirmed', data: { ...data, toUnit: true } }) };
}

/** A returned task goes back to the progress it had before the 办结 claim; 100% then means 90%: it is not done. */
const RETURNED_CAP = 90;

async function percentBeforeClaim(ctx: IntentContext, task: TaskListRow): Promise<number> {
  for (const r of await ctx.store.records.completions(task.id)) {
    if (r.previousPercent !== null && r.previousPercent < 100) return r.previousPercent;
    if (r.kind === 'done_claim') break; // the claim that started this completion
  }
  return Math.min(task.percent, RETURNED_CAP);
}

/** 退回: reopens the claimed task at its progress before the claim and tells its units why. */
async function returnClaim(ctx: IntentContext, task: TaskListRow, view: View): Promise<IntentResult> {
  const percent = await percentBeforeClaim(ctx, task);
  const reason = cleanNote(ctx.command.reason);
  await ctx.store.transaction(async (tx) => {
    const before = { task: await tx.changes.taskBefore(task.id) };
    const report = await tx.records.addReport({ taskId: task.id, unitId: null, personId: ctx.speaker.personId, kind: 'returned', percent: null, previousPercent: task.percent, note: reason, messageId: ctx.message.id, originalText: ctx.message.text });
    await tx.tasks.setState(task.id, 'open', ctx.now, percent);
    await tx.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'return_done', taskId: task.id, messageId: ctx.message.id, detail: { reason, percent }, before, added: { reportIds: [report.id] } });
  });
  await ctx.hooks.taskChanged(task.id);
  const data = { ...view, reason, percent };
  return { reply: { key: 'done-returned', data }, notices: noticesTo(unitIdsOf(task), { key: 'done-returned-unit', data }) };
}

/** 退办 — "退回 2.3，佐证材料不全". */
export const returnDone: IntentHandler = (ctx) => reviewClaim(ctx, 'return');

/**
 * 直接销号 — "直接销号 二（三）": closing a task nobody claimed, said by name (the bot asks for
 * exactly these words when 销号 finds no claim). Recorded as a direct 销号; undone like any other.
 */
export const closeDirect: IntentHandler = async (ctx) => {
  if (ctx.speaker.role !== 'leader' && ctx.speaker.role !== 'admin') return { reply: { key: 'errors/not-leader', data: {} } };
  if (!ctx.command.task) return { reply: { key: 'done-not-claimed', data: { needTask: true } } };
  const unit = await actingUnit(ctx);
  const found = await resolveTask(ctx.store, ctx.speaker, ctx.command.task, null, null, { plan: ctx.command.plan });
  if (found.kind === 'none') return { reply: { key: 'errors/task-not-found', data: { ref: found.ref } } };
  if (found.kind === 'many') return askChoice(ctx, found.tasks);
  const task = found.task;
  if (unit && assignedTo(task, unit.id)) return ownUnitsTask(task, unit);
  const [ref] = await referencesFor(ctx.store, [task]);
  const view = { path: ref!, title: task.title, by: ctx.speaker.name, reason: null };
  if (task.state === 'done') return { reply: { key: 'done-confirmed', data: { ...view, already: true } } };
  return closeTask(ctx, task, view, { direct: task.state !== 'claimed_done' });
};
