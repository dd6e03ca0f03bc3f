/**
 * A 交办 read from chat → the same draft a plan document becomes (one task), so that it goes
 * the plans' way: saved as a draft, shown for review, activated on 确认 (units told, reminders
 * scheduled), undone like an activation. The task is numbered on from the 交办 before it (the
 * 5th 交办 is task 5), so it can be named in chat like any task ("5 改由民政局牵头").
 */
import { createHash } from 'node:crypto';
import type { ImportedPlan, PlanOrigin } from '../types.ts';
import type { AssignmentReading } from './read-assignment.ts';
import { pastDayOf } from './past-day.ts';

export interface AssignmentDraft extends ImportedPlan {
  origin: PlanOrigin;
}

/** Titles say where the task comes from: 张建国批示：…, 区政府第12次常务会议议定：…, 交办：…. */
export function assignmentTitle(r: Pick<AssignmentReading, 'source' | 'work'>): string {
  if (r.source.kind === 'instruction') return `${r.source.leader ?? '领导'}批示：${r.work}`;
  if (r.source.kind === 'meeting') return `${r.source.meeting ?? '会议'}议定：${r.work}`;
  return `交办：${r.work}`;
}

/** `key` makes the draft's identity (the message id: handling the message again updates the same draft). */
export function assignmentPlan(r: AssignmentReading, opts: { number: number; key: string; today: string }): AssignmentDraft {
  const path = String(opts.number);
  return {
    doc: { title: assignmentTitle(r), issuer: null, docNumber: null, issuedAt: opts.today, planPeriod: null },
    tasks: [{
      path, pathKey: path, seq: 1, title: r.work, text: r.text,
      leadUnits: r.leadUnits, assistUnits: r.assistUnits, units: r.units,
      deadlines: r.deadline ? [{ raw: r.deadline.raw, date: r.deadline.date, kind: 'date' }] : [],
      targets: [], recurring: null, warnings: [],
    }],
    warnings: [],
    sourceHash: createHash('sha256').update(`assign:${opts.key}`).digest('hex'),
    origin: {
      kind: r.source.kind,
      leader: r.source.leader,
      text: r.source.instruction ?? (r.source.kind === 'other' ? r.text : null),
      meeting: r.source.meeting,
      meetingDate: r.source.kind === 'meeting' && r.source.dateRaw ? pastDayOf(r.source.dateRaw, opts.today) : null,
    },
  };
}
