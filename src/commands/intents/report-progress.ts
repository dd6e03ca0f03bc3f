/** 上报进度 — "2.3 已完成胸痛中心建设，卒中中心验收中，进度70%", "急救能力那项完成七成了", "第3项 百分之六十" */
import type { IntentHandler } from './types.ts';
import { withTask, unitOf } from './with-task.ts';
import { chineseDate } from '../../lib/shanghai.ts';

export const reportProgress: IntentHandler = async (ctx) => {
  if (ctx.speaker.role === 'guest') return { reply: { key: 'errors/not-bound', data: {} } };
  return withTask(ctx, async (task) => {
    const percent = ctx.command.percent;
    const previous = task.percent;
    await ctx.store.transaction(async (tx) => {
      await tx.records.addReport({
        taskId: task.id, unitId: unitOf(ctx, task), personId: ctx.speaker.personId, kind: 'progress',
        percent, previousPercent: previous, note: ctx.command.note ?? ctx.message.text, messageId: ctx.message.id, originalText: ctx.message.text,
      });
      await tx.tasks.setProgress(task.id, percent ?? previous, ctx.now);
      await tx.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'report_progress', taskId: task.id, messageId: ctx.message.id, detail: { percent, previous } });
    });
    return {
      reply: {
        key: 'progress-recorded',
        data: { path: task.path, title: task.title, percent, previous, hasPercent: percent !== null, expected: ctx.command.date ? chineseDate(ctx.command.date) : null },
      },
    };
  });
};
