/**
 * What a card click needs to know about the request its button names: the 办结 claim (a
 * done_claim report) or the extension request, whether it still waits, and if not, who
 * decided it and when. `lockTask` serialises two clicks on the same task (a double click, or
 * two leaders at once): the second waits for the first to commit and then finds it decided.
 */
import type { DbClient } from './client.ts';
import { Prisma } from './generated/client.ts';

/** Decisions that settle a request a card shows. */
const DECISIONS = ['confirm_done', 'close_direct', 'return_done', 'approve_extension', 'reject_extension'];

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
    /**
     * Cards already shown (outbox rows with a card) for the requests of the tasks `messageId`
     * decided, on `platforms`: their ids are `<kind>-<request id>-<n>` (conversation/notices.ts).
     */
    async shownForDecisions(messageId: string, platforms: readonly string[]): Promise<{ cardId: string; platform: string }[]> {
      const decided = await db.auditLog.findMany({ where: { messageId, action: { in: DECISIONS } }, select: { taskId: true } });
      const taskIds = [...new Set(decided.map((d) => d.taskId).filter((t): t is string => Boolean(t)))];
      if (!taskIds.length || !platforms.length) return [];
      const [claims, exts] = await Promise.all([
        db.progressReport.findMany({ where: { taskId: { in: taskIds }, kind: 'done_claim' }, select: { id: true } }),
        db.extensionRequest.findMany({ where: { taskId: { in: taskIds } }, select: { id: true } }),
      ]);
      const prefixes = [...claims.map((c) => `review-${c.id}-`), ...exts.map((e) => `extension-${e.id}-`)];
      if (!prefixes.length) return [];
      const rows = await db.outbox.findMany({
        where: { platform: { in: platforms as never }, NOT: { card: { equals: Prisma.DbNull } }, OR: prefixes.map((p) => ({ card: { path: ['id'], string_starts_with: p } })) },
        select: { platform: true, card: true },
      });
      // a card's own earlier updates are rows with its id too: one entry per card
      const seen = new Map(rows.map((r) => [String((r.card as { id?: unknown }).id), r.platform]));
      return [...seen].map(([cardId, platform]) => ({ cardId, platform }));
    },
    async lockTask(taskId: string): Promise<void> {
      await db.$queryRaw`select id from "Task" where id = ${taskId} for update`;
    },
  };
}
