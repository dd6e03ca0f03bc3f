/**
 * State changes that can be undone (撤销). Every change a person makes to a task or a plan —
 * a progress report, a 办结 claim, 销号, 退回, an extension request or decision, a pause, a
 * plan's activation or 停用, a unit's 签收, an admin's correction of a task's units, deadline or title, a task
 * deleted (cancelled) after activation — is one AuditLog row that also keeps what it replaced (`before`)
 * and what it added (`after`: report, extension and deadline rows). Undoing restores `before`,
 * withdraws what `after` added (kept in the trail, marked withdrawn) and marks the row undone.
 * The row of the undo itself has no `before`: an undo is not undone in turn.
 */
import { replaceAssignments } from './signing.ts';
import { z } from 'zod';
import type { DbClient } from './client.ts';
import type { Prisma } from './generated/client.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string().datetime({ offset: true });

const TaskFields = z.object({
  state: z.enum(['open', 'claimed_done', 'done', 'cancelled']),
  percent: z.number().int(),
  doneAt: instant.nullable(),
  lastReportAt: instant.nullable(),
  dueDate: day.nullable(),
  dueKind: z.enum(['date', 'inferred', 'recurring', 'ongoing', 'unknown']),
  pausedUntil: instant.nullable(),
});
const DeadlineRow = z.object({ id: z.string(), date: day.nullable(), original: day.nullable(), kind: z.enum(['date', 'inferred', 'recurring', 'ongoing', 'unknown']), raw: z.string() });
const ExtensionFields = z.object({
  id: z.string(), state: z.enum(['pending', 'approved', 'rejected', 'withdrawn']), approvedDate: day.nullable(),
  decidedBy: z.string().nullable(), decidedAt: instant.nullable(), decisionNote: z.string().nullable(),
});

/** What a change replaced: restored as it was by an undo. */
export const Before = z.object({
  task: TaskFields.extend({ id: z.string(), deadlines: z.array(DeadlineRow) }).optional(),
  extension: ExtensionFields.optional(),
  plan: z.object({ id: z.string(), status: z.enum(['draft', 'active', 'archived']), pausedUntil: instant.nullable() }).optional(),
  unit: z.object({ id: z.string(), pausedUntil: instant.nullable() }).optional(),
  /** a corrected title or corrected units (an admin's correction after activation, a 改派) */
  title: z.object({ taskId: z.string(), title: z.string() }).optional(),
  assignments: z.object({ taskId: z.string(), rows: z.array(z.object({ unitId: z.string(), role: z.enum(['lead', 'assist', 'owner']), nameAsWritten: z.string() })) }).optional(),
  /** a unit's 签收 of these tasks by one message: undone, the tasks are unsigned again */
  signatures: z.object({ unitId: z.string(), taskIds: z.array(z.string()), messageId: z.string().nullable() }).optional(),
});
export type Before = z.infer<typeof Before>;

/** What a change added: withdrawn by an undo (rows stay, for the trail). */
export const Added = z.object({
  reportIds: z.array(z.string()).default([]),
  extensionIds: z.array(z.string()).default([]),
});
export type Added = z.input<typeof Added>;

/** Where the notices of a change went, so an undo tells the same people. */
export const Told = z.array(z.union([z.object({ kind: z.literal('unit'), unitId: z.string() }), z.object({ kind: z.literal('leaders') })]));
export type Told = z.infer<typeof Told>;

const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const dateOf = (s: string | null) => (s ? new Date(`${s}T00:00:00Z`) : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const at = (s: string | null) => (s ? new Date(s) : null);

export interface ChangeRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  taskId: string | null;
  planId: string | null;
  unitId: string | null;
  messageId: string | null;
  detail: unknown;
  before: Before;
  added: z.infer<typeof Added>;
  told: Told;
}

function toChange(r: { id: string; at: Date; actorId: string | null; actorName: string | null; action: string; taskId: string | null; planId: string | null; unitId: string | null; messageId: string | null; detail: unknown; before: unknown; after: unknown; told: unknown }): ChangeRow {
  return { ...r, before: Before.parse(r.before ?? {}), added: Added.parse(r.after ?? {}), told: Told.catch([]).parse(r.told ?? []) };
}

