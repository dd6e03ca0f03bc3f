/** Outbox: notices and files to send, stored first; the send job claims a row before sending. */
import type { DbClient } from './client.ts';
import type { Prisma } from './generated/client.ts';

export function outboxStore(db: DbClient) {
  return {
    /** Inserts unless the id exists (a retried handler adds the same notices again). */
    async put(o: { id: string; platform: 'wecom' | 'dingtalk' | 'console'; destination: Prisma.InputJsonValue; markdown: string; text: string; mention?: string[]; file?: { name: string; content: Buffer }; card?: Prisma.InputJsonValue }) {
      await db.outbox.createMany({
        data: [{ id: o.id, platform: o.platform, destination: o.destination, markdown: o.markdown, text: o.text, mention: o.mention ?? [], fileName: o.file?.name ?? null, fileContent: o.file ? new Uint8Array(o.file.content) : null, ...(o.card ? { card: o.card } : {}) }],
        skipDuplicates: true,
      });
    },
    get: (id: string) => db.outbox.findUnique({ where: { id } }),
    /** queued → sending; `at` is the claim's mark, for giving it back (`release`). */
    async claim(id: string, at: Date = new Date()): Promise<boolean> {
      const r = await db.outbox.updateMany({ where: { id, state: 'queued' }, data: { state: 'sending', claimedAt: at, attempts: { increment: 1 } } });
      return r.count === 1;
    },
    /** Gives back the claim made `at` by a run that never sent (its acknowledgement was lost). */
    async release(id: string, at: Date) {
      await db.outbox.updateMany({ where: { id, state: 'sending', claimedAt: at }, data: { state: 'queued' } });
    },
    async result(id: string, state: 'sent' | 'failed' | 'queued' | 'unknown', error?: string) {
      await db.outbox.update({ where: { id }, data: { state, lastError: error ?? null, sentAt: state === 'sent' ? new Date() : undefined } });
    },
    /**
     * Rows still queued (their job was lost). A row stuck in 'sending' past the lease belongs to
     * a worker that stopped mid-send: it becomes 'unknown', never sent twice.
     */
    async stragglers(olderThan: Date, leaseExpired: Date) {
      await db.outbox.updateMany({ where: { state: 'sending', claimedAt: { lt: leaseExpired } }, data: { state: 'unknown', lastError: 'LEASE_EXPIRED: the worker stopped mid-send; not sent again (did the platform get it?)' } });
      return db.outbox.findMany({ where: { state: 'queued', createdAt: { lt: olderThan } }, select: { id: true }, take: 500 });
    },
    /** the given units with how many groups they have bound: notices reach only units with one */
    unitsReach: async (unitIds: string[]) =>
      (await db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true, _count: { select: { groups: { where: { kind: 'unit' } } } } } }))
        .map((u) => ({ unitId: u.id, name: u.name, groups: u._count.groups })),
    groupsFor: (to: { kind: 'leaders' } | { kind: 'unit'; unitId: string }) =>
      db.chatGroup.findMany({ where: to.kind === 'leaders' ? { kind: 'leaders' } : { kind: 'unit', unitId: to.unitId } }),
  };
}
