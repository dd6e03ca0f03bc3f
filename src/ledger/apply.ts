/**
 * Applies a confirmed change set in one transaction. Each edit is checked again against
 * the current facts: if someone changed the field between review and confirmation, that
 * edit is skipped and reported, never overwritten. Every write leaves an audit row, which
 * the trail (全程留痕) shows as 台账更正 / 台账新增.
 */
import type { Store } from '../store/index.ts';
import type { AssignmentRoleName, LedgerStore } from '../store/ledger.ts';
import { ChangeSet, type FieldChange, type Note, type UnitsValue } from './change-set.ts';
import { dayOfDate } from './format.ts';
import { fill, labels } from './labels.ts';
import { sameDue, sameSet, splitTargets } from './read-cells.ts';

export interface Actor {
  personId: string | null;
  name: string;
}

export interface ApplyResult {
  applied: number;
  created: number;
  skipped: Note[];
  /** tasks whose deadline or units changed: reminders should be rescheduled */
  taskIds: string[];
}

type Facts = Awaited<ReturnType<LedgerStore['editableFacts']>>[number];

function stillAsReviewed(c: FieldChange, t: Facts): boolean {
  switch (c.field) {
    case 'title': return t.title === c.before;
    case 'targets': return splitTargets(t.targets.join('\n')).join('\n') === splitTargets(c.before.join('\n')).join('\n');
    case 'due': return sameDue({ date: dayOfDate(t.dueDate), kind: t.dueKind }, c.before);
    case 'units': {
      const leads = t.assignments.filter((a) => a.role === 'lead').map((a) => a.unitId);
      const others = t.assignments.filter((a) => a.role !== 'lead').map((a) => a.unitId);
      return sameSet(leads, c.before.leads) && sameSet(others, c.before.others);
    }
  }
}

/** Units with roles: leads 牵头; others keep their role, new ones 配合 (or 责任 when no lead). */
function assignments(u: UnitsValue, existing: Facts['assignments'], names: Map<string, string>) {
  const role = (id: string): AssignmentRoleName => {
    if (u.leads.includes(id)) return 'lead';
    const had = existing.find((a) => a.unitId === id && a.role !== 'lead');
    return had ? (had.role as AssignmentRoleName) : u.leads.length ? 'assist' : 'owner';
  };
  return [...u.leads, ...u.others].map((unitId) => ({ unitId, role: role(unitId), nameAsWritten: u.written[unitId] ?? names.get(unitId) ?? unitId }));
}

export async function applyLedgerChanges(store: Pick<Store, 'transaction'>, changeSet: ChangeSet, actor: Actor): Promise<ApplyResult> {
  const cs = ChangeSet.parse(changeSet);
  const stale = labels().importProblems.stale ?? '';
  return store.transaction(async ({ ledger }) => {
    const w = ledger.writes;
    const facts = new Map((await ledger.editableFacts([...new Set(cs.changes.map((c) => c.taskId))])).map((t) => [t.id, t]));
    const names = await ledger.unitNames();
    const result: ApplyResult = { applied: 0, created: 0, skipped: [], taskIds: [] };
    const audit = (action: string, taskId: string, planId: string, detail: Record<string, string | number>) =>
      w.audit({ actorId: actor.personId, actorName: actor.name, action, taskId, planId, detail });
    for (const c of cs.changes) {
      const t = facts.get(c.taskId);
      if (!t || !stillAsReviewed(c, t)) { result.skipped.push({ sheet: c.sheet, row: c.row, message: `${c.path} ${stale}` }); continue; }
      if (c.field === 'title') await w.setTitle(c.taskId, c.after);
      if (c.field === 'targets') await w.setTargets(c.taskId, c.after);
      if (c.field === 'due') await w.setDue(c.taskId, c.after, c.afterText);
      if (c.field === 'units') await w.setUnits(c.taskId, assignments(c.after, t.assignments, names));
      await audit('ledger_edit', c.taskId, c.planId, { field: c.field, before: c.beforeText, after: c.afterText, sheet: c.sheet, row: c.row });
      result.applied += 1;
      if (c.field === 'due' || c.field === 'units') result.taskIds.push(c.taskId);
    }
    for (const n of cs.creates) {
      if (await w.pathTaken(n.planId, n.path)) {
        result.skipped.push({ sheet: n.sheet, row: n.row, message: fill(labels().importProblems.pathTaken ?? '', { value: n.path }) });
        continue;
      }
      const task = await w.createTask({ ...n, seq: await w.nextSeq(n.planId), raw: n.dueText, units: assignments(n.units, [], names) });
      await audit('ledger_add', task.id, n.planId, { sheet: n.sheet, row: n.row, path: n.path, title: n.title });
      result.created += 1;
      result.taskIds.push(task.id);
    }
    result.taskIds = [...new Set(result.taskIds)];
    return result;
  }, { timeoutMs: 30_000 });
}