/** `now`: the runtime's clock — a change is dated by it, as the windows that find it are (撤销 within 24 hours, the task just acted on). */
export function changesStore(db: DbClient, now: () => Date = () => new Date()) {
  return {
    /** The task as it is now, to be kept as the `before` of a change about to be made. */
    async taskBefore(taskId: string): Promise<NonNullable<Before['task']>> {
      const t = await db.task.findUniqueOrThrow({ where: { id: taskId }, select: { id: true, state: true, percent: true, doneAt: true, lastReportAt: true, dueDate: true, dueKind: true, pausedUntil: true, deadlines: { select: { id: true, date: true, original: true, kind: true, raw: true } } } });
      return {
        id: t.id, state: t.state, percent: t.percent, doneAt: iso(t.doneAt), lastReportAt: iso(t.lastReportAt), dueDate: dayOf(t.dueDate), dueKind: t.dueKind, pausedUntil: iso(t.pausedUntil),
        deadlines: t.deadlines.map((d) => ({ id: d.id, date: dayOf(d.date), original: dayOf(d.original), kind: d.kind, raw: d.raw })),
      };
    },
    async extensionBefore(id: string): Promise<NonNullable<Before['extension']>> {
      const e = await db.extensionRequest.findUniqueOrThrow({ where: { id } });
      return { id: e.id, state: e.state, approvedDate: dayOf(e.approvedDate), decidedBy: e.decidedBy, decidedAt: iso(e.decidedAt), decisionNote: e.decisionNote };
    },
    async planBefore(planId: string): Promise<NonNullable<Before['plan']>> {
      const p = await db.plan.findUniqueOrThrow({ where: { id: planId }, select: { id: true, status: true, pausedUntil: true } });
      return { id: p.id, status: p.status, pausedUntil: iso(p.pausedUntil) };
    },
    async titleBefore(taskId: string): Promise<NonNullable<Before['title']>> {
      const t = await db.task.findUniqueOrThrow({ where: { id: taskId }, select: { title: true } });
      return { taskId, title: t.title };
    },
    async assignmentsBefore(taskId: string): Promise<NonNullable<Before['assignments']>> {
      const rows = await db.assignment.findMany({ where: { taskId }, select: { unitId: true, role: true, nameAsWritten: true } });
      return { taskId, rows };
    },
    async unitBefore(unitId: string): Promise<NonNullable<Before['unit']>> {
      const u = await db.unit.findUniqueOrThrow({ where: { id: unitId }, select: { id: true, pausedUntil: true } });
      return { id: u.id, pausedUntil: iso(u.pausedUntil) };
    },

    /** Records a change (an audit row that can be undone). */
    record: (c: {
      actorId: string | null; actorName: string | null; action: string; taskId?: string | null; planId?: string | null; unitId?: string | null;
      messageId?: string | null; detail?: Prisma.InputJsonValue; before: Before; added?: Added;
    }) => db.auditLog.create({
      data: {
        at: now(), actorId: c.actorId, actorName: c.actorName, action: c.action, taskId: c.taskId ?? null, planId: c.planId ?? null, unitId: c.unitId ?? null,
        messageId: c.messageId ?? null, detail: c.detail ?? undefined, undoable: true, before: c.before as Prisma.InputJsonValue, after: Added.parse(c.added ?? {}) as Prisma.InputJsonValue,
      },
      select: { id: true },
    }),

    /** Who was told of the changes a message made (set once its notices are stored). */
    setTold: (messageId: string, told: Told) => db.auditLog.updateMany({ where: { messageId, undoable: true }, data: { told: told as Prisma.InputJsonValue } }),

    /** True when the message recorded any action (a change, a binding, a setting). */
    actedOn: async (messageId: string) => (await db.auditLog.count({ where: { messageId } })) > 0,

    /** The speaker's latest change since `since` that is not undone (undoes themselves are not changes). */
    async lastOf(actorId: string, since: Date): Promise<ChangeRow | null> {
      const r = await db.auditLog.findFirst({ where: { actorId, at: { gte: since }, undoable: true, undoneAt: null }, orderBy: { at: 'desc' } });
      return r ? toChange(r) : null;
    },

    /** Changes not undone of one task (or plan), newest first, filtered by action and day. */
    async find(f: { taskIds?: string[]; planId?: string; actions?: string[]; from?: Date; to?: Date; actorId?: string }, take = 10): Promise<ChangeRow[]> {
      const rows = await db.auditLog.findMany({
        where: {
          undoable: true, undoneAt: null,
          ...(f.taskIds ? { taskId: { in: f.taskIds } } : {}), ...(f.planId ? { planId: f.planId } : {}), ...(f.actions ? { action: { in: f.actions } } : {}),
          ...(f.actorId ? { actorId: f.actorId } : {}), ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
        },
        orderBy: { at: 'desc' }, take,
      });
      return rows.map(toChange);
    },

    /** Changes made after `change` to the same task or plan that are not undone: an undo would overwrite them. */
    async later(change: ChangeRow): Promise<ChangeRow[]> {
      const on = change.taskId ? { taskId: change.taskId } : change.planId ? { planId: change.planId, taskId: null } : null;
      // a 签收 and the work on the task are apart: neither overwrites the other
      if (!on || change.action === 'sign') return [];
      const rows = await db.auditLog.findMany({ where: { ...on, action: { not: 'sign' }, at: { gt: change.at }, undoable: true, undoneAt: null }, orderBy: { at: 'asc' } });
      return rows.map(toChange);
    },

    /** Restores what the change replaced and withdraws what it added; marks it undone by `by`. */
    async undo(change: ChangeRow, by: { personId: string | null }, now: Date): Promise<void> {
      const b = change.before;
      if (b.task) {
        const t = b.task;
        await db.task.update({
          where: { id: t.id },
          data: { state: t.state, percent: t.percent, doneAt: at(t.doneAt), lastReportAt: at(t.lastReportAt), dueDate: dateOf(t.dueDate), dueKind: t.dueKind, pausedUntil: at(t.pausedUntil) },
        });
        const keep = t.deadlines.map((d) => d.id);
        await db.deadline.deleteMany({ where: { taskId: t.id, id: { notIn: keep } } });
        for (const d of t.deadlines) {
          await db.deadline.upsert({
            where: { id: d.id },
            create: { id: d.id, taskId: t.id, date: dateOf(d.date), original: dateOf(d.original), kind: d.kind, raw: d.raw },
            update: { date: dateOf(d.date), original: dateOf(d.original), kind: d.kind, raw: d.raw },
          });
        }
      }
      if (b.extension) {
        const e = b.extension;
        await db.extensionRequest.update({ where: { id: e.id }, data: { state: e.state, approvedDate: dateOf(e.approvedDate), decidedBy: e.decidedBy, decidedAt: at(e.decidedAt), decisionNote: e.decisionNote } });
      }
      if (b.plan) await db.plan.update({ where: { id: b.plan.id }, data: { status: b.plan.status, pausedUntil: at(b.plan.pausedUntil) } });
      if (b.title) await db.task.update({ where: { id: b.title.taskId }, data: { title: b.title.title } });
      if (b.assignments) {
        await replaceAssignments(db, b.assignments.taskId, b.assignments.rows);
      }
      if (b.signatures) {
        const { unitId, taskIds, messageId } = b.signatures;
        // only the signatures this message made: a later 签收 (after a 改派) is not this one
        await db.assignment.updateMany({ where: { unitId, taskId: { in: taskIds }, signMessageId: messageId }, data: { signedAt: null, signedById: null, signMessageId: null } });
        if (messageId) await db.progressReport.updateMany({ where: { unitId, messageId, kind: 'ack', withdrawnAt: null }, data: { withdrawnAt: now } });
      }
      if (b.unit) await db.unit.update({ where: { id: b.unit.id }, data: { pausedUntil: at(b.unit.pausedUntil) } });
      if (change.added.reportIds.length) await db.progressReport.updateMany({ where: { id: { in: change.added.reportIds } }, data: { withdrawnAt: now } });
      if (change.added.extensionIds.length) await db.extensionRequest.updateMany({ where: { id: { in: change.added.extensionIds }, state: 'pending' }, data: { state: 'withdrawn', decidedAt: now } });
      await db.auditLog.update({ where: { id: change.id }, data: { undoneAt: now, undoneBy: by.personId } });
    },

    /** The audit row of an undo (not itself undoable), pointing at the change it undid. */
    recordUndo: (u: { actorId: string | null; actorName: string | null; change: ChangeRow; messageId: string | null; told: Told }) =>
      db.auditLog.create({
        data: {
          at: now(), actorId: u.actorId, actorName: u.actorName, action: 'undo', taskId: u.change.taskId, planId: u.change.planId, unitId: u.change.unitId,
          messageId: u.messageId, undoOf: u.change.id, told: u.told as Prisma.InputJsonValue,
          detail: { undid: u.change.action, by: u.change.actorName, at: u.change.at.toISOString() },
        },
      }),
  };
}
export type ChangesStore = ReturnType<typeof changesStore>;
