/**
 * 申请延期 — "申请延期到明年3月底，原因是设备采购流程未完成", "2.3 能否延到月底？台账还没核完".
 * Creates a pending request (new date + reason; the bot asks for what is missing) that a
 * leader or admin decides; the deadline changes only on approval.
 */
import { words } from '../../render/labels.ts';
import { excerpt } from '../../render/excerpt.ts';
import type { IntentHandler } from './types.ts';
import { withTask, unitOf } from './with-task.ts';
import { actingUnit, assignedTo, notAUnit, notTheUnits, noticesTo, unitIdsOf } from './responsibility.ts';
import { markDone, returnDone } from './mark-done.ts';
import { referencesFor } from './references.ts';
import { decideBare, decidedBefore } from './decide-bare.ts';
import { unknown } from './help.ts';
import { ack } from './ack.ts';
import { quoteConcernsWork } from '../parse/message.ts';
import type { TaskListRow } from '../../store/tasks.ts';
import { chineseDate } from '../../lib/shanghai.ts';
import { dayOf } from '../../tasks/status.ts';

export const requestExtension: IntentHandler = async (ctx) => {
  if (ctx.speaker.role === 'guest') return { reply: { key: 'errors/not-bound', data: {} } };
  const unit = await actingUnit(ctx);
  if (!unit) return notAUnit(ctx);
  return withTask(ctx, async (task) => {
    if (!assignedTo(task, unit.id)) return notTheUnits(task, unit);
    if (task.state !== 'open') return { reply: { key: 'extension-requested', data: { path: task.path, title: task.title, finished: task.state === 'done', claimed: task.state === 'claimed_done' } } };
    const { date, reason } = ctx.command;
    const view = { path: task.path, title: task.title, unit: ctx.speaker.unitName, by: ctx.speaker.name };
    const bad = ctx.command.badDate;
    if (bad) {
      // nothing is filed; the question stays open, so the next message need only give a real date
      const { badDate: _bad, ...command } = ctx.command;
      return {
        reply: { key: 'errors/bad-date', data: { impossible: true, extension: true, ...bad } },
        dialog: { kind: 'extension_missing', payload: { command: { ...command, date: null, task: `#task:${task.id}` } } },
      };
    }
    if (!date || !reason) {
      return {
        reply: { key: 'extension-missing', data: { ...view, needDate: !date, needReason: !reason } },
        dialog: { kind: 'extension_missing', payload: { command: { ...ctx.command, task: `#task:${task.id}` } } },
      };
    }
    const due = dayOf(task.dueDate);
    if (due && date <= due) return { reply: { key: 'errors/bad-date', data: { date: chineseDate(date), due: chineseDate(due), notLater: true } } };
    if (task.extensions.length) return { reply: { key: 'extension-requested', data: { ...view, already: true, date: chineseDate(dayOf(task.extensions[0]!.requestedDate)!) } } };
    const late = due !== null && due < ctx.today;
    const ext = await ctx.store.transaction(async (tx) => {
      const e = await tx.records.addExtension({ taskId: task.id, unitId: unitOf(ctx, task), personId: ctx.speaker.personId, requestedDate: new Date(`${date}T00:00:00Z`), reason, messageId: ctx.message.id });
      await tx.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'request_extension', taskId: task.id, messageId: ctx.message.id, detail: { date, reason }, before: {}, added: { extensionIds: [e.id] } });
      return e;
    });
    const shown = excerpt(reason);
    const data = { ...view, date: chineseDate(date), due: due ? chineseDate(due) : words().dueUnknown, reason: shown.text, cut: shown.cut, late, requestId: ext.id.slice(0, 8) };
    // 同意 / 同意但改日期 / 驳回 buttons act on exactly this request
    return { reply: { key: 'extension-requested', data }, notices: [{ to: { kind: 'leaders' }, reply: { key: 'extension-requested-leaders', data }, card: { kind: 'extension', requestId: ext.id, taskId: task.id, data } }] };
  });
};

/**
 * 审批延期 — "同意延期" (replying to the request), "同意 2.3 延期到3月31日", "驳回 2.3 延期", and a
 * bare "同意" / "不同意": the one pending request, or the one the reply quotes. Nobody decides an
 * extension of their own unit's task, as nobody reviews their own unit's 办结.
 */
