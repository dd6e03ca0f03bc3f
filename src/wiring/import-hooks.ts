/**
 * What the import dialogue may ask (ImportHooks): fetch a file from its platform, read a
 * plan document into a saved draft, read an edited ledger into a change set and apply it,
 * activate a plan. The importer and exceljs load on first use.
 */
import type { ImportHooks } from '../conversation/import-plan.ts';
import type { Runtime } from '../main.ts';
import { forgetUnitDirectory } from '../conversation/handle-message.ts';
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';
import { reconcileReminders, remindersOf } from './reminders.ts';

const ledger = () => import('../ledger/index.ts');
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
        noDeadline: withoutDeadline(plan),
        pastDue: pastDue(plan, today),
        today: chineseDate(today),
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
    async activate(planId, actor, messageId) {
      await rt.store.transaction(async (tx) => {
        const before = { plan: await tx.changes.planBefore(planId) };
        await tx.plans.setStatus(planId, 'active');
        await tx.changes.record({ actorId: actor.personId, actorName: actor.name, action: 'activate_plan', planId, messageId, before });
      });
      await reconcileReminders(rt);
      const [ungrouped, active] = await Promise.all([rt.store.directory.planUnitsWithoutGroup(planId), rt.store.tasks.activePlans()]);
      return { ungrouped: ungrouped.map((u) => u.name), otherPlans: active.filter((p) => p.id !== planId).length };
    },
  };
}

