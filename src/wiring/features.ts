/**
 * The hooks intents and the import dialogue use, built from the feature modules
 * (reminders, ledger, dashboard, importer). Part of the composition root.
 */
import type { IntentHooks } from '../commands/intents/types.ts';
import type { ImportHooks } from '../conversation/import-plan.ts';
import type { Processors } from '../queue/queues.ts';
import type { Runtime } from '../main.ts';
import { importDocument } from '../importer/index.ts';
import { createReminders, type Reminders } from '../reminders/index.ts';
import { chinaCalendar } from '../tasks/calendar.ts';
import { exportLedger, ledgerFileName, buildBulletin, readLedgerChanges, isLedgerWorkbook, applyLedgerChanges, reviewReply, appliedReply, ChangeSet } from '../ledger/index.ts';
import { signDashboardLink } from '../dashboard/index.ts';
import { saveImportedPlan } from '../importer/save.ts';

/** The reminders module for this runtime, created once. */
export function remindersOf(rt: Runtime): Reminders {
  const cached = REMINDERS.get(rt);
  if (cached) return cached;
  const r = createReminders({ db: rt.db, enqueue: rt.enqueue, senders: rt.senders, calendar: chinaCalendar, clock: rt.clock, log: rt.log, options: { base: { hour: rt.config.REMINDER_HOUR } } });
  REMINDERS.set(rt, r);
  return r;
}
const REMINDERS = new WeakMap<Runtime, Reminders>();

export function createHooks(rt: Runtime): IntentHooks {
  return {
    taskChanged: async (taskId) => void (await remindersOf(rt).rescheduleTask(taskId)),
    recordAck: async (a) => {
      const r = await remindersOf(rt).recordAck(a);
      if (r) rt.metrics.reminders.inc({ outcome: 'acknowledged' });
      return r ? { tasks: r.tasks } : null;
    },
    pause: (a) => remindersOf(rt).pause(a),
    dashboardLink: ({ planId }) => {
      if (!rt.dashboardSecret) return null;
      const expiresAt = new Date(rt.clock.now().getTime() + DASHBOARD_LINK_TTL_MS);
      return rt.config.PUBLIC_BASE_URL.replace(/\/$/, '') + signDashboardLink(rt.dashboardSecret, { planId, expiresAt });
    },
    exportLedger: async ({ now }) => ({ name: ledgerFileName(now), content: await exportLedger(rt.db, { now }) }),
    bulletin: async ({ now }) => (await buildBulletin(rt.db, { now })).markdown(),
  };
}

/** Dashboard links in chat stay valid this long (templates/ledger/dashboard-link.md says 24小时). */
const DASHBOARD_LINK_TTL_MS = 24 * 3600_000;

export function createImportHooks(rt: Runtime): ImportHooks {
  return {
    fetchFile: (platform, file) => rt.channels.fetchFile(platform, file),
    async importDraft(content, fileName) {
      const plan = await importDocument(content, { fileName });
      const saved = await saveImportedPlan(rt.db, plan, { sourceName: fileName });
      rt.metrics.imports.inc({ outcome: 'saved' });
      const warnings = plan.tasks.flatMap((t) => t.warnings.map((w) => ({ path: t.path, warning: w })));
      return {
        planId: saved.planId, title: plan.doc.title ?? fileName, tasks: saved.tasks, units: saved.units, updated: !saved.created,
        noDeadline: plan.tasks.filter((t) => !t.deadlines.some((d) => d.date)).length,
        warnings: [...plan.warnings.map((w) => ({ path: '全文', warning: w })), ...warnings],
      };
    },
    async readLedger(content) {
      if (!(await isLedgerWorkbook(content))) return null;
      const changeSet = await readLedgerChanges(rt.db, content);
      return { reply: reviewReply(changeSet), changeSet };
    },
    async applyLedger(changeSet, actor) {
      const result = await applyLedgerChanges(rt.db, ChangeSet.parse(changeSet), { personId: actor.personId, name: actor.name });
      for (const id of result.taskIds) await remindersOf(rt).rescheduleTask(id);
      return appliedReply(result);
    },
    async activate(planId, actor) {
      await rt.db.plan.update({ where: { id: planId }, data: { status: 'active' } });
      await rt.store.records.audit({ actorId: actor.personId, actorName: actor.name, action: 'activate_plan', planId });
      await reconcileReminders(rt);
    },
  };
}

export function reminderProcessors(rt: Runtime): Processors {
  return remindersOf(rt).processors;
}

export async function reconcileReminders(rt: Runtime): Promise<void> {
  await remindersOf(rt).reconcileAll();
}
