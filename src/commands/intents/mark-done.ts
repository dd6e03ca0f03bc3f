/**
 * 办结 — "二（三）已办结", "急救那个做完了，材料已报送", "2.3 销号".
 * A unit's 办结 is a claim that waits for review. A leader or admin saying it reviews the
 * pending claim it means (review.ts: never a task nobody claimed), except on a task of their
 * own unit: nobody reviews their own unit's task, so there 已办结 is a claim like any unit's
 * and 销号 (review wording) is refused. Where a task names a 牵头单位, only the lead claims it.
 */
import type { IntentHandler, IntentContext, IntentResult } from './types.ts';
import type { TaskListRow } from '../../store/tasks.ts';
import { withTask } from './with-task.ts';
import { carryWords, wordsOf } from './report-progress.ts';
import { actingUnit, answersForTask, assignedTo, leadNames, type ActingUnit } from './responsibility.ts';
import { reviewClaim } from './review.ts';
import { referencesFor } from './references.ts';
import { excerpt } from '../../render/excerpt.ts';
import { leaderNotices } from './evidence-notices.ts';
import { resolvePolicy } from '../../reminders/policy-config.ts';

export const markDone: IntentHandler = async (message) => {
  if (message.speaker.role === 'guest') return { reply: { key: 'errors/not-bound', data: {} } };
  const unit = await actingUnit(message);
  // a "which task?" question carries the claim's words, so the answer ("2") is not recorded as them
  const ctx = carryWords(message);
  if (ctx.speaker.role === 'member') {
    // 同意销号 is a leader's decision: a unit claims (已办结, 申请销号), it does not approve
    if (ctx.command.review && APPROVAL.test(ctx.message.text)) return { reply: { key: 'errors/not-leader', data: { review: true } } };
    return unit ? withTask(ctx, (task) => claim(ctx, task, unit)) : { reply: { key: 'errors/not-bound', data: {} } };
  }
  // a leader or admin with a unit claims that unit's open task with 已办结; anything else is a review
  if (unit && !ctx.command.review) {
    const own = await ownOpenTask(ctx, unit);
    if (own) return claim(ctx, own, unit, { reviewer: true });
  }
  return reviewClaim(ctx, 'confirm');
};

/**
 * Words that approve (同意/批准/准予/可以 销号) or that close the task oneself (把它销号, 自己销号了): a
 * decision, not a claim.
 */
const APPROVAL = /(?:同意|批准|准予|可以|予以|确认)\s*(?:[一二三四五六七八九十\d（）().、]{0,8})?\s*销号|(?:把|将)[^,，。;；]{0,10}?销号|(?:自己|自行)[^,，。;；]{0,8}?销号/;

/** The speaker's own unit's open task the message names, if it names one. */
async function ownOpenTask(ctx: IntentContext, unit: ActingUnit): Promise<TaskListRow | null> {
  if (!ctx.command.task) return null;
  const { resolveTask } = await import('../resolve-task.ts');
  const r = await resolveTask(ctx.store, ctx.speaker, ctx.command.task, ctx.message.quote, ctx.message.text, { plan: ctx.command.plan });
  return r.kind === 'one' && assignedTo(r.task, unit.id) && r.task.state === 'open' ? r.task : null;
}

