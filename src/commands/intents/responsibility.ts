/**
 * Who answers for a task (常规督办做法): progress, 办结 and extension requests come from the
 * responsible units, and where a task names a 牵头单位 only it sets the task's progress and
 * claims completion (配合单位 report their own part). Nobody reviews their own unit's task.
 */
import type { TaskListRow } from '../../store/tasks.ts';
import type { IntentContext, IntentHandler, IntentResult, Notice, ReplySpec } from './types.ts';

export interface ActingUnit {
  id: string;
  name: string;
}

/**
 * The unit the speaker reports for: a member's unit (their own, else the group's); a leader's
 * or admin's own unit only, never the unit group they happen to speak in.
 */
export async function actingUnit(ctx: IntentContext): Promise<ActingUnit | null> {
  const s = ctx.speaker;
  if (s.role === 'guest') return null;
  const own = s.unitId ? { id: s.unitId, name: s.unitName ?? '' } : null;
  if (s.role === 'member') return own;
  // a leader's or admin's speaker unit may be the group's: ask for the person's own
  if (s.chat.kind !== 'group' || s.chat.bound !== 'unit') return own;
  const person = await ctx.store.directory.person(s.platform, s.platformUserId);
  return person?.unit ? { id: person.unit.id, name: person.unit.name } : null;
}

/** A leader or admin with no unit: reports come from the responsible unit; say what they can do. */
export function notAUnit(ctx: IntentContext): IntentResult {
  const ref = ctx.command.task && !ctx.command.task.startsWith('#') ? ctx.command.task : '2.3';
  return { reply: { key: 'errors/forbidden', data: { noUnit: true, ex: ref } } };
}

/** The same notice to each of `unitIds` (a task's units: `task.assignments`). */
export function noticesTo(unitIds: string[], reply: ReplySpec): Notice[] {
  return unitIds.map((unitId) => ({ to: { kind: 'unit', unitId }, reply }));
}

/** Every unit of a task. */
export function unitIdsOf(task: TaskListRow): string[] {
  return task.assignments.map((a) => a.unit.id);
}

export function assignedTo(task: TaskListRow, unitId: string): boolean {
  return task.assignments.some((a) => a.unit.id === unitId);
}

/** The 牵头单位 named on the task (none: every responsible unit answers for it). */
export function leadsOf(task: TaskListRow): ActingUnit[] {
  return task.assignments.filter((a) => a.role === 'lead').map((a) => a.unit);
}

/** The unit sets the task's progress and claims its completion: a lead, or any unit of a task without one. */
export function answersForTask(task: TaskListRow, unitId: string): boolean {
  const leads = leadsOf(task);
  return leads.length === 0 || leads.some((u) => u.id === unitId);
}

export function leadNames(task: TaskListRow): string {
  return leadsOf(task).map((u) => u.name).join('、');
}

/** The task is not the unit's (a leader or admin with a unit, acting on another unit's task). */
export function notTheUnits(task: TaskListRow, unit: ActingUnit): IntentResult {
  return { reply: { key: 'errors/forbidden', data: { ref: task.path, unit: unit.name } } };
}

/**
 * What a task's units were told: after the handler, the units its notices go to are split
 * into those with a bound group (notified) and those without (nothing could be sent), so
 * the answer never claims a notification that did not happen.
 */
export function reportingDelivery(handler: IntentHandler): IntentHandler {
  return async (ctx) => {
    const result = await handler(ctx);
    const unitIds = [...new Set((result.notices ?? []).flatMap((n) => (n.to.kind === 'unit' ? [n.to.unitId] : [])))];
    if (!unitIds.length) return result;
    const reach = await ctx.store.outbox.unitsReach(unitIds);
    const ordered = unitIds.map((id) => reach.find((r) => r.unitId === id)).filter((r) => r !== undefined);
    const names = (reached: boolean) => ordered.filter((r) => (r.groups > 0) === reached).map((r) => r.name).join('、') || null;
    return { ...result, reply: { ...result.reply, data: { ...result.reply.data, notified: names(true), unreached: names(false) } } };
  };
}
