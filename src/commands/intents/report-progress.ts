/**
 * 上报进度 — "2.3 已完成胸痛中心建设，卒中中心验收中，进度70%", "急救能力那项完成七成了", "第3项 百分之六十".
 * Reports come from the task's units; where the task names a 牵头单位, a 配合单位's report is
 * kept as its own (history, ledger trail) and the task's progress stays the lead's.
 * A task claimed done or 销号 takes no more progress.
 */
import type { IntentContext, IntentHandler } from './types.ts';
import type { TaskListRow } from '../../store/tasks.ts';
import { withTask } from './with-task.ts';
import { partAbout } from './views.ts';
import { actingUnit, answersForTask, assignedTo, leadNames, notAUnit, notTheUnits } from './responsibility.ts';
import { chineseDate } from '../../lib/shanghai.ts';
import { dayOf } from '../../tasks/status.ts';
import { referencesFor } from './references.ts';
import { markDone } from './mark-done.ts';
import { ack } from './ack.ts';
import { textScore, titleScore } from '../title-match.ts';
import { pathKey } from '../../tasks/path-key.ts';

/** A part said to be done that matches this much of the task's title is the task itself. */
const WHOLE_TITLE = 0.9;

/**
 * Does the part said to be done name the whole task: its title restated (three characters at least),
 * or, with the words naming the task before it, the deliverable the task's text names (财政补助 + 办法 →
 * "出台财政补助办法")?
 */
async function namesTheWhole(part: string, named: string | null, task: TaskListRow, ctx: IntentContext): Promise<boolean> {
  if (part.length >= 3 && titleScore(part, task.title) >= WHOLE_TITLE) return true;
  if (!named || pathKey(named)) return false;
  const text = (await ctx.store.tasks.byId(task.id))?.text ?? '';
  return textScore(`${named}${part}`, text) >= 1;
}

/** A report this many points below the last figure is pointed out to the sender. */
const DROP_POINTS = 20;

export const reportProgress: IntentHandler = async (ctx) => {
  if (ctx.speaker.role === 'guest') return { reply: { key: 'errors/not-bound', data: {} } };
  const unit = await actingUnit(ctx);
  // a leader's remark about the work that names no task and no figure ("辛苦了，台账我回头看看") reports nothing
  if (!unit && ctx.speaker.role !== 'member' && !ctx.command.task && ctx.command.percent === null) return ack(ctx);
  if (!unit) return notAUnit(ctx);
  const said = carryWords(ctx);
  return withTask(said, async (task) => {
    const words = wordsOf(said, task);
    if (!assignedTo(task, unit.id)) return notTheUnits(task, unit);
    const percent = ctx.command.percent;
    // "二（六）智慧医院建设已完成", "财政补助那个办法整完了": the part said to be done restates the task's
    // title, or is the deliverable its text names — the whole task is
    if (ctx.command.donePart && percent === null && await namesTheWhole(ctx.command.donePart, ctx.command.task, task, ctx)) {
      return markDone({ ...said, command: { ...said.command, kind: 'mark_done', donePart: undefined } });
    }
    // "急救那项差不多了", "覆盖一大半了": how far in words — the figure is asked for, never guessed; the answer
    // ("80%") is about this task and is recorded with the words first said
    if (ctx.command.vagueAmount && percent === null && task.state === 'open') {
      const [printed] = await referencesFor(ctx.store, [task]);
      return { reply: { key: 'ask-percent', data: { path: printed!, title: task.title } }, dialog: { kind: 'about_task', payload: { command: { ...said.command, task: printed!, plan: task.plan.title, vagueAmount: undefined } } } };
    }
    const previous = task.percent;
    // a figure well below the last one is recorded as written, but pointed out: it may be a slip
    const dropped = percent !== null && previous - percent >= DROP_POINTS;
    const [ref] = await referencesFor(ctx.store, [task]);
    const view = { path: ref!, title: task.title, percent, previous, hasPercent: percent !== null, dropped };
    if (task.state === 'done') return { reply: { key: 'progress-recorded', data: { ...view, finished: true } } };
    if (task.state === 'claimed_done') return { reply: { key: 'progress-recorded', data: { ...view, claimed: true } } };
    const sets = answersForTask(task, unit.id);
    await ctx.store.transaction(async (tx) => {
      const before = { task: await tx.changes.taskBefore(task.id) };
      const report = await tx.records.addReport({
        taskId: task.id, unitId: unit.id, personId: ctx.speaker.personId, kind: 'progress',
        percent, previousPercent: sets ? previous : null, note: words.note, messageId: words.messageId, originalText: words.text, at: ctx.now,
      });
      if (sets) await tx.tasks.setProgress(task.id, percent ?? previous, ctx.now);
      await tx.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'report_progress', taskId: task.id, unitId: unit.id, messageId: ctx.message.id, detail: { percent, previous, ...(sets ? {} : { assist: true }) }, before, added: { reportIds: [report.id] } });
    });
    // the day a report names is when it expects the work done — unless the day is past ("截至12月5日，累计…"): that dates what it tells
    const ahead = ctx.command.date !== null && ctx.command.date >= ctx.today ? ctx.command.date : null;
    const expected = ahead ? chineseDate(ahead) : null;
    // an expected completion after the deadline contradicts the record: point to an extension request
    const due = dayOf(task.dueDate);
    const pastDeadline = ahead !== null && due !== null && ahead > due ? { pastDeadline: true, due: chineseDate(due) } : {};
    if (!sets) return { reply: { key: 'progress-recorded', data: { ...view, assist: true, leads: leadNames(task), expected, ...pastDeadline } } };
    return { reply: { key: 'progress-recorded', data: { ...view, expected, ...pastDeadline } } };
  });
};

/**
 * The words a report is recorded with. `text` is the message that carried it, whole (the
 * trail keeps what was sent); `note` is the part of it about this task when it named several
 * ("2.1进度95%，2.3进度50%" → "2.1进度95%" on 2.1). When the bot had to ask which task was
 * meant, the answer ("2") only chose the task: the report is still the first message's words.
 */
export interface ReportWords { messageId: string; text: string; note: string }

/** The context to resolve the task with: its command carries the message's words into a "which task?" question. */
export function carryWords(ctx: IntentContext): IntentContext {
  if (ctx.command.said) return ctx;
  return { ...ctx, command: { ...ctx.command, said: { messageId: ctx.message.id, text: ctx.message.text } } };
}

/** The words to record on `task` (see `carryWords`). */
export function wordsOf(ctx: IntentContext, task: Pick<TaskListRow, 'pathKey'>): ReportWords {
  const said = ctx.command.said ?? { messageId: ctx.message.id, text: ctx.message.text };
  return { ...said, note: ctx.command.note ?? partAbout(said.text, task.pathKey) };
}
