/**
 * An admin's correction of a task of an active plan — "3.2 牵头单位改为市场监管局，配合单位 区财政局",
 * "4.2 完成时限改为6月30日", "3.2 标题改为…" (grammar: parse/correction.ts; values:
 * commands/correction-values.ts). Each corrected field is a recorded change (before/after,
 * who was told) that 撤销 undoes; the units concerned are told. A deadline correction rewrites
 * the stated day (an error in the plan), it is not an extension. Before activation the same
 * words correct the import draft instead (conversation/import-review.ts).
 *
 * Units after activation change through ONE function, `changeUnitsAfterActivation`, which 改派
 * (intents/reassign.ts) uses too; it hands the units a task reached to hooks.taskReachedUnits.
 */
import type { IntentContext, IntentHandler, IntentResult, Notice } from './types.ts';
import type { TaskListRow } from '../../store/tasks.ts';
import type { AssignmentRoleName } from '../../store/ledger.ts';
import type { FieldEdit } from '../parse/correction.ts';
import { withTask } from './with-task.ts';
import { noticesTo } from './responsibility.ts';
import { readDue, readUnitList, type DirectoryUnit } from '../correction-values.ts';
import { chineseDate } from '../../lib/shanghai.ts';
import { words } from '../../render/labels.ts';

/** The shape of a task a review line needs (store: plans.reviewTasks, tasks.byId). */
export interface ReviewRow {
  path: string;
  title: string;
  warnings?: string[];
  dueDate: Date | null;
  dueKind: string;
  assignments: { role: string; unit: { id: string; name: string } }[];
}

const TITLE_CHARS = 16;

/** One compact line of a task: path, short title, lead/assist (or responsible) units, deadline, warning mark. */
export function reviewLine(t: ReviewRow): Record<string, unknown> {
  const names = (role: string) => t.assignments.filter((a) => a.role === role).map((a) => a.unit.name).join('、') || null;
  const chars = [...t.title];
  const due = t.dueDate ? chineseDate(t.dueDate.toISOString().slice(0, 10)) : t.dueKind === 'ongoing' ? words().dueOngoing : words().dueUnknown;
  return {
    path: t.path, title: chars.length > TITLE_CHARS ? `${chars.slice(0, TITLE_CHARS).join('')}…` : t.title,
    lead: names('lead'), assist: names('assist'), owners: names('owner'), noUnit: t.assignments.length === 0,
    due, inferred: t.dueKind === 'inferred', warned: (t.warnings?.length ?? 0) > 0,
  };
}

/** Units with roles after the edits: 牵头 and 配合 replace their role's units, 责任单位 replaces all. */
export type UnitsPlan = { unitId: string; role: AssignmentRoleName; nameAsWritten: string }[];

export type EditsReading =
  | { ok: true; units: UnitsPlan | null; due: { date: string; raw: string } | null; title: string | null }
  | { ok: false; reply: IntentResult['reply'] };

/** Reads the edits of a correction against the directory and the plan; the first problem is the answer (asked, never guessed). */
export function readEdits(
  edits: FieldEdit[], present: ReviewRow['assignments'], directory: DirectoryUnit[],
  plan: { title: string | null; issuedAt: Date | null }, presentDue: Date | null, today: string, ref: string,
): EditsReading {
  let leads = present.filter((a) => a.role === 'lead').map((a) => ({ unitId: a.unit.id, name: a.unit.name }));
  let assists = present.filter((a) => a.role === 'assist').map((a) => ({ unitId: a.unit.id, name: a.unit.name }));
  let owners = present.filter((a) => a.role === 'owner').map((a) => ({ unitId: a.unit.id, name: a.unit.name }));
  let unitsTouched = false;
  let due: { date: string; raw: string } | null = null;
  let title: string | null = null;
  for (const e of edits) {
    if (e.field === 'due') {
      const d = readDue(e.value, plan, presentDue, today);
      if (!d.ok) return { ok: false, reply: d.bad ? { key: 'errors/bad-date', data: { impossible: true, ...d.bad } } : { key: 'task-corrected', data: { noDate: true, value: e.value, ref } } };
      due = { date: d.date, raw: d.raw };
      continue;
    }
    if (e.field === 'title') { title = e.value.replace(/^[“"「]|[”"」]$/g, ''); continue; }
    const r = readUnitList(e.value, directory);
    if (!r.ok) {
      return { ok: false, reply: { key: 'task-corrected', data: { unitQuestion: true, ref, value: e.value, none: r.none, unknown: r.unknown.join('、') || null, ambiguous: r.ambiguous.map((a) => ({ written: a.written, names: a.names.join('、') })) } } };
    }
    const named = r.units.map((u) => ({ unitId: u.id, name: u.name }));
    unitsTouched = true;
    if (e.field === 'units') { owners = named; leads = []; assists = []; }
    if (e.field === 'lead') {
      leads = named;
      // "A负责" turned into "A牵头": the others listed become 配合
      if (owners.length) { assists = [...assists, ...owners]; owners = []; }
    }
    if (e.field === 'assist') { assists = named; if (leads.length) owners = []; }
  }
  const seen = new Set<string>();
  const units: UnitsPlan = [];
  for (const [role, list] of [['lead', leads], ['owner', owners], ['assist', assists]] as const) {
    for (const u of list) if (!seen.has(u.unitId)) { seen.add(u.unitId); units.push({ unitId: u.unitId, role, nameAsWritten: u.name }); }
  }
  return { ok: true, units: unitsTouched ? units : null, due, title };
}