export const decideExtension: IntentHandler = async (ctx) => {
  const bare = ctx.command.bare === true;
  const leader = ctx.speaker.role === 'leader' || ctx.speaker.role === 'admin';
  // a quote that concerns no task or request ("好的，收到。") leaves a bare decision unquoted
  const quote = ctx.message.quote && quoteConcernsWork(ctx.message.quote) ? ctx.message.quote : null;
  // a bare 同意 from a unit, or one quoting something other than an extension request, decides no extension
  if (bare && !leader) return notADecision(ctx, false);
  if ((bare || ctx.command.replyOnly) && !quote && !ctx.command.task) {
    // 可以 / 行 name nothing and decide nothing; a refusal (不行，… / 驳回，…) or a bare 同意 acts on what is pending
    if (ctx.command.replyOnly && ctx.command.approve !== false) return notADecision(ctx, true);
    return decideBare(ctx, decideExtension);
  }
  if (bare && quote && !EXTENSION_QUOTE.test(quote)) {
    if (!COMPLETION_QUOTE.test(quote)) return notADecision(ctx, true);
    // 同意 / 可以 / 不同意 / 退回 quoting a 办结 notice: 销号 or 退回 the task it names (resolveTask reads the quote)
    const approve = ctx.command.approve !== false;
    const command = { ...ctx.command, task: null, kind: approve ? 'mark_done' as const : 'return_done' as const, ...(approve ? { review: true } : {}) };
    return (approve ? markDone : returnDone)({ ...ctx, command });
  }
  if (!leader) return { reply: { key: 'errors/not-leader', data: {} } };
  const bad = ctx.command.badDate;
  if (bad) return { reply: { key: 'errors/bad-date', data: { impossible: true, ...bad } } };
  // the order of 有哪些延期申请 (oldest first), so a number means the same request in both
  const [all] = await ctx.store.records.pendingExtensionList({}, 20);
  const named = Boolean(ctx.command.task || quote);
  if (!all.length && !named) return { reply: { key: 'errors/nothing-pending', data: { what: '延期申请' } } };
  const unit = await actingUnit(ctx);
  const own = (p: (typeof all)[number]) => unit !== null && p.task.assignments.some((a) => a.unit.id === unit.id);
  const ownRefusal = (task: { path: string; title: string }) => ({ reply: { key: 'errors/forbidden' as const, data: { ownReview: true, extension: true, path: task.path, title: task.title, unit: unit!.name } } });
  // what this speaker may decide: not their own unit's requests
  // 财政那个也同意: only that unit's requests
  const ofUnit = (p: (typeof all)[number]) => !ctx.command.decidedUnit || p.task.assignments.some((a) => a.unit.name === ctx.command.decidedUnit);
  const pending = all.filter((p) => !own(p) && ofUnit(p));
  if (!named && !pending.length && ctx.command.decidedUnit) return { reply: { key: 'errors/nothing-pending', data: { what: `${ctx.command.decidedUnit}的延期申请` } } };
  if (!named && !pending.length) return ownRefusal(all[0]!.task);
  if (!named && pending.length > 1) {
    const shown = pending.slice(0, 9);
    const refs = await referencesFor(ctx.store, shown.map((p) => p.task));
    const items = shown.map((p, i) => ({ n: i + 1, path: refs[i]!, title: p.task.title, date: chineseDate(dayOf(p.requestedDate)!) }));
    const choices = shown.map((p, i) => ({ id: p.task.id, pathKey: p.task.pathKey, printed: refs[i]!, plan: p.task.plan.title, title: p.task.title }));
    return { reply: { key: 'choose-task', data: { items, total: pending.length, extension: true } }, dialog: { kind: 'choose_task', payload: { command: { ...ctx.command }, taskIds: shown.map((p) => p.task.id), choices } } };
  }
  const decide = async (task: TaskListRow) => {
    if (unit && assignedTo(task, unit.id)) return ownRefusal(task);
    const ext = pending.find((p) => p.task.id === task.id);
    // "二（一）同意" names a task and decides what of it is pending: a 办结 claim as well as a request
    if (!ext && bare && task.state === 'claimed_done') return (ctx.command.approve !== false ? markDone : returnDone)({ ...ctx, command: { ...ctx.command, kind: ctx.command.approve !== false ? 'mark_done' : 'return_done', review: true } });
    if (!ext) return decidedBefore(ctx, task);
    const taskId = task.id;
    const approve = ctx.command.approve !== false;
    const date = approve ? (ctx.command.date ?? dayOf(ext.requestedDate)!) : null;
    await ctx.store.transaction(async (tx) => {
      const before = { task: await tx.changes.taskBefore(taskId), extension: await tx.changes.extensionBefore(ext.id) };
      const ok = await tx.records.decideExtension(ext.id, { state: approve ? 'approved' : 'rejected', approvedDate: date ? new Date(`${date}T00:00:00Z`) : null, by: ctx.speaker.name, note: ctx.command.reason, at: ctx.now });
      if (ok && date) await tx.records.moveDeadline(taskId, new Date(`${date}T00:00:00Z`));
      await tx.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: approve ? 'approve_extension' : 'reject_extension', taskId, messageId: ctx.message.id, detail: { date, reason: ctx.command.reason }, before });
    });
    if (approve) await ctx.hooks.taskChanged(taskId);
    const data = {
      path: ext.task.path, title: ext.task.title, approve, date: date ? chineseDate(date) : null, requested: chineseDate(dayOf(ext.requestedDate)!),
      changed: approve && date !== dayOf(ext.requestedDate), reason: ctx.command.reason, by: ctx.speaker.name,
      restDay: date !== null && !ctx.calendar.isWorkday(date),
    };
    // a new deadline concerns every unit of the task; a refusal only the unit that asked
    const told = approve ? unitIdsOf(task) : ext.unitId ? [ext.unitId] : [];
    return { reply: { key: 'extension-decided' as const, data }, notices: noticesTo(told, { key: 'extension-decided-unit', data }) };
  };
  if (!named) {
    const only = await ctx.store.tasks.byId(pending[0]!.task.id);
    if (only) return decide(only);
  }
  return withTask(ctx, decide, { askWhenMissing: false, activeOnly: false });
};

/**
 * A short answer that decides nothing: 行 stays an acknowledgement; otherwise the speaker is
 * shown what they can say (a leader or admin: review and decide, not report).
 */
function notADecision(ctx: Parameters<IntentHandler>[0], reviewer: boolean): ReturnType<IntentHandler> {
  if (ctx.command.orElse === 'ack') return ack(ctx);
  return reviewer ? Promise.resolve({ reply: { key: 'unknown' as const, data: { reviewer: true } } }) : unknown(ctx);
}

/** The bot's extension notice (extension-requested-leaders.md) and a unit's request quoted in reply. */
const EXTENSION_QUOTE = /延期|延至|延到|宽限|顺延/;
/** The bot's 办结 notice (done-claimed-leaders.md). */
const COMPLETION_QUOTE = /办结|销号/;
