/**
 * What the import dialogue may ask (ImportHooks): fetch a file from its platform, read a
 * plan document into a saved draft, read an edited ledger into a change set and apply it,
 * activate a plan. The importer and exceljs load on first use.
 */
import type { AssignDraft, ImportHooks } from '../conversation/import-plan.ts';
import type { Runtime } from '../main.ts';
import { forgetUnitDirectory } from '../conversation/handle-message.ts';
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';
import { reconcileReminders, remindersOf } from './reminders.ts';
import { cycleLabel } from '../tasks/cycles.ts';
import { chinaCalendar } from '../tasks/calendar.ts';

const ledger = () => import('../ledger/index.ts');
const assignReader = () => Promise.all([import('../importer/assign/read-assignment.ts'), import('../importer/assign/assignment-plan.ts')]);
const importer = () => Promise.all([import('../importer/index.ts'), import('../importer/save.ts')]);

export function createImportHooks(rt: Runtime): ImportHooks {
  return {
    fetchFile: (platform, file) => rt.channels.fetchFile(platform, file),
    openFile: (platform, file) => rt.channels.openFile(platform, file),
    async importDraft(content, fileName) {
      const [{ importDocument, withoutDeadline, pastDue }, { saveImportedPlan }] = await importer();
      const plan = await importDocument(content, { fileName });
      const today = shanghaiDay(rt.clock.now());
      const saved = await saveImportedPlan(rt.store.plans, plan, { sourceName: fileName });
      rt.metrics.imports.inc({ outcome: 'saved' });
      forgetUnitDirectory(rt.store);
      const warnings = plan.tasks.flatMap((t) => t.warnings.map((w) => ({ path: t.path, warning: w })));
      return {
        planId: saved.planId, title: plan.doc.title ?? fileName, tasks: saved.tasks, units: saved.units, updated: !saved.created,
        meeting: plan.origin?.kind === 'meeting' ? plan.origin.meeting ?? '会议' : null,
        noDeadline: withoutDeadline(plan),
        pastDue: pastDue(plan, today),
        today: chineseDate(today),
        cycle: plan.doc.reportCycle ? cycleLabel(plan.doc.reportCycle) : null,
        warnings: [...plan.warnings.map((w) => ({ path: '全文', warning: w })), ...warnings],
      };
    },
    async readLedger(content) {
      const l = await ledger();
      if (!(await l.isLedgerWorkbook(content))) return null;
      const changeSet = await l.readLedgerChanges(rt.store.ledger, content);
      return { reply: l.reviewReply(changeSet), changeSet };
    },
    async applyLedger(changeSet, actor) {
      const l = await ledger();
      const result = await l.applyLedgerChanges(rt.store, l.ChangeSet.parse(changeSet), { personId: actor.personId, name: actor.name });
      forgetUnitDirectory(rt.store);
      const reminders = await remindersOf(rt);
      for (const id of result.taskIds) await reminders.rescheduleTask(id);
      return l.appliedReply(result);
    },
    assignDraft: (text, ctx) => saveAssignmentDraft(rt, text, ctx),
    async activate(planId, actor, messageId, as) {
      await rt.store.transaction(async (tx) => {
        const before = { plan: await tx.changes.planBefore(planId) };
        await tx.plans.setStatus(planId, 'active');
        // a 交办 is recorded on its task too: the task's history shows it, and 撤销 takes it back
        await tx.changes.record({ actorId: actor.personId, actorName: actor.name, action: as?.action ?? 'activate_plan', planId, taskId: as?.taskId ?? null, messageId, before });
      });
      await reconcileReminders(rt);
      const [ungrouped, active] = await Promise.all([rt.store.directory.planUnitsWithoutGroup(planId), rt.store.tasks.activePlans()]);
      return { ungrouped: ungrouped.map((u) => u.name), otherPlans: active.filter((p) => p.id !== planId).length };
    },
  };
}


/**
 * A 交办 → a draft plan of one task, saved like an imported document. Units the directory does
 * not know are asked about (nothing is saved); so is a 交办 naming no unit.
 */
async function saveAssignmentDraft(rt: Runtime, text: string, ctx: { now: Date; messageId: string; leader?: string | null }): Promise<AssignDraft> {
  const [{ readAssignment }, { assignmentPlan }] = await assignReader();
  const directory = await rt.store.directory.units();
  const read = readAssignment(text, { now: ctx.now, units: directory, calendar: chinaCalendar });
  // a 批示 a leader writes without signing it is that leader's
  const r = read.source.kind === 'instruction' && !read.source.leader && ctx.leader ? { ...read, source: { ...read.source, leader: ctx.leader } } : read;
  if (r.unknownUnits.length || !r.units.length) return { unknown: r.unknownUnits, known: r.units };
  const number = (await rt.store.plans.assignmentCount()) + 1;
  const draft = assignmentPlan(r, { number, key: ctx.messageId, today: shanghaiDay(ctx.now) });
  const saved = await rt.store.plans.saveDraft(draft, { sourceName: '交办' });
  const units = directory.filter((u) => r.units.includes(u.name)).map((u) => ({ id: u.id, name: u.name }));
  return {
    planId: saved.planId, taskId: (await rt.store.plans.taskIds(saved.planId))[0]!, path: draft.tasks[0]!.path, title: draft.doc.title!, work: r.work,
    origin: { kind: r.source.kind, leader: r.source.leader, meeting: r.source.meeting, text: draft.origin.text },
    lead: r.leadUnits, assist: r.assistUnits, others: r.units.filter((u) => !r.leadUnits.includes(u) && !r.assistUnits.includes(u)),
    deadline: r.deadline ? chineseDate(r.deadline.date) : null, deadlineRaw: r.deadline?.raw ?? null, units,
  };
}
