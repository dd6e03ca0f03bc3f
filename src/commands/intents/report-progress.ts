/**
 * 上报进度 — "2.3 已完成胸痛中心建设，卒中中心验收中，进度70%", "急救能力那项完成七成了", "第3项 百分之六十".
 * Reports come from the task's units; where the task names a 牵头单位, a 配合单位's report is
 * kept as its own (history, ledger trail) and the task's progress stays the lead's.
 * A task claimed done or 销号 takes no more progress.
 */
import type { IntentHandler } from './types.ts';
import { withTask } from './with-task.ts';
import { actingUnit, answersForTask, assignedTo, leadNames, notAUnit, notTheUnits } from './responsibility.ts';
import { chineseDate } from '../../lib/shanghai.ts';

export const reportProgress: IntentHandler = async (ctx) => {
  if (ctx.speaker.role === 'guest') return { reply: { key: 'errors/not-bound', data: {} } };
  const unit = await actingUnit(ctx);
  if (!unit) return notAUnit(ctx);
  return withTask(ctx, async (task) => {
    if (!assignedTo(task, unit.id)) return notTheUnits(task, unit);
    const percent = ctx.command.percent;
    const previous = task.percent;
    const view = { path: task.path, title: task.title, percent, previous, hasPercent: percent !== null };
    if (task.state === 'done') return { reply: { key: 'progress-recorded', data: { ...view, finished: true } } };
    if (task.state === 'claimed_done') return { reply: { key: 'progress-recorded', data: { ...view, claimed: true } } };
    const sets = answersForTask(task, unit.id);
    await ctx.store.transaction(async (tx) => {
      await tx.records.addReport({
        taskId: task.id, unitId: unit.id, personId: ctx.speaker.personId, kind: 'progress',
        percent, previousPercent: sets ? previous : null, note: ctx.command.note ?? ctx.message.text, messageId: ctx.message.id, originalText: ctx.message.text,
      });
      if (sets) await tx.tasks.setProgress(task.id, percent ?? previous, ctx.now);
      await tx.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'report_progress', taskId: task.id, unitId: unit.id, messageId: ctx.message.id, detail: { percent, previous, ...(sets ? {} : { assist: true }) } });
    });
    const expected = ctx.command.date ? chineseDate(ctx.command.date) : null;
    if (!sets) return { reply: { key: 'progress-recorded', data: { ...view, assist: true, leads: leadNames(task), expected } } };
    return { reply: { key: 'progress-recorded', data: { ...view, expected } } };
  });
};
