/**
 * 改派 — "2.3 改由区民政局牵头", "把二（三）交给民政局办", "2.3 卫健局的部分改由民政局负责".
 * A leader or an admin moves the task, or one unit's part of it, to another unit. Units change
 * after activation through one function, `changeUnitsAfterActivation` (correct-task.ts, also an
 * admin's correction): the change is recorded through store.changes (the units before are kept,
 * so 撤销 puts them back) and the units the task reached are handed to `hooks.taskReachedUnits`
 * (where 签收 starts). Both the units it left and the units it reached are told; reminders follow
 * the new units. Units the directory does not know are named back, never guessed.
 */
import type { TaskListRow } from '../../store/tasks.ts';
import type { IntentContext, IntentHandler, IntentResult, Notice } from './types.ts';
import { withTask } from './with-task.ts';
import { referencesFor } from './references.ts';
import { changeUnitsAfterActivation } from './correct-task.ts';

type Row = { unitId: string; role: 'lead' | 'assist' | 'owner'; nameAsWritten: string };

export const reassign: IntentHandler = async (ctx) => {
  if (ctx.speaker.role !== 'leader' && ctx.speaker.role !== 'admin') return { reply: { key: 'errors/not-leader', data: { reassign: true } } };
  const r = ctx.command.reassign;
  if (!r) return { reply: { key: 'unknown', data: {} } };
  if (r.unknown.length) return { reply: { key: 'reassign-done', data: { unknown: r.unknown.join('、') } } };
  return withTask(ctx, (task) => move(ctx, task), { askWhenMissing: false, activeOnly: false });
};

async function move(ctx: IntentContext, task: TaskListRow): Promise<IntentResult> {
  const r = ctx.command.reassign!;
  const directory = await ctx.store.directory.units();
  const idOf = (name: string) => directory.find((u) => u.name === name)!.id;
  const before = task.assignments;
  let rows: Row[];
  if (r.from) {
    const part = before.find((a) => a.unit.name === r.from);
    if (!part) return { reply: { key: 'reassign-done', data: { notInTask: r.from, path: task.path, title: task.title } } };
    const role = r.role === 'owner' ? part.role : r.role;
    rows = [...before.filter((a) => a.unit.name !== r.from).map((a) => ({ unitId: a.unit.id, role: a.role, nameAsWritten: a.unit.name })), ...r.to.map((n) => ({ unitId: idOf(n), role, nameAsWritten: n }))];
  } else {
    rows = r.to.map((n) => ({ unitId: idOf(n), role: r.role, nameAsWritten: n }));
  }
  rows = rows.filter((x, i) => rows.findIndex((y) => y.unitId === x.unitId) === i);
  const left = before.filter((a) => !rows.some((x) => x.unitId === a.unit.id)).map((a) => a.unit);
  const reached = rows.filter((x) => !before.some((a) => a.unit.id === x.unitId)).map((x) => ({ id: x.unitId, name: x.nameAsWritten }));
  const [ref] = await referencesFor(ctx.store, [task]);
  if (!left.length && !reached.length) return { reply: { key: 'reassign-done', data: { same: true, path: ref, title: task.title } } };
  await ctx.store.transaction((tx) => changeUnitsAfterActivation({ ...ctx, store: tx }, task, rows, 'reassign'));
  await ctx.hooks.taskChanged(task.id);
  const data = {
    path: ref, title: task.title, by: ctx.speaker.name,
    from: left.map((u) => u.name).join('、') || null, to: reached.map((u) => u.name).join('、') || null,
    lead: rows.filter((x) => x.role === 'lead').map((x) => x.nameAsWritten).join('、') || null,
    units: rows.map((x) => x.nameAsWritten).join('、'),
  };
  const notices: Notice[] = [
    ...left.map((u): Notice => ({ to: { kind: 'unit', unitId: u.id }, reply: { key: 'reassign-notice', data: { ...data, leaving: true, unit: u.name } } })),
    ...reached.map((u): Notice => ({ to: { kind: 'unit', unitId: u.id }, reply: { key: 'reassign-notice', data: { ...data, reaching: true, unit: u.name } } })),
  ];
  return { reply: { key: 'reassign-done', data: { ...data, moved: true } }, notices };
}
