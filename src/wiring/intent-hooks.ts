/**
 * What intents may ask of the rest of the system (IntentHooks): reschedule a changed task,
 * record a "收到", pause or change reminders, sign a dashboard link, build the ledger or the
 * 通报. Each hook loads its feature module on first use.
 */
import type { IntentHooks } from '../commands/intents/types.ts';
import type { Runtime } from '../main.ts';
import { signDashboardLink } from '../dashboard/link.ts';
import { signEvidenceLink } from '../dashboard/evidence-link.ts';
import { seesEverything } from '../commands/speaker.ts';
import type { Store } from '../store/index.ts';
import type { Enqueue } from '../queue/jobs.ts';
import { remindersOf, remindersWithin } from './reminders.ts';

const ledger = () => import('../ledger/index.ts');

/** Dashboard links in chat stay valid this long (templates/ledger/dashboard-link.md says 24小时). */
const DASHBOARD_LINK_TTL_MS = 24 * 3600_000;

/**
 * The hooks of this runtime. With `within` (a message's transaction and an enqueue that waits
 * for its commit), reminder changes — rescheduling, pauses, policies, "收到" — are written in
 * that transaction: they commit with the message, or not at all.
 */
export function createHooks(rt: Runtime, within?: { store: Store; enqueue: Enqueue }): IntentHooks {
  const reminders = () => (within ? remindersWithin(rt, within.store, within.enqueue) : remindersOf(rt));
  return {
    taskChanged: async (taskId) => void (await (await reminders()).rescheduleTask(taskId)),
    // 签收 connects here: a task that reached a unit (交办, 改派) waits for the unit's receipt
    // 交办, 改派, a unit correction: 签收 starts for the units the task reached (a 改派 back to a unit asks it again)
    taskReachedUnits: async (a) => void (await (await reminders()).startSigning({ taskIds: [a.taskId], unitIds: a.unitIds, restart: a.via === 'reassign', told: a.via !== 'correction' }, a.at)),
    planChanged: async () => void (await (await reminders()).reconcileAll()),
    recordAck: async (a) => {
      const r = await (await reminders()).recordAck(a);
      if (r) rt.metrics.reminders.inc({ outcome: 'acknowledged' });
      return r ? { tasks: r.tasks, signed: r.signed } : null;
    },
    unsigned: async ({ unitId, now }) => (await reminders()).unsigned(unitId, now),
    startSigning: async (a) => (await reminders()).startSigning(a),
    pause: async (a) => (await reminders()).pause(a),
    reminderPolicy: async (a) => (await reminders()).policy(a),
    dashboardLink: ({ speaker, planId }) => {
      if (!rt.links) {
        rt.log.warn('a dashboard link was asked for, but DASHBOARD_SECRET is unset: the dashboard is off');
        return null;
      }
      // Leaders and admins see everything; a unit member sees their unit's tasks; nobody else gets a link.
      const unitId = seesEverything(speaker) ? undefined : speaker.unitId;
      if (!speaker.personId || unitId === null) return null;
      const now = rt.clock.now();
      const { path, id } = signDashboardLink(rt.links, { personId: speaker.personId, scope: { planId, unitId }, expiresAt: new Date(now.getTime() + DASHBOARD_LINK_TTL_MS), now });
      rt.log.info({ linkId: id, personId: speaker.personId, unitId: unitId ?? null }, 'dashboard link signed');
      return rt.config.PUBLIC_BASE_URL.replace(/\/$/, '') + path;
    },
    evidenceLink: ({ personId, taskId }) => {
      if (!rt.links) return null;
      const now = rt.clock.now();
      const { path, id } = signEvidenceLink(rt.links, { personId, taskId, now });
      rt.log.info({ linkId: id, personId, taskId }, 'evidence link signed');
      return rt.config.PUBLIC_BASE_URL.replace(/\/$/, '') + path;
    },
    exportLedger: async ({ now }) => {
      const l = await ledger();
      return { name: l.ledgerFileName(now), content: await l.exportLedger(rt.store.ledger, { now, rules: rt.config.ASSESSMENT_RULES, baseUrl: rt.config.PUBLIC_BASE_URL }) };
    },
    bulletin: async ({ now }) => (await (await ledger()).buildBulletin(rt.store.ledger, { now, rules: rt.config.ASSESSMENT_RULES })).markdown(),
  };
}

