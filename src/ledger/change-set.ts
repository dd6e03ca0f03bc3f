/**
 * A reviewed change set: what an edited ledger would change, listed for a person to
 * confirm before anything is written. Plain JSON (zod schema) so the chat dialogue can
 * keep it in PendingDialog between "here is what will change" and "确认".
 */
import { z } from 'zod';
import { Due } from './snapshot.ts';

const Where = { sheet: z.string(), row: z.number().int() };
const Target = { ...Where, taskId: z.string(), planId: z.string(), path: z.string(), title: z.string(), beforeText: z.string(), afterText: z.string() };
const Units = z.object({ leads: z.array(z.string()), others: z.array(z.string()), written: z.record(z.string(), z.string()) });

export const FieldChange = z.discriminatedUnion('field', [
  z.object({ kind: z.literal('update'), field: z.literal('title'), before: z.string(), after: z.string(), ...Target }),
  z.object({ kind: z.literal('update'), field: z.literal('targets'), before: z.array(z.string()), after: z.array(z.string()), ...Target }),
  z.object({ kind: z.literal('update'), field: z.literal('due'), before: Due, after: Due, ...Target }),
  z.object({ kind: z.literal('update'), field: z.literal('units'), before: Units, after: Units, ...Target }),
]);
export type FieldChange = z.infer<typeof FieldChange>;
export type UnitsValue = z.infer<typeof Units>;

export const NewTask = z.object({
  kind: z.literal('create'), ...Where, planId: z.string(), path: z.string(), pathKey: z.string(), title: z.string(), targets: z.array(z.string()),
  due: Due, dueText: z.string(), units: Units, unitsText: z.string(),
});
export type NewTask = z.infer<typeof NewTask>;

const Note = z.object({ ...Where, message: z.string() });
export type Note = z.infer<typeof Note>;

export const ChangeSet = z.object({
  version: z.literal(1),
  exportedAt: z.string(),
  changes: z.array(FieldChange),
  creates: z.array(NewTask),
  /** rows that could not be read, by row number: nothing of them is applied */
  problems: z.array(Note),
  /** edits that will not be applied because the system changed since the export */
  conflicts: z.array(Note),
  /** edits to columns the record fills (进度, 状态 …): shown, not applied */
  ignored: z.array(Note),
  /** exported tasks whose rows were removed: nothing is deleted */
  missing: z.array(z.object({ sheet: z.string(), path: z.string(), title: z.string() })),
});
export type ChangeSet = z.infer<typeof ChangeSet>;

export function emptyChangeSet(exportedAt = ''): ChangeSet {
  return { version: 1, exportedAt, changes: [], creates: [], problems: [], conflicts: [], ignored: [], missing: [] };
}

/** True when applying would change something. */
export function hasChanges(cs: ChangeSet): boolean {
  return cs.changes.length + cs.creates.length > 0;
}
