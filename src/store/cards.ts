/**
 * What a card click needs to know about the request its button names: the 办结 claim (a
 * done_claim report) or the extension request, whether it still waits, and if not, who
 * decided it and when. `lockTask` serialises two clicks on the same task (a double click, or
 * two leaders at once): the second waits for the first to commit and then finds it decided.
 */
import type { DbClient } from './client.ts';

export interface ClaimState {
  id: string;
  taskId: string;
  /** the claiming unit's name and the claim's words */
  unit: string | null;
  note: string | null;
  /** still the claim that waits for review */
  pending: boolean;
  /** the 销号 or 退回 that decided it, when it is decided */
  decision: { kind: 'done_confirmed' | 'returned' | 'withdrawn'; by: string | null; at: Date } | null;
}

export function cardsStore(db: DbClient) {
  return {
    async claim(id: string): Promise<ClaimState | null> {
      const claim = await db.progressReport.findUnique({ where: { id }, include: { task: { select: { state: true } }, unit: { select: { name: true } } } });
      if (!claim || claim.kind !== 'done_claim') return null;
      const later = await db.progressReport.findFirst({
        where: { taskId: claim.taskId, kind: { in: ['done_confirmed', 'returned', 'done_claim'] }, createdAt: { gt: claim.createdAt }, withdrawnAt: null },
        orderBy: { createdAt: 'asc' },
      });
      const by = later?.personId ? (await db.person.findUnique({ where: { id: later.personId }, select: { name: true } }))?.name ?? null : null;
      const pending = !claim.withdrawnAt && !later && claim.task.state === 'claimed_done';
      const decision = pending ? null
        : later && later.kind !== 'done_claim' ? { kind: later.kind as 'done_confirmed' | 'returned', by, at: later.createdAt }
          : claim.task.state === 'done' ? { kind: 'done_confirmed' as const, by: null, at: claim.createdAt }
            : { kind: 'withdrawn' as const, by: null, at: claim.withdrawnAt ?? claim.createdAt };
      return { id: claim.id, taskId: claim.taskId, unit: claim.unit?.name ?? null, note: claim.note, pending, decision };
    },
    extension: (id: string) => db.extensionRequest.findUnique({ where: { id } }),
    async lockTask(taskId: string): Promise<void> {
      await db.$queryRaw`select id from "Task" where id = ${taskId} for update`;
    },
  };
}
