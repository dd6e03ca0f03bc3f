/**
 * What people said and decided: progress reports (original text kept, nothing
 * overwritten), extension requests, and the audit log (who, when, what, from which message).
 */
import type { DbClient } from './client.ts';
import type { Prisma } from './generated/client.ts';

/** claim_waiting: a 办结 under 销号需佐证材料 sent without 佐证材料, waiting for them (not yet a claim leaders decide) */
export type ReportKind = 'progress' | 'done_claim' | 'done_confirmed' | 'returned' | 'ack' | 'claim_waiting';

/** A leader's reason as written after the command word: no leading or trailing punctuation ("，医共体建设是年度硬任务" → "医共体建设是年度硬任务"). */
export function cleanNote(note: string | null | undefined): string | null {
  const s = (note ?? '').replace(/^[\s,，、;；:：。.!！]+|[\s,，、;；:：]+$/gu, '');
  return s || null;
}

export function recordsStore(db: DbClient, now: () => Date = () => new Date()) {
  return {
    /**
     * `at`: when the message was received (the clock), so report cycles judge it by the day it was
     * made; never before the task's previous record (two messages at one clock instant keep their order)
     */
    async addReport({ at, ...r }: { taskId: string; unitId: string | null; personId: string | null; kind: ReportKind; percent?: number | null; previousPercent?: number | null; note?: string | null; messageId: string | null; originalText: string; reminderId?: string | null; at?: Date }) {
      let createdAt = at;
      if (at) {
        const last = (await db.progressReport.aggregate({ where: { taskId: r.taskId }, _max: { createdAt: true } }))._max.createdAt;
        if (last && last >= at) createdAt = new Date(last.getTime() + 1);
      }
      return db.progressReport.create({ data: { ...r, percent: r.percent ?? null, previousPercent: r.previousPercent ?? null, note: r.note ?? null, ...(createdAt ? { createdAt } : {}) } });
    },
    /** the units that made a progress report on the task (not withdrawn) */
    reportingUnits: async (taskId: string) =>
      (await db.progressReport.findMany({ where: { taskId, kind: 'progress', withdrawnAt: null, unitId: { not: null } }, distinct: ['unitId'], select: { unitId: true } })).map((r) => r.unitId!),
    lastReports: (taskId: string, take = 5) => db.progressReport.findMany({ where: { taskId, withdrawnAt: null }, orderBy: { createdAt: 'desc' }, take }),
    /**
     * What the task card lists: the latest `take` reports (acknowledgements are not reports)
     * and extension requests, newest first, with who made them, and how many there are in all.
     */
    async taskHistory(taskId: string, take = 8) {
      const where = { taskId, kind: { not: 'ack' } };
      const [reports, reportCount, extensions, extensionCount] = await Promise.all([
        db.progressReport.findMany({
          where, orderBy: { createdAt: 'desc' }, take,
          select: { kind: true, percent: true, note: true, originalText: true, unitId: true, personId: true, createdAt: true, withdrawnAt: true, unit: { select: { name: true } } },
        }),
        db.progressReport.count({ where }),
        db.extensionRequest.findMany({ where: { taskId }, orderBy: { createdAt: 'desc' }, take }),
        db.extensionRequest.count({ where: { taskId } }),
      ]);
      const personIds = [...new Set([...reports, ...extensions].map((r) => r.personId).filter((x): x is string => !!x))];
      const unitIds = [...new Set(extensions.map((e) => e.unitId).filter((x): x is string => !!x))];
      const [people, units] = await Promise.all([
        personIds.length ? db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } }) : [],
        unitIds.length ? db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }) : [],
      ]);
      return {
        reports, extensions, total: reportCount + extensionCount,
        people: new Map(people.map((p) => [p.id, p.name])), units: new Map(units.map((u) => [u.id, u.name])),
      };
    },
    /** the latest completion claims and confirmations of a task, newest first (what the percent was before each) */
    completions: (taskId: string, take = 5) =>
      db.progressReport.findMany({ where: { taskId, kind: { in: ['done_claim', 'done_confirmed'] }, withdrawnAt: null }, orderBy: { createdAt: 'desc' }, take, select: { kind: true, previousPercent: true, createdAt: true } }),
    addExtension: (e: { taskId: string; unitId: string | null; personId: string | null; requestedDate: Date; reason: string; messageId: string | null }) =>
      db.extensionRequest.create({ data: e }),
    pendingExtension: (taskId: string) => db.extensionRequest.findFirst({ where: { taskId, state: 'pending' }, orderBy: { createdAt: 'desc' } }),
    /** the latest decided request (approved or rejected), of a task or of any, to answer a second decision on it */
    lastDecidedExtension: (taskId?: string) => db.extensionRequest.findFirst({ where: { ...(taskId ? { taskId } : {}), state: { in: ['approved', 'rejected'] } }, orderBy: { decidedAt: 'desc' }, include: { task: { select: { id: true } } } }),
    pendingExtensionById: (id: string) => db.extensionRequest.findFirst({ where: { id, state: 'pending' }, include: { task: { select: { id: true, path: true, title: true } } } }),
    pendingExtensions: (take = 20) => db.extensionRequest.findMany({ where: { state: 'pending' }, orderBy: { createdAt: 'desc' }, take, include: { task: { select: { id: true, path: true, title: true } } } }),
    /** pending requests, oldest first (newest first with `newestFirst`), with the task's units; `unitId`: only those of tasks assigned to that unit */
    pendingExtensionList: (scope: { unitId?: string }, take = 50, newestFirst = false) => {
      // a plan switched off keeps its pending requests decidable
      const where: Prisma.ExtensionRequestWhereInput = { state: 'pending', task: { plan: { status: { in: ['active', 'archived'] } }, ...(scope.unitId ? { assignments: { some: { unitId: scope.unitId } } } : {}) } };
      return Promise.all([
        db.extensionRequest.findMany({
          where, orderBy: { createdAt: newestFirst ? 'desc' : 'asc' }, take,
          include: { task: { select: { id: true, path: true, pathKey: true, planId: true, plan: { select: { title: true } }, title: true, dueDate: true, assignments: { select: { role: true, unit: { select: { id: true, name: true } } } } } } },
        }),
        db.extensionRequest.count({ where }),
      ]);
    },
    async decideExtension(id: string, d: { state: 'approved' | 'rejected'; approvedDate?: Date | null; by: string; note?: string | null; at: Date }) {
      const r = await db.extensionRequest.updateMany({
        where: { id, state: 'pending' },
        data: { state: d.state, approvedDate: d.approvedDate ?? null, decidedBy: d.by, decidedAt: d.at, decisionNote: cleanNote(d.note) },
      });
      return r.count === 1;
    },
    /** Moves a task's final deadline, keeping the original date on the deadline row. */
    async moveDeadline(taskId: string, to: Date) {
      const task = await db.task.findUnique({ where: { id: taskId }, select: { dueDate: true } });
      const last = await db.deadline.findFirst({ where: { taskId, date: task?.dueDate ?? undefined }, orderBy: { date: 'desc' } });
      if (last) await db.deadline.update({ where: { id: last.id }, data: { date: to, original: last.original ?? last.date } });
      else await db.deadline.create({ data: { taskId, date: to, raw: '延期批准', kind: 'date' } });
      await db.task.update({ where: { id: taskId }, data: { dueDate: to, dueKind: 'date' } });
    },
    audit: (a: { actorId: string | null; actorName: string | null; action: string; taskId?: string | null; planId?: string | null; unitId?: string | null; messageId?: string | null; detail?: Prisma.InputJsonValue }) =>
      db.auditLog.create({ data: { at: now(), ...a, detail: a.detail ?? undefined } }),
  };
}

/** Pending dialogue state (clarifications, confirmations), in PostgreSQL so a restart or a second worker keeps it. */
export function dialogsStore(db: DbClient) {
  return {
    get: async (key: string, now: Date) => {
      const d = await db.pendingDialog.findUnique({ where: { key } });
      return d && d.expiresAt > now ? d : null;
    },
    set: (key: string, kind: string, payload: Prisma.InputJsonValue, expiresAt: Date) =>
      db.pendingDialog.upsert({ where: { key }, create: { key, kind, payload, expiresAt }, update: { kind, payload, expiresAt, createdAt: new Date() } }),
    clear: (key: string) => db.pendingDialog.deleteMany({ where: { key } }),
  };
}
