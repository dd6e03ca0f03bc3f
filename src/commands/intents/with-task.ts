/**
 * The shared first step of every intent about one task: resolve the reference among the
 * tasks the speaker may touch, ask with numbered choices when it is ambiguous or missing,
 * and refuse (not "not found") when the task exists but belongs to another unit.
 */
import type { TaskListRow } from '../../store/tasks.ts';
import { pathKey } from '../../tasks/path-key.ts';
import { resolveTask, scopeOf, TASK_ID_REF } from '../resolve-task.ts';
import type { IntentContext, IntentResult } from './types.ts';
import { numbered } from './views.ts';

export async function withTask(ctx: IntentContext, act: (task: TaskListRow) => Promise<IntentResult>, opts: { askWhenMissing?: boolean; activeOnly?: boolean } = {}): Promise<IntentResult> {
  const r = await resolveTask(ctx.store, ctx.speaker, ctx.command.task, ctx.message.quote, ctx.message.text, { plan: ctx.command.plan, activeOnly: opts.activeOnly });
  if (r.kind === 'one') return act(r.task);
  if (r.kind === 'many') return askChoice(ctx, r.tasks);
  if (r.ref === null && opts.askWhenMissing !== false) {
    // "那就申请延期到12月20日吧" right after reporting on a task: the task just acted on is meant
    const recent = await taskJustChanged(ctx);
    if (recent) return act(recent);
    const open = await ctx.store.tasks.list(scopeOf(ctx.speaker), { openOnly: true, take: 10 });
    if (open.length === 1) return act(open[0]!);
    if (open.length > 1) return askChoice(ctx, open);
  }
  if (r.ref && opts.activeOnly !== false) {
    // a task of a plan switched off: say so, instead of "not found"
    const off = await resolveTask(ctx.store, ctx.speaker, r.ref, null, null, { plan: ctx.command.plan, activeOnly: false });
    const task = off.kind === 'one' ? off.task : null;
    if (task?.plan.status === 'archived') return { reply: { key: 'errors/plan-inactive', data: { path: task.path, title: task.title, plan: task.plan.title } } };
  }
  if (r.ref && ctx.speaker.role === 'member') {
    const key = pathKey(r.ref);
    const elsewhere = key ? await ctx.store.tasks.byPathKey(key, {}) : [];
    if (elsewhere.length) return { reply: { key: 'errors/forbidden', data: { ref: r.ref, unit: ctx.speaker.unitName } } };
  }
  return { reply: { key: 'errors/task-not-found', data: { ref: r.ref, unit: ctx.speaker.unitName } } };
}

/**
 * Asks which task, with numbered choices in the order given (the order of the list the speaker
 * saw: 待审核 lists and decisions share it). The answer may be the number, the path as listed
 * or the path with its plan (dialog.ts), so each choice keeps how it was printed.
 */
export function askChoice(ctx: IntentContext, tasks: TaskListRow[], opts: { reviewing?: boolean } = {}): IntentResult {
  const shown = tasks.slice(0, 9);
  const items = numbered(shown, ctx.now);
  return {
    reply: { key: 'choose-task', data: { ref: ctx.command.task, items, total: tasks.length, more: tasks.length > shown.length, reviewing: opts.reviewing === true } },
    dialog: { kind: 'choose_task', payload: { command: { ...ctx.command }, taskIds: shown.map((t) => t.id), choices: shown.map((t, i) => ({ id: t.id, pathKey: t.pathKey, printed: items[i]!.path, plan: t.plan.title, title: t.title })) } },
  };
}

/** Members act only on their unit's tasks; leaders and admins on any. */
export function unitOf(ctx: IntentContext, task: TaskListRow): string | null {
  if (ctx.speaker.unitId && task.assignments.some((a) => a.unit.id === ctx.speaker.unitId)) return ctx.speaker.unitId;
  return task.assignments[0]?.unit.id ?? null;
}

/** How long a task the speaker just changed stays "the task we are talking about". */
const CONTEXT_MS = 10 * 60_000;

/** The task the speaker changed in the last minutes, in this chat's words: the one being talked about. */
async function taskJustChanged(ctx: IntentContext): Promise<TaskListRow | null> {
  if (!ctx.speaker.personId) return null;
  const [last] = await ctx.store.changes.find({ actorId: ctx.speaker.personId, from: new Date(ctx.now.getTime() - CONTEXT_MS) }, 1);
  if (!last?.taskId) return null;
  const r = await resolveTask(ctx.store, ctx.speaker, `${TASK_ID_REF}${last.taskId}`, null, null);
  return r.kind === 'one' && r.task.state === 'open' ? r.task : null;
}
