/**
 * The reminder ledger: Reminder rows (one message to one unit for one slot), their items
 * (which tasks, at which step) and Delivery rows (every attempt). PostgreSQL decides what
 * has been sent; BullMQ only carries the wake-up. Every state change is a conditional
 * update, so two workers or two reconciles can never both act on the same row.
 */
import { Prisma } from './generated/client.ts';
import type { DbClient } from './client.ts';
import { reminderFacts } from './reminder-facts.ts';
import { signingStore } from './signing.ts';

export type { PairRow, PairFilter } from './reminder-facts.ts';

export interface ReminderDraft {
  id: string;
  kind: string;
  unitId: string | null;
  slot: Date;
  items: { taskId: string; step: string; daysOverdue: number }[];
}

const CHUNK = 5000;
function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

export function remindersStore(db: DbClient) {
  return {
    facts: reminderFacts(db),
    signing: signingStore(db),

    /** rows with slot ≥ from (any state), with items; `unitIds` undefined = all units */
    existingFrom: (from: Date, unitIds?: string[]) =>
      db.reminder.findMany({
        where: { slot: { gte: from }, kind: { not: 'digest' }, ...(unitIds ? { unitId: { in: unitIds } } : {}) },
        select: { id: true, unitId: true, state: true, slot: true, kind: true, attempts: true, items: { select: { taskId: true, step: true, daysOverdue: true } } },
      }),

    /** Inserts new rows and their items; existing ids are left alone. One statement per 5,000 rows (unnest), for 100,000-task reconciles. */
    async createMany(drafts: ReminderDraft[]) {
      for (const part of chunks(drafts)) {
        // `slot` is timestamp(3) holding UTC, as Prisma writes it
        await db.$executeRaw`insert into "Reminder"(id, kind, "unitId", slot)
          select * from unnest(${part.map((d) => d.id)}::text[], ${part.map((d) => d.kind)}::text[], ${part.map((d) => d.unitId)}::text[], ${part.map((d) => d.slot.toISOString().slice(0, 23))}::timestamp[])
          on conflict do nothing`;
      }
      const items = drafts.flatMap((d) => d.items.map((i) => ({ reminderId: d.id, taskId: i.taskId, step: i.step, daysOverdue: i.daysOverdue })));
      for (const part of chunks(items)) {
        await db.$executeRaw`insert into "ReminderItem"("reminderId", "taskId", step, "daysOverdue")
          select * from unnest(${part.map((i) => i.reminderId)}::text[], ${part.map((i) => i.taskId)}::text[], ${part.map((i) => i.step)}::text[], ${part.map((i) => i.daysOverdue)}::int[])
          on conflict do nothing`;
      }
    },

    /** replace the items of a still-queued row (the claim has not happened yet) */
    async replaceItems(d: ReminderDraft) {
      const r = await db.reminder.updateMany({ where: { id: d.id, state: 'queued' }, data: { kind: d.kind } });
      if (r.count === 0) return;
      await db.reminderItem.deleteMany({ where: { reminderId: d.id } });
      await db.reminderItem.createMany({ data: d.items.map((i) => ({ reminderId: d.id, taskId: i.taskId, step: i.step, daysOverdue: i.daysOverdue })), skipDuplicates: true });
    },

    /** drop rows nobody needs any more, only while still queued */
    async dropQueued(ids: string[]) {
      let n = 0;
      for (const part of chunks(ids)) n += (await db.reminder.deleteMany({ where: { id: { in: part }, state: 'queued' } })).count;
      return n;
    },

    ensureDigest: (id: string, slot: Date) =>
      db.reminder.createMany({ data: [{ id, kind: 'digest', unitId: null, slot }], skipDuplicates: true }),
    queuedDigestsFrom: (from: Date) => db.reminder.findMany({ where: { kind: 'digest', state: 'queued', slot: { gte: from } }, select: { id: true, slot: true, attempts: true } }),

    /** queued rows whose slot has passed and whose BullMQ retries have gone quiet since `quietSince`: their wake-up may have been lost with Redis */
    pastQueued: (before: Date, quietSince: Date) => db.reminder.findMany({ where: { state: 'queued', slot: { lt: before }, OR: [{ attempts: 0 }, { NOT: { deliveries: { some: { createdAt: { gte: quietSince } } } } }] }, select: { id: true, slot: true, attempts: true }, orderBy: { slot: 'asc' }, take: 5000 }),

    /** 'sending' rows whose newest attempt started before `leaseStart`: their worker died */
    stuckSending: (leaseStart: Date) =>
      db.reminder.findMany({
        where: { state: 'sending', OR: [{ deliveries: { none: {} }, slot: { lt: leaseStart } }, { deliveries: { some: {} }, NOT: { deliveries: { some: { createdAt: { gte: leaseStart } } } } }] },
        select: { id: true, slot: true, attempts: true },
      }),

    /** give a dead worker's row back to the queue; its unfinished attempts are recorded as such */
    async takeBack(id: string): Promise<number | null> {
      const r = await db.reminder.updateMany({ where: { id, state: 'sending' }, data: { state: 'queued', lastError: 'LEASE_EXPIRED: worker stopped during send' } });
      if (r.count === 0) return null;
      // An attempt the dead worker left open may have reached its group: never sent to again.
      await db.delivery.updateMany({ where: { reminderId: id, state: 'sending' }, data: { state: 'unknown', errorCode: 'LEASE_EXPIRED', error: 'worker stopped during send; outcome unknown, not sent again' } });
      return (await db.reminder.findUnique({ where: { id }, select: { attempts: true } }))?.attempts ?? 0;
    },

    async markMissed(id: string) {
      await db.reminder.updateMany({ where: { id, state: 'queued' }, data: { state: 'failed', lastError: 'MISSED: slot passed while no worker was running' } });
    },

    get: (id: string) => db.reminder.findUnique({ where: { id }, include: { items: true } }),

    /** queued → sending; false when another worker has it or it is done */
    async claim(id: string): Promise<boolean> {
      const r = await db.reminder.updateMany({ where: { id, state: 'queued' }, data: { state: 'sending', attempts: { increment: 1 } } });
      return r.count === 1;
    },

    async finish(id: string, state: 'sent' | 'failed' | 'queued' | 'unknown', f: { at: Date; text?: string; error?: string | null }) {
      await db.reminder.updateMany({
        where: { id, state: 'sending' },
        data: { state, lastError: f.error ?? null, ...(state === 'sent' ? { sentAt: f.at, text: f.text } : {}) },
      });
    },

    /** the claim found nothing left to say: forget the row (reconcile will not recreate a past slot) */
    drop: (id: string) => db.reminder.deleteMany({ where: { id, state: { in: ['queued', 'sending'] } } }),

    /** targets this reminder reached ('sent') or may have reached ('unknown'): a retry must not send to them again */
    reachedTargets: async (reminderId: string) =>
      new Map((await db.delivery.findMany({ where: { reminderId, state: { in: ['sent', 'unknown'] } }, select: { target: true, state: true } })).map((d) => [d.target, d.state as 'sent' | 'unknown'])),
    startAttempt: (a: { reminderId: string; route: string; target: string; at: Date }) =>
      db.delivery.create({ data: { reminderId: a.reminderId, route: a.route, target: a.target, state: 'sending', createdAt: a.at } }),
    async endAttempt(id: string, r: { ok: boolean; code?: string; error?: string; uncertain?: boolean }) {
      const state = r.ok ? 'sent' : r.uncertain ? 'unknown' : 'failed';
      await db.delivery.update({ where: { id }, data: { state, errorCode: r.ok ? null : (r.code ?? 'ERROR'), error: r.ok ? null : (r.error ?? null) } });
    },

    unit: (id: string) => db.unit.findUnique({ where: { id }, select: { id: true, name: true } }),
    members: (unitId: string) => db.person.findMany({ where: { unitId, role: 'member' }, select: { id: true, name: true, userId: true, platform: true }, orderBy: { name: 'asc' } }),
    unitGroups: (unitId: string) => db.chatGroup.findMany({ where: { kind: 'unit', unitId }, orderBy: { createdAt: 'asc' } }),
    leaderGroups: () => db.chatGroup.findMany({ where: { kind: 'leaders' }, orderBy: { createdAt: 'asc' } }),

    /** people of a unit who reported or acknowledged since `since` */
    answeredSince: async (unitId: string, since: Date) =>
      new Set((await db.progressReport.findMany({ where: { unitId, createdAt: { gte: since }, personId: { not: null } }, select: { personId: true } })).map((r) => r.personId!)),
    previousSent: (unitId: string, before: Date, excludeId: string) =>
      db.reminder.findFirst({ where: { unitId, id: { not: excludeId }, state: { in: ['sent', 'acknowledged'] }, sentAt: { lt: before } }, orderBy: { sentAt: 'desc' }, select: { id: true, sentAt: true } }),

    /** the latest reminder that reached this unit, for "收到" */
    latestSentToUnit: (unitId: string, now: Date) =>
      db.reminder.findFirst({
        where: { unitId, state: { in: ['sent', 'acknowledged'] }, sentAt: { lte: now } },
        orderBy: { sentAt: 'desc' },
        include: { items: { include: { task: { select: { id: true, path: true, pathKey: true, title: true } } } } },
      }),
    async acknowledge(id: string, at: Date) {
      await db.reminder.updateMany({ where: { id, ackAt: null }, data: { ackAt: at } });
      await db.reminder.updateMany({ where: { id, state: 'sent' }, data: { state: 'acknowledged' } });
    },
    addAck: (r: { taskId: string; unitId: string; personId: string | null; messageId: string | null; text: string; reminderId: string | null; at: Date }) =>
      db.progressReport.createMany({
        data: [{ taskId: r.taskId, unitId: r.unitId, personId: r.personId, kind: 'ack', messageId: r.messageId, originalText: r.text, reminderId: r.reminderId, createdAt: r.at }],
        skipDuplicates: true,
      }),

    async setPause(scope: 'task' | 'unit' | 'plan', id: string, until: Date | null) {
      const data = { pausedUntil: until };
      if (scope === 'task') await db.task.update({ where: { id }, data });
      else if (scope === 'unit') await db.unit.update({ where: { id }, data });
      else await db.plan.update({ where: { id }, data });
    },

    /** the stored overrides of a task (with its plan's) or of a plan; null when it does not exist */
    /** The stored overrides of a plan or task (and of the task's plan), with the pause that applies to it. */
    async policyOverrides(scope: 'task' | 'plan', id: string): Promise<{ plan: unknown; task: unknown; pausedUntil: Date | null } | null> {
      if (scope === 'plan') {
        const p = await db.plan.findUnique({ where: { id }, select: { reminderPolicy: true, pausedUntil: true } });
        return p && { plan: p.reminderPolicy, task: null, pausedUntil: p.pausedUntil };
      }
      const t = await db.task.findUnique({ where: { id }, select: { reminderPolicy: true, pausedUntil: true, plan: { select: { reminderPolicy: true, pausedUntil: true } } } });
      const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : a ?? b);
      return t && { plan: t.plan.reminderPolicy, task: t.reminderPolicy, pausedUntil: later(t.pausedUntil, t.plan.pausedUntil) };
    },
    /** Open tasks of a plan with settings of their own, or paused past `now`. */
    tasksWithOwnPolicy: (planId: string, now: Date) =>
      db.task.findMany({
        where: { planId, state: { in: ['open', 'claimed_done'] }, OR: [{ NOT: { reminderPolicy: { equals: Prisma.DbNull } } }, { pausedUntil: { gt: now } }] },
        select: { path: true, title: true, pausedUntil: true }, orderBy: { seq: 'asc' },
      }),
    async setPolicyOverrides(scope: 'task' | 'plan', id: string, overrides: Record<string, unknown> | null) {
      const data = { reminderPolicy: overrides ? (overrides as Prisma.InputJsonObject) : Prisma.DbNull };
      if (scope === 'task') await db.task.update({ where: { id }, data });
      else await db.plan.update({ where: { id }, data });
    },
  };
}

export type ReminderStore = ReturnType<typeof remindersStore>;
