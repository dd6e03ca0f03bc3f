/**
 * A 交办 as written in chat → what the office registers: who assigns it (a leader's 批示, a
 * meeting's decided item, or neither), the units and their roles, the time limit relative to the
 * day the message was sent, and the work. Examples:
 *   交办：请区卫健局牵头、医保分局配合，12月20日前报送冬季流感防控工作方案
 *   把这件事交给民政局，下周五前办结
 *   「请卫健局牵头研究，月底前报结果。」张建国 11.19
 * Pure: the unit directory, the day and the calendar are parameters.
 */
import { normalise } from '../../commands/parse/normalise.ts';
import type { UnitEntry } from '../../commands/parse/unit.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import type { WorkCalendar } from '../../tasks/calendar.ts';
import { readDeadline } from './read-deadline.ts';
import { readRoles } from './read-roles.ts';
import { readSource, type AssignmentSource } from './read-source.ts';

export interface AssignmentReading {
  source: Omit<AssignmentSource, 'spans'>;
  units: string[];
  leadUnits: string[];
  assistUnits: string[];
  /** names in an assignee's place that the directory does not know: the draft asks, never guesses */
  unknownUnits: string[];
  deadline: { raw: string; date: string } | null;
  /** the work to do, as written (a title for the task) */
  work: string;
  /** the whole text, as sent */
  text: string;
}

/** The words that open a 交办 and carry no content of their own. */
export const ASSIGN_LEAD_IN = /^\s*(?:@\S+\s*)*(?:\[?交办\]?\s*[:：]?|交办事项\s*[:：]|转办\s*[:：]|督办交办\s*[:：])\s*/;

export function readAssignment(text: string, ctx: { now: Date; units: UnitEntry[]; calendar: WorkCalendar }): AssignmentReading {
  const raw = text.replace(ASSIGN_LEAD_IN, '');
  const s = normalise(raw).s;
  const source = readSource(s);
  const roles = readRoles(s, ctx.units, source.spans);
  const deadline = readDeadline(s, shanghaiDay(ctx.now), ctx.calendar, [...source.spans, ...roles.spans]);
  const { spans: _spans, ...sourceFacts } = source;
  return {
    source: sourceFacts,
    units: roles.units,
    leadUnits: roles.leadUnits,
    assistUnits: roles.assistUnits,
    unknownUnits: roles.unknownUnits,
    deadline: deadline ? { raw: deadline.raw, date: deadline.date } : null,
    work: workOf(s, deadline?.span ?? null, roles.spans, source),
    text: text.trim(),
  };
}

/**
 * The work: the clause after the time limit (…前报送冬季流感防控工作方案), else the instruction's
 * clause with the assignees and their role words taken out (请卫健局牵头研究 → 研究).
 */
function workOf(s: string, limit: { start: number; end: number } | null, unitSpans: { start: number; end: number }[], source: AssignmentSource): string {
  const from = source.instruction ? Math.max(0, s.indexOf(source.instruction.slice(0, 6))) : 0;
  const body = s.slice(from);
  if (limit) {
    const after = s.slice(limit.end).replace(/^[\s,，]+/, '');
    const clause = after.split(/[。;；\n]/)[0]!.replace(/^(?:完成|办结)(?=.)/, '').trim();
    if (clause.length >= 4 && !/^[\d.]+$/.test(clause)) return tidy(clause);
  }
  let text = body;
  // unit spans are offsets in `s`; the body starts at `from`
  for (const sp of [...unitSpans].filter((x) => x.start >= from).sort((a, b) => b.start - a.start)) text = text.slice(0, sp.start - from) + '\u0000' + text.slice(sp.end - from);
  // a sentence's parts that only name the assignees (由A牵头、B配合) or the time (12月20日前完成) are no part of the work
  const timeOnly = limit ? s.slice(limit.start, limit.end) : null;
  const clauses = text.split(/[。;；\n]/).map((c) => c.split(/[,，]/)
    .map((part) => part.replace(/(?:由|请|要求|责成)?\u0000(?:[、和及与\u0000]|\s)*(?:等单位|等部门)?(?:牵头|负责|配合|协助|会同|承办|办理)?/g, '').replace(/\u0000/g, '').trim())
    .filter((part) => part.length >= 2 && !(timeOnly && part.replace(timeOnly, '').replace(/^(?:前|之前|以前)?(?:完成|办结|办好)?$/, '') === ''))
    .join('，'));
  return tidy(clauses.find((c) => c.length >= 4) ?? s);
}

/** The work as a title: the reader's half-width punctuation back to Chinese. */
function tidy(t: string): string {
  return t.replace(/,/g, '，').replace(/;/g, '；').replace(/:/g, '：').replace(/^[\s,，:：、]+|[\s,，。、]+$/g, '').replace(/^(?:请|并|要|抓紧|尽快|把|将)+/, '').slice(0, 80);
}
