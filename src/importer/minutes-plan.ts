/**
 * Minutes → the decided items of that meeting as a plan (会议议定事项): the outline is read as
 * for any plan; an item's owners, where no 责任单位 marker names them, are the bodies its
 * sentences give the work to (extract-minutes.ts); an item that names neither an owner nor a
 * day is a record of discussion, not a task. The plan carries the meeting as its origin.
 */
import { AppError } from '../lib/errors.ts';
import type { ImportedDeadline, ImportedPlan, RawDocument } from './types.ts';
import { buildPlan } from './build-plan.ts';
import { minutesOwners, type MeetingFacts } from './extract-minutes.ts';
import { pastDayOf } from './assign/past-day.ts';

export function minutesPlan(doc: RawDocument, meeting: MeetingFacts): ImportedPlan {
  const plan = buildPlan(doc, minutesOwners);
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
    tasks: meetingDate ? tasks.map((t) => ({ ...t, deadlines: t.deadlines.map((d) => datedAfter(d, meetingDate)) })) : tasks,
    origin: { kind: 'meeting', leader: null, text: null, meeting: meeting.name, meetingDate },
  };
}

/** A month and day written without a year, in minutes of a known day: the first such day after the meeting. */
function datedAfter(d: ImportedDeadline, meetingDate: string): ImportedDeadline {
  if (d.date) return d;
  const m = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/.exec(d.raw);
  if (!m) return d;
  const pad = (n: string) => n.padStart(2, '0');
  let day = `${meetingDate.slice(0, 4)}-${pad(m[1]!)}-${pad(m[2]!)}`;
  if (day < meetingDate) day = `${Number(meetingDate.slice(0, 4)) + 1}${day.slice(4)}`;
  return { ...d, date: day, kind: 'date' };
}
