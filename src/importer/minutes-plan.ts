/**
 * Minutes → the decided items of that meeting as a plan (会议议定事项): the outline is read as
 * for any plan; an item's owners, where no 责任单位 marker names them, are the bodies its
 * sentences give the work to (extract-minutes.ts); an item that names neither an owner nor a
 * day is a record of discussion, not a task. The plan carries the meeting as its origin.
 */
import { AppError } from '../lib/errors.ts';
import type { ImportedPlan, RawDocument } from './types.ts';
import { buildPlan } from './build-plan.ts';
import { minutesOwners, type MeetingFacts } from './extract-minutes.ts';
import { pastDayOf } from './assign/past-day.ts';

export function minutesPlan(doc: RawDocument, meeting: MeetingFacts): ImportedPlan {
  const plan = buildPlan(doc);
  const tasks = plan.tasks
    .map((t) => {
      if (t.units.length) return t;
      const owners = minutesOwners(t.text);
      return { ...t, units: owners, warnings: owners.length ? t.warnings.filter((w) => !/责任单位/.test(w)) : t.warnings };
    })
    .filter((t) => t.units.length || t.deadlines.some((d) => d.kind === 'date' && d.date));
  if (!tasks.length) throw new AppError('NO_TASKS', {});
  const issued = plan.doc.issuedAt;
  // a day without its year is the latest such day before the minutes were issued
  const hasYear = /\d{4}\s*年/.test(meeting.dateRaw ?? '');
  const meetingDate = meeting.dateRaw && (hasYear || issued) ? pastDayOf(meeting.dateRaw, issued ?? '9999-12-31') : null;
  return {
    ...plan,
    doc: { ...plan.doc, title: plan.doc.title ?? (meeting.name ? `${meeting.name}纪要` : null) },
    tasks,
    origin: { kind: 'meeting', leader: null, text: null, meeting: meeting.name, meetingDate },
  };
}
