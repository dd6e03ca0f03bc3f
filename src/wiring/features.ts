/**
 * The hooks intents and the import dialogue use, built from the feature modules
 * (reminders, ledger, dashboard, importer). Part of the composition root. Feature modules
 * are imported on first use: a web process never loads the importer, the parser or
 * exceljs, which keeps its memory small.
 */
import type { IntentHooks } from '../commands/intents/types.ts';
import type { ImportHooks } from '../conversation/import-plan.ts';
import type { Processors } from '../queue/queues.ts';
import type { Runtime } from '../main.ts';
import type { Reminders } from '../reminders/index.ts';
import { forgetUnitDirectory } from '../conversation/handle-message.ts';
import { signDashboardLink } from '../dashboard/link.ts';
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';

const ledger = () => import('../ledger/index.ts');
const importer = () => Promise.all([import('../importer/index.ts'), import('../importer/save.ts')]);

const REMINDERS = new WeakMap<Runtime, Promise<Reminders>>();

/** The reminders module for this runtime, created once. */
export function remindersOf(rt: Runtime): Promise<Reminders> {
  let r = REMINDERS.get(rt);
  if (!r) {
    r = Promise.all([import('../reminders/index.ts'), import('../tasks/calendar.ts'), import('../reminders/policy-config.ts')]).then(([m, cal, policy]) => {
      const office = policy.PolicyOverrides.safeParse(rt.config.REMINDER_POLICY ?? {});
      if (!office.success) throw new Error(`配置错误 REMINDER_POLICY: ${office.error.issues[0]?.path.join('.')} ${office.error.issues[0]?.message}`);
      const base = { hour: rt.config.REMINDER_HOUR, ...office.data };
      const weeklyBulletin = async (now: Date) => {
        const b = await (await ledger()).buildBulletin(rt.db, { now, rules: rt.config.ASSESSMENT_RULES });
        return { name: b.fileName, content: await b.docx() };
      };
      return m.createReminders({ db: rt.db, enqueue: rt.enqueue, senders: rt.senders, calendar: cal.chinaCalendar, clock: rt.clock, log: rt.log, options: { base }, weeklyBulletin });
    });
    REMINDERS.set(rt, r);
  }
  return r;
}

/** Dashboard links in chat stay valid this long (templates/ledger/dashboard-link.md says 24小时). */
const DASHBOARD_LINK_TTL_MS = 24 * 3600_000;

export function createHooks(rt: Runtime): IntentHooks {
  return {
    taskChanged: async (taskId) => void (await (await remindersOf(rt)).rescheduleTask(taskId)),
    recordAck: async (a) => {
      const r = await (await remindersOf(rt)).recordAck(a);
      if (r) rt.metrics.reminders.inc({ outcome: 'acknowledged' });
      return r ? { tasks: r.tasks } : null;
    },
    pause: async (a) => (await remindersOf(rt)).pause(a),
    reminderPolicy: async (a) => (await remindersOf(rt)).policy(a),
    dashboardLink: ({ planId }) => {
      if (!rt.dashboardSecret) {
        rt.log.warn('a dashboard link was asked for, but DASHBOARD_SECRET is unset: the dashboard is off');
        return null;
      }
      const expiresAt = new Date(rt.clock.now().getTime() + DASHBOARD_LINK_TTL_MS);
      return rt.config.PUBLIC_BASE_URL.replace(/\/$/, '') + signDashboardLink(rt.dashboardSecret, { planId, expiresAt });
    },
    exportLedger: async ({ now }) => {
      const l = await ledger();
      return { name: l.ledgerFileName(now), content: await l.exportLedger(rt.db, { now, rules: rt.config.ASSESSMENT_RULES }) };
    },
    bulletin: async ({ now }) => (await (await ledger()).buildBulletin(rt.db, { now, rules: rt.config.ASSESSMENT_RULES })).markdown(),
  };
}

export function createImportHooks(rt: Runtime): ImportHooks {
  return {
    fetchFile: (platform, file) => rt.channels.fetchFile(platform, file),
    async importDraft(content, fileName) {
      const [{ importDocument, withoutDeadline, pastDue }, { saveImportedPlan }] = await importer();
      const plan = await importDocument(content, { fileName });
      const today = shanghaiDay(rt.clock.now());
      const saved = await saveImportedPlan(rt.db, plan, { sourceName: fileName });
      rt.metrics.imports.inc({ outcome: 'saved' });
      forgetUnitDirectory(rt.store);
      const warnings = plan.tasks.flatMap((t) => t.warnings.map((w) => ({ path: t.path, warning: w })));
      return {
        planId: saved.planId, title: plan.doc.title ?? fileName, tasks: saved.tasks, units: saved.units, updated: !saved.created,
        noDeadline: withoutDeadline(plan),
        pastDue: pastDue(plan, today),
        today: chineseDate(today),
        warnings: [...plan.warnings.map((w) => ({ path: '全文', warning: w })), ...warnings],
      };
    },
    async readLedger(content) {
      const l = await ledger();
      if (!(await l.isLedgerWorkbook(content))) return null;
      const changeSet = await l.readLedgerChanges(rt.db, content);
      return { reply: l.reviewReply(changeSet), changeSet };
    },
    async applyLedger(changeSet, actor) {
      const l = await ledger();
      const result = await l.applyLedgerChanges(rt.db, l.ChangeSet.parse(changeSet), { personId: actor.personId, name: actor.name });
      forgetUnitDirectory(rt.store);
      const reminders = await remindersOf(rt);
      for (const id of result.taskIds) await reminders.rescheduleTask(id);
      return l.appliedReply(result);
    },
    async activate(planId, actor) {
      await rt.db.plan.update({ where: { id: planId }, data: { status: 'active' } });
      await rt.store.records.audit({ actorId: actor.personId, actorName: actor.name, action: 'activate_plan', planId });
      await reconcileReminders(rt);
      const [ungrouped, active] = await Promise.all([rt.store.directory.planUnitsWithoutGroup(planId), rt.store.tasks.activePlans()]);
      return { ungrouped: ungrouped.map((u) => u.name), otherPlans: active.filter((p) => p.id !== planId).length };
    },
  };
}

export function reminderProcessors(rt: Runtime): Processors {
  return {
    'send-reminder': async (p, j) => (await remindersOf(rt)).processors['send-reminder']!(p, j),
    'resend-reminder': async (p, j) => (await remindersOf(rt)).processors['resend-reminder']!(p, j),
  };
}

export async function reconcileReminders(rt: Runtime): Promise<void> {
  await (await remindersOf(rt)).reconcileAll();
}
