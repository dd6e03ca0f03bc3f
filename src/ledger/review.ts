/**
 * The chat texts of a ledger import: the change set listed for review ("确认"/"取消"),
 * and the result after applying. Returned as reply specs (template key + data) so the
 * conversation layer renders and sends them like any other answer.
 */
import type { ChangeSet, Note } from './change-set.ts';
import { hasChanges } from './change-set.ts';
import type { ApplyResult } from './apply.ts';
import { shanghaiStamp } from './format.ts';
import { fill, labels } from './labels.ts';
import { templateSource } from '../render/render.ts';

export interface LedgerReply {
  key: `ledger/${string}`;
  data: Record<string, unknown>;
  listKey?: string;
}

/** 「测试方案」第5行 */
function where(sheet: string, row: number): string {
  return row > 0 ? `「${sheet}」第${row}行` : sheet ? `「${sheet}」` : '';
}

const notes = (list: Note[]) => list.map((n) => ({ where: where(n.sheet, n.row), message: n.message }));

/** One line per change, from templates/ledger/import-item.md. */
export function changeLines(cs: ChangeSet): string[] {
  const item = templateSource('ledger/import-item', 'console');
  const f = labels().fields;
  return [
    ...cs.changes.map((c) => fill(item, { update: true, where: where(c.sheet, c.row), path: c.path, title: c.title, field: f[c.field], before: c.beforeText, after: c.afterText })),
    ...cs.creates.map((n) => fill(item, { create: true, where: where(n.sheet, n.row), path: n.path, title: n.title, units: n.unitsText, due: n.dueText })),
  ];
}

export function reviewReply(cs: ChangeSet): LedgerReply {
  const exportedAt = cs.exportedAt ? shanghaiStamp(new Date(cs.exportedAt)) : '';
  return {
    key: 'ledger/import-review',
    listKey: 'items',
    data: {
      exportedAt, hasChanges: hasChanges(cs), items: changeLines(cs).map((text) => ({ text })),
      problems: notes(cs.problems), conflicts: notes(cs.conflicts), ignored: notes(cs.ignored),
      missingCount: cs.missing.length, missingList: cs.missing.slice(0, 5).map((m) => `${m.path} ${m.title}`).join('、') + (cs.missing.length > 5 ? '等' : ''),
    },
  };
}

export function appliedReply(r: ApplyResult): LedgerReply {
  return { key: 'ledger/import-applied', data: { applied: r.applied, created: r.created, skipped: notes(r.skipped) } };
}
