/**
 * 办结 — "二（三）已办结", "急救那个做完了，材料已报送", "2.3 销号".
 * A unit's 办结 is a claim that waits for review; a leader or admin saying it confirms (销号),
 * except on a task of their own unit: nobody reviews their own unit's task, so there 已办结 is
 * a claim like any unit's and 销号 (review wording) is refused. Where a task names a 牵头单位, only the lead claims it.
 */
import type { IntentHandler, IntentContext, IntentResult } from './types.ts';
import type { TaskListRow } from '../../store/tasks.ts';
import { cleanNote } from '../../store/records.ts';
import { withTask } from './with-task.ts';
import { carryWords, wordsOf } from './report-progress.ts';
import { actingUnit, answersForTask, assignedTo, leadNames, noticesTo, unitIdsOf, type ActingUnit } from './responsibility.ts';

export const markDone: IntentHandler = async (message) => {
  if (message.speaker.role === 'guest') return { reply: { key: 'errors/not-bound', data: {} } };
  const unit = await actingUnit(message);
  // a "which task?" question carries the claim's words, so the answer ("2") is not recorded as them
  const ctx = carryWords(message);
  return withTask(ctx, async (task) => {
    if (ctx.speaker.role === 'member') return unit ? claim(ctx, task, unit) : { reply: { key: 'errors/not-bound', data: {} } };
    if (unit && assignedTo(task, unit.id)) {
      // 销号 wording is a review, and nobody reviews their own unit's task; 已办结 is a claim
      if (task.state === 'claimed_done' || ctx.command.review) return ownUnitsTask(task, unit);
      return claim(ctx, task, unit, { reviewer: true });
    }
    return confirm(ctx, task);
  });
};

/** A leader or admin reviewing a task of the unit they belong to. */
function ownUnitsTask(task: TaskListRow, unit: ActingUnit): IntentResult {
  return { reply: { key: 'errors/forbidden', data: { ownReview: true, path: task.path, title: task.title, unit: unit.name } } };
}

async function claim(ctx: IntentContext, task: TaskListRow, unit: ActingUnit, opts: { reviewer?: boolean } = {}): Promise<IntentResult> {
  const view = { path: task.path, title: task.title, unit: unit.name, by: ctx.speaker.name };
  if (task.state !== 'open') return { reply: { key: 'done-claimed', data: { ...view, already: true, state: task.state } } };
  if (!answersForTask(task, unit.id)) return { reply: { key: 'errors/forbidden', data: { ...view, assistClaim: true, leads: leadNames(task) } } };
  const words = wordsOf(ctx, task);
  await ctx.store.transaction(async (tx) => {
    await tx.records.addReport({ taskId: task.id, unitId: unit.id, personId: ctx.speaker.personId, kind: 'done_claim', percent: 100, previousPercent: task.percent, note: words.note, messageId: words.messageId, originalText: words.text });
    await tx.tasks.setState(task.id, 'claimed_done', ctx.now, 100);
    await tx.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'claim_done', taskId: task.id, unitId: unit.id, messageId: ctx.message.id });
  });
  await ctx.hooks.taskChanged(task.id);
  return {
    reply: { key: 'done-claimed', data: { ...view, reviewer: opts.reviewer === true } },
    notices: [{ to: { kind: 'leaders' }, reply: { key: 'done-claimed-leaders', data: { ...view, note: words.note } } }],
  };
}

async function confirm(ctx: IntentContext, task: TaskListRow): Promise<IntentResult> {
  const view = { path: task.path, title: task.title, by: ctx.speaker.name };
  if (task.state === 'done') return { reply: { key: 'done-confirmed', data: { ...view, already: true } } };
  await ctx.store.transaction(async (tx) => {
    const words = wordsOf(ctx, task);
    await tx.records.addReport({ taskId: task.id, unitId: null, personId: ctx.speaker.personId, kind: 'done_confirmed', percent: 100, previousPercent: task.percent, note: null, messageId: words.messageId, originalText: words.text });
    await tx.tasks.setState(task.id, 'done', ctx.now, 100);
    await tx.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'confirm_done', taskId: task.id, messageId: ctx.message.id });
  });
  await ctx.hooks.taskChanged(task.id);
  return { reply: { key: 'done-confirmed', data: view }, notices: noticesTo(unitIdsOf(task), { key: 'done-confirmed', data: { ...view, toUnit: true } }) };
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

/**
 * 退办 — "退回 2.3，佐证材料不全": reopens a claimed task at its progress before the claim and
 * tells the unit why. Nobody returns their own unit's task either.
 */
export const returnDone: IntentHandler = async (ctx) => {
  if (ctx.speaker.role !== 'leader' && ctx.speaker.role !== 'admin') return { reply: { key: 'errors/not-leader', data: {} } };
  const unit = await actingUnit(ctx);
  return withTask(ctx, async (task) => {
    const view = { path: task.path, title: task.title, by: ctx.speaker.name, reason: ctx.command.reason };
    if (task.state === 'open') return { reply: { key: 'done-returned', data: { ...view, notClaimed: true } } };
    if (unit && assignedTo(task, unit.id)) return ownUnitsTask(task, unit);
    const percent = await percentBeforeClaim(ctx, task);
    await ctx.store.transaction(async (tx) => {
      await tx.records.addReport({ taskId: task.id, unitId: null, personId: ctx.speaker.personId, kind: 'returned', percent: null, previousPercent: task.percent, note: cleanNote(ctx.command.reason), messageId: ctx.message.id, originalText: ctx.message.text });
      await tx.tasks.setState(task.id, 'open', ctx.now, percent);
      await tx.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'return_done', taskId: task.id, messageId: ctx.message.id, detail: { reason: ctx.command.reason, percent } });
    });
    await ctx.hooks.taskChanged(task.id);
    return { reply: { key: 'done-returned', data: { ...view, percent } }, notices: noticesTo(unitIdsOf(task), { key: 'done-returned-unit', data: { ...view, percent } }) };
  }, { askWhenMissing: false });
};