async function claim(ctx: IntentContext, task: TaskListRow, unit: ActingUnit, opts: { reviewer?: boolean } = {}): Promise<IntentResult> {
  const [ref] = await referencesFor(ctx.store, [task]);
  const view = { path: ref!, title: task.title, unit: unit.name, by: ctx.speaker.name };
  if (task.state !== 'open') return { reply: { key: 'done-claimed', data: { ...view, already: true, state: task.state } } };
  if (!answersForTask(task, unit.id)) return { reply: { key: 'errors/forbidden', data: { ...view, assistClaim: true, leads: leadNames(task) } } };
  const words = wordsOf(ctx, task);
  // 销号需佐证材料: without files the claim waits for them; it reaches the leaders with the first ones
  if (await evidenceRequired(ctx, task.id) && (await ctx.store.evidence.countForTask(task.id)) === 0) {
    await ctx.store.records.addReport({ taskId: task.id, unitId: unit.id, personId: ctx.speaker.personId, kind: 'claim_waiting', percent: null, previousPercent: task.percent, note: words.note, messageId: words.messageId, originalText: words.text });
    return { reply: { key: 'done-claim-waiting', data: { ...view, inGroup: ctx.speaker.chat.kind === 'group' } } };
  }
  const claimId = await ctx.store.transaction(async (tx) => {
    const before = { task: await tx.changes.taskBefore(task.id) };
    const report = await tx.records.addReport({ taskId: task.id, unitId: unit.id, personId: ctx.speaker.personId, kind: 'done_claim', percent: 100, previousPercent: task.percent, note: words.note, messageId: words.messageId, originalText: words.text, at: ctx.now });
    await tx.tasks.setState(task.id, 'claimed_done', ctx.now, 100);
    await tx.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'claim_done', taskId: task.id, unitId: unit.id, messageId: ctx.message.id, before, added: { reportIds: [report.id] } });
    return report.id;
  });
  await ctx.hooks.taskChanged(task.id);
  // a lead's 办结 of a joint task: the leaders see which 配合单位 never reported their part
  const silent = await silentAssists(ctx, task);
  const note = excerpt(words.note);
  // 佐证材料 sent before the claim (with a caption naming the task): each leader gets a link privately
  const evidence = await ctx.store.evidence.countForTask(task.id);
  const privately = evidence ? await leaderNotices(ctx, task, ref!, { unit: unit.name, count: evidence }) : [];
  const inGroup = ctx.speaker.chat.kind === 'group';
  return {
    reply: { key: 'done-claimed', data: { ...view, reviewer: opts.reviewer === true, evidence, askEvidence: evidence === 0, inGroup } },
    notices: [{
      to: { kind: 'leaders' },
      reply: { key: 'done-claimed-leaders', data: { ...view, note: note.text, cut: note.cut, silent: silent.join('、') || null, evidence, noEvidence: evidence === 0 } },
      // 销号 / 退回 buttons act on exactly this claim
      card: { kind: 'review', requestId: claimId, taskId: task.id, data: { ...view, note: note.text } },
    }, ...privately],
  };
}

async function evidenceRequired(ctx: Pick<IntentContext, 'store'>, taskId: string): Promise<boolean> {
  const o = await ctx.store.reminders.policyOverrides('task', taskId);
  return o ? resolvePolicy(o.plan, o.task).evidenceRequired : false;
}

/**
 * The first 佐证材料 of a claim that waited for them (销号需佐证材料): the claim is made now, with
 * the words it was sent with, and the leaders are told (the group, and each leader privately
 * with their link). Runs in the transaction of the message that brought the files.
 */
export async function submitWaitingClaim(ctx: Pick<IntentContext, 'store' | 'hooks' | 'now' | 'speaker'> & { messageId: string }, task: TaskListRow, path: string): Promise<IntentResult['notices'] | null> {
  const waiting = await ctx.store.evidence.waitingClaim(task.id);
  if (!waiting || task.state !== 'open') return null;
  const unit = task.assignments.find((a) => a.unit.id === waiting.unitId)?.unit ?? { id: waiting.unitId, name: ctx.speaker.unitName ?? '' };
  const claimId = await ctx.store.transaction(async (tx) => {
    const before = { task: await tx.changes.taskBefore(task.id) };
    const report = await tx.records.addReport({ taskId: task.id, unitId: waiting.unitId, personId: waiting.personId, kind: 'done_claim', percent: 100, previousPercent: task.percent, note: waiting.note, messageId: ctx.messageId, originalText: waiting.originalText });
    await tx.tasks.setState(task.id, 'claimed_done', ctx.now, 100);
    await tx.changes.record({ actorId: waiting.personId, actorName: ctx.speaker.name, action: 'claim_done', taskId: task.id, unitId: waiting.unitId, messageId: ctx.messageId, before, added: { reportIds: [report.id] } });
    return report.id;
  });
  await ctx.hooks.taskChanged(task.id);
  const count = await ctx.store.evidence.countForTask(task.id);
  const note = excerpt(waiting.note);
  const view = { path, title: task.title, unit: unit.name ?? '', by: ctx.speaker.name };
  return [
    {
      to: { kind: 'leaders' },
      reply: { key: 'done-claimed-leaders', data: { ...view, note: note.text, cut: note.cut, silent: null, evidence: count, noEvidence: false } },
      card: { kind: 'review', requestId: claimId, taskId: task.id, data: { ...view, note: note.text } },
    },
    ...(await leaderNotices(ctx, task, path, { unit: view.unit, count })),
  ];
}

/** The 配合单位 of a task with a 牵头单位 that have made no progress report on it. */
async function silentAssists(ctx: IntentContext, task: TaskListRow): Promise<string[]> {
  const assists = task.assignments.filter((a) => a.role === 'assist');
  if (!assists.length) return [];
  const reported = new Set(await ctx.store.records.reportingUnits(task.id));
  return assists.filter((a) => !reported.has(a.unit.id)).map((a) => a.unit.name);
}

export { returnDone } from './review.ts';
