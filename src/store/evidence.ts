/**
 * 佐证材料 rows: which stored file (store/file-store.ts) was sent by whom, for which task, in
 * which message; and every opening of one. A row with no task waits for its sender's answer
 * to "哪项任务？" (conversation/evidence.ts).
 */
import type { DbClient } from './client.ts';

export interface EvidenceRow {
  id: string;
  fileId: string;
  name: string;
  mime: string;
  size: number;
  taskId: string | null;
  unitId: string | null;
  personId: string | null;
  senderName: string | null;
  messageId: string;
  createdAt: Date;
}

/** A row to add: the message's `seq`-th file. */
export type NewEvidence = Omit<EvidenceRow, 'id' | 'createdAt'> & { seq: number };

/**
 * A file whose sender never said its task is kept this long — far past the bot's question
 * (conversation/dialog.ts DIALOG_TTL_MS), after which nothing can attach it.
 */
export const UNATTACHED_KEEP_MS = 24 * 3600_000;

export function evidenceStore(db: DbClient) {
  return {
    /** records a received file; the same message's same file again (a retry) is the same row */
    async add(e: NewEvidence): Promise<EvidenceRow> {
      return db.evidence.upsert({ where: { messageId_seq: { messageId: e.messageId, seq: e.seq } }, create: e, update: { taskId: e.taskId } });
    },
    async attach(ids: string[], taskId: string): Promise<void> {
      await db.evidence.updateMany({ where: { id: { in: ids } }, data: { taskId } });
    },
    async byId(id: string): Promise<EvidenceRow | null> {
      return db.evidence.findUnique({ where: { id } });
    },
    /** a task's files, oldest first */
    async forTask(taskId: string): Promise<EvidenceRow[]> {
      return db.evidence.findMany({ where: { taskId }, orderBy: [{ createdAt: 'asc' }, { seq: 'asc' }] });
    },
    async countForTask(taskId: string): Promise<number> {
      return db.evidence.count({ where: { taskId } });
    },
    /** when the task's standing 办结 claim was made, if it has one */
    async claimedAt(taskId: string): Promise<Date | null> {
      const r = await db.progressReport.findFirst({ where: { taskId, kind: 'done_claim', withdrawnAt: null }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
      return r?.createdAt ?? null;
    },
    /** files of the task received since `since`, other than those of message `except` */
    async countForTaskSince(taskId: string, since: Date, except: string): Promise<number> {
      return db.evidence.count({ where: { taskId, createdAt: { gte: since }, messageId: { not: except } } });
    },
    /** count and names per task (ledger, 通报) */
    async summaries(taskIds: string[]): Promise<Map<string, { count: number; names: string[] }>> {
      const rows = taskIds.length ? await db.evidence.findMany({ where: { taskId: { in: taskIds } }, select: { taskId: true, name: true }, orderBy: { createdAt: 'asc' } }) : [];
      const out = new Map<string, { count: number; names: string[] }>();
      for (const r of rows) {
        const s = out.get(r.taskId!) ?? { count: 0, names: [] };
        s.count += 1;
        s.names.push(r.name);
        out.set(r.taskId!, s);
      }
      return out;
    },
    /**
     * The periodic sweep (main.ts reconcileAll): files nobody said the task of, received more than
     * UNATTACHED_KEEP_MS ago, are dropped, and with them the stored contents no other row refers to
     * (a task's file may share one). Returns how many of each went.
     */
    async dropUnattached(now: Date): Promise<{ evidence: number; files: number }> {
      const where = { taskId: null, createdAt: { lt: new Date(now.getTime() - UNATTACHED_KEEP_MS) } };
      const dropped = await db.evidence.findMany({ where, select: { id: true, fileId: true } });
      if (!dropped.length) return { evidence: 0, files: 0 };
      const evidence = (await db.evidence.deleteMany({ where: { id: { in: dropped.map((e) => e.id) } } })).count;
      const fileIds = [...new Set(dropped.map((e) => e.fileId))];
      const files = (await db.storedFile.deleteMany({ where: { id: { in: fileIds }, evidence: { none: {} } } })).count;
      return { evidence, files };
    },
    /** the sender's latest file since `since`, attached or waiting */
    async latestBy(personId: string, since: Date): Promise<EvidenceRow | null> {
      return db.evidence.findFirst({ where: { personId, createdAt: { gte: since } }, orderBy: { createdAt: 'desc' } });
    },
    /** tasks the person reported on or claimed since `since` (not withdrawn), newest first */
    async reportedTasksSince(personId: string, since: Date): Promise<string[]> {
      const rows = await db.progressReport.findMany({ where: { personId, createdAt: { gte: since }, withdrawnAt: null, kind: { in: ['progress', 'done_claim', 'claim_waiting'] } }, select: { taskId: true }, orderBy: { createdAt: 'desc' } });
      return [...new Set(rows.map((r) => r.taskId))];
    },
    /** a person's role, and whether their unit is one of the task's (who may open its files) */
    async rightsOf(personId: string, taskId: string): Promise<{ role: string; ofTask: boolean } | null> {
      const p = await db.person.findUnique({ where: { id: personId }, select: { role: true, unitId: true } });
      if (!p) return null;
      const ofTask = p.unitId ? (await db.assignment.count({ where: { taskId, unitId: p.unitId } })) > 0 : false;
      return { role: p.role, ofTask };
    },
    /** the task's claim waiting for 佐证材料 (销号需佐证材料), if its latest claim is one */
    async waitingClaim(taskId: string) {
      const r = await db.progressReport.findFirst({ where: { taskId, kind: { in: ['claim_waiting', 'done_claim', 'done_confirmed', 'returned'] }, withdrawnAt: null }, orderBy: { createdAt: 'desc' } });
      return r?.kind === 'claim_waiting' ? r : null;
    },
    async logDownload(a: { evidenceId: string; viewer: string; via: 'link' | 'dashboard' }): Promise<void> {
      await db.evidenceDownload.create({ data: a });
    },
    async downloads(evidenceId: string): Promise<{ viewer: string; via: string; at: Date }[]> {
      return db.evidenceDownload.findMany({ where: { evidenceId }, orderBy: { at: 'asc' }, select: { viewer: true, via: true, at: true } });
    },
  };
}

export type EvidenceStore = ReturnType<typeof evidenceStore>;
