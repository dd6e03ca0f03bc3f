/**
 * A decision that names nothing — "同意", "不同意，材料不全", "退回，佐证材料不全", "这个先退回" —
 * acts on what awaits this speaker's decision: the 办结 claims (销号/退回) and the extension
 * requests (同意/驳回) they may decide. One kind pending: that kind decides (one item acts,
 * several are asked about). Both kinds pending: the bot asks which, listing both. Nothing
 * pending: it says so.
 */
import type { IntentContext, IntentResult } from './types.ts';
import type { TaskListRow } from '../../store/tasks.ts';
import { actingUnit, assignedTo } from './responsibility.ts';
import { claimQueue, ownUnitsTask, reviewClaim } from './review.ts';
import { referencesFor } from './references.ts';
import { chineseDate, shortTime } from '../../lib/shanghai.ts';
import { cardResult } from '../../render/card.ts';
import { dayOf } from '../../tasks/status.ts';

/** A decision this soon after the last one, with nothing left pending, repeats it. */
const JUST_DECIDED_MS = 10 * 60_000;

/** `onlyClaims`: the words were 退回 / 打回, which decide a 办结 claim, never an extension. */
export async function decideBare(ctx: IntentContext, decideExtensionNamed: (ctx: IntentContext) => Promise<IntentResult>, opts: { onlyClaims?: boolean } = {}): Promise<IntentResult> {
  if (ctx.speaker.role !== 'leader' && ctx.speaker.role !== 'admin') return { reply: { key: 'errors/not-leader', data: {} } };
  const approve = ctx.command.approve !== false;
  const unit = await actingUnit(ctx);
  // 财政那个也同意: a unit named decides only what that unit waits on
  const named = ctx.command.decidedUnit;
  const ofNamed = (t: { assignments: { unit: { name: string } }[] }) => !named || t.assignments.some((a) => a.unit.name === named);
  const queue = await claimQueue(ctx, unit);
  const claims = queue.mine.filter(ofNamed);
  const ownClaims = queue.own;
  const [all] = opts.onlyClaims ? [[]] : await ctx.store.records.pendingExtensionList({}, 20);
  const extensions = all.filter((e) => !(unit && e.task.assignments.some((a) => a.unit.id === unit.id)) && ofNamed(e.task));
  const review = { ...ctx, command: { ...ctx.command, kind: approve ? 'mark_done' as const : 'return_done' as const, task: null, review: approve || undefined } };
  if (claims.length && !extensions.length) return reviewClaim(review, approve ? 'confirm' : 'return');
  if (!claims.length && extensions.length) return decideExtensionNamed({ ...ctx, command: { ...ctx.command, bare: false, replyOnly: undefined } });
  // all that waits is the speaker's own unit's: nobody decides those
  const ownExt = all.find((e) => !extensions.includes(e));
  if (!claims.length && ownClaims[0]) return ownUnitsTask(ownClaims[0], unit!);
  if (!claims.length && !extensions.length && ownExt) return { reply: { key: 'errors/forbidden', data: { ownReview: true, extension: true, path: ownExt.task.path, title: ownExt.task.title, unit: unit!.name } } };
  if (!claims.length) {
    // a second 不同意 / 同意 right after a request was decided is about that one: it is told it was handled
    const just = opts.onlyClaims || named ? null : await ctx.store.records.lastDecidedExtension();
    const task = just?.decidedAt && ctx.now.getTime() - just.decidedAt.getTime() <= JUST_DECIDED_MS ? await ctx.store.tasks.byId(just.task.id) : null;
    if (task) return decidedBefore(ctx, task);
    return { reply: { key: 'errors/nothing-pending', data: { what: `${named ? `${named}的` : ''}${opts.onlyClaims ? '待审核的办结申请' : '待审核的办结申请或延期申请'}`, doneHint: true } } };
  }
  return askWhich(ctx, claims, extensions.map((e) => ({ task: e.task as unknown as TaskListRow, requested: e.requestedDate })), approve);
}

/** Both kinds wait: a numbered list of claims and requests; the number (or the task) decides one. */
async function askWhich(ctx: IntentContext, claims: TaskListRow[], extensions: { task: TaskListRow; requested: Date }[], approve: boolean): Promise<IntentResult> {
  const shown = [...claims.map((t) => ({ task: t, kind: 'claim' as const, requested: null })), ...extensions.map((e) => ({ ...e, kind: 'extension' as const }))].slice(0, 9);
  const refs = await referencesFor(ctx.store, shown.map((s) => s.task));
  const items = shown.map((s, i) => ({ n: i + 1, path: refs[i]!, title: s.task.title, claim: s.kind === 'claim', date: s.requested ? chineseDate(dayOf(s.requested)!) : null }));
  const kinds = shown.map((s) => (s.kind === 'claim' ? (approve ? 'mark_done' : 'return_done') : 'decide_extension'));
  return {
    reply: { key: 'choose-task', data: { items, total: shown.length, both: true, approve } },
    dialog: {
      kind: 'choose_task',
      payload: {
        command: { ...ctx.command, bare: undefined, replyOnly: undefined, review: approve || undefined },
        taskIds: shown.map((s) => s.task.id), kinds,
        choices: shown.map((s, i) => ({ id: s.task.id, pathKey: s.task.pathKey, printed: refs[i]!, plan: s.task.plan.title, title: s.task.title })),
      },
    },
  };
}

export { assignedTo };

/**
 * A decision on a task with no request pending: when its last request was decided already (a second
 * leader's 「二（三）的延期我也同意」), it is answered with that decision; otherwise nothing is pending.
 */
export async function decidedBefore(ctx: IntentContext, task: TaskListRow): Promise<IntentResult> {
  const last = await ctx.store.records.lastDecidedExtension(task.id);
  if (!last?.decidedAt) return { reply: { key: 'errors/nothing-pending', data: { what: '该任务的延期申请' } } };
  const approved = last.state === 'approved';
  const result = cardResult(approved ? 'approve' : 'reject', { by: last.decidedBy ?? '', at: shortTime(last.decidedAt), date: last.approvedDate ? chineseDate(dayOf(last.approvedDate)!) : '' });
  const [printed] = await referencesFor(ctx.store, [task]);
  return { reply: { key: 'card-click', data: { already: true, path: printed!, title: task.title, result } } };
}