/**
 * Changes the units of a task of an active plan: the one way units change after activation.
 * Today it records an undoable change (before: the assignments) telling the units that leave
 * and the units that come; when the reassignment (改派) of the 交办/签收 mechanism lands, this
 * function hands over to it.
 */
export async function changeUnitsAfterActivation(ctx: IntentContext, task: TaskListRow, units: UnitsPlan, action: 'correct_units' | 'reassign' = 'correct_units'): Promise<{ told: string[]; left: string[]; reached: string[] }> {
  const before = { assignments: await ctx.store.changes.assignmentsBefore(task.id) };
  await ctx.store.ledger.writes.setUnits(task.id, units);
  const fromNames = task.assignments.map((a) => a.unit.name).join('、');
  const left = task.assignments.filter((a) => !units.some((u) => u.unitId === a.unit.id)).map((a) => a.unit);
  const reached = units.filter((u) => !task.assignments.some((a) => a.unit.id === u.unitId));
  await ctx.store.changes.record({
    actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action, taskId: task.id, planId: task.planId, messageId: ctx.message.id, before,
    detail: { field: 'units', before: fromNames, after: units.map((u) => u.nameAsWritten).join('、'), left: left.map((u) => u.name), reached: reached.map((u) => u.nameAsWritten) },
  });
  // the one place a task reaches a unit after activation: 签收 starts here
  if (reached.length) await ctx.hooks.taskReachedUnits?.({ taskId: task.id, unitIds: reached.map((u) => u.unitId), at: ctx.now, via: action === 'reassign' ? 'reassign' : 'correction' });
  return { told: [...new Set([...task.assignments.map((a) => a.unit.id), ...units.map((u) => u.unitId)])], left: left.map((u) => u.id), reached: reached.map((u) => u.unitId) };
}

export const correctTask: IntentHandler = async (ctx) => {
  if (ctx.speaker.role !== 'admin') return { reply: { key: 'errors/not-admin', data: { correct: true, ref: ctx.command.task } } };
  const edits = ctx.command.correction?.kind === 'edit' ? ctx.command.correction.edits : [];
  return withTask(ctx, async (task) => {
    const plan = await ctx.store.plans.byId(task.planId);
    const directory = await ctx.store.directory.units();
    const read = readEdits(edits, task.assignments, directory, { title: plan?.title ?? null, issuedAt: plan?.issuedAt ?? null }, task.dueDate, ctx.today, task.path);
    if (!read.ok) return { reply: read.reply };
    const beforeLine = reviewLine(task);
    const told = new Set(task.assignments.map((a) => a.unit.id));
    if (read.title !== null && read.title !== task.title) {
      const before = { title: await ctx.store.changes.titleBefore(task.id) };
      await ctx.store.ledger.writes.setTitle(task.id, read.title);
      await ctx.store.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'correct_title', taskId: task.id, planId: task.planId, messageId: ctx.message.id, before, detail: { field: 'title', before: task.title, after: read.title } });
    }
    if (read.due) {
      const before = { task: await ctx.store.changes.taskBefore(task.id) };
      await ctx.store.ledger.writes.setDue(task.id, { date: read.due.date, kind: 'date' }, read.due.raw);
      await ctx.store.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'correct_due', taskId: task.id, planId: task.planId, messageId: ctx.message.id, before, detail: { field: 'due', before: String(beforeLine.due), after: chineseDate(read.due.date) } });
    }
    if (read.units) for (const id of (await changeUnitsAfterActivation(ctx, task, read.units)).told) told.add(id);
    await ctx.hooks.taskChanged(task.id);
    const after = await ctx.store.tasks.byId(task.id);
    const data = { corrected: true, plan: task.plan.title, before: beforeLine, line: reviewLine(after!), by: ctx.speaker.name, fields: edits.map((e) => e.field) };
    const notices: Notice[] = noticesTo([...told], { key: 'task-corrected', data: { ...data, notice: true } });
    return { reply: { key: 'task-corrected', data }, notices };
  }, { askWhenMissing: false, activeOnly: true });
};

/**
 * 删除 / 恢复 a task of an active plan (no import draft under review): 删除 cancels it — kept in
 * the history, out of reminders, lists and the ledger — as a recorded change that tells its units
 * and that 撤销 undoes; 恢复 opens a cancelled task again the same way.
 */
export const removeTask: IntentHandler = async (ctx) => {
  if (ctx.speaker.role !== 'admin') return { reply: { key: 'errors/not-admin', data: { correct: true, ref: ctx.command.task } } };
  const restore = ctx.command.correction?.kind === 'remove' && ctx.command.correction.restore;
  return withTask(ctx, async (task) => {
    const cancelled = task.state === 'cancelled';
    if (cancelled !== restore) return { reply: { key: 'task-corrected', data: { removal: true, unchanged: true, cancelled, line: reviewLine(task) } } };
    const before = { task: await ctx.store.changes.taskBefore(task.id) };
    await ctx.store.tasks.setCancelled(task.id, !restore);
    await ctx.store.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: restore ? 'restore_task' : 'cancel_task', taskId: task.id, planId: task.planId, messageId: ctx.message.id, before, detail: { path: task.path, title: task.title } });
    await ctx.hooks.taskChanged(task.id);
    const data = { removal: true, cancelled: !restore, restored: restore, plan: task.plan.title, by: ctx.speaker.name, line: reviewLine(task) };
    return { reply: { key: 'task-corrected', data }, notices: noticesTo(task.assignments.map((a) => a.unit.id), { key: 'task-corrected', data: { ...data, notice: true } }) };
  }, { askWhenMissing: false, activeOnly: true });
};

export const page: IntentHandler = async () => ({ reply: { key: 'errors/nothing-pending', data: { what: '待核对的导入方案' } } });
