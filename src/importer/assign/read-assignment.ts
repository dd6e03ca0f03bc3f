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
  // s from `a` to `b`, each unit named in it marked \u0000 (unit spans are offsets in `s`)
  const marked = (a: number, b: number) => [...unitSpans].filter((x) => x.start >= a && x.end <= b).sort((x, y) => y.start - x.start)
    .reduce((t, sp) => t.slice(0, sp.start - a) + '\u0000' + t.slice(sp.end - a), s.slice(a, b));
  // a sentence's parts that only name the assignees (由A牵头、会同B) or the time (12月20日前完成) are no part of the work;
  // a time before the deliverable ("下周五前报初步方案") leaves the deliverable
  const timeOnly = limit ? s.slice(limit.start, limit.end) : null;
  const parts = (c: string) => c.replace(LABEL, '').split(/[,，]/)
    .map((part) => part.replace(/(?:由|请|要求|责成)?(?:会同|联合|协同|商)?\u0000(?:[、和及与\u0000]|\s)*(?:等单位|等部门)?(?:牵头|负责|配合|协助|会同|承办|办理)?/g, '').replace(/\u0000/g, ''))
    .map((part) => (timeOnly ? part.replace(timeOnly, '').replace(/^(?:前|之前|以前)/, '') : part).trim())
    .map((part) => part.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, ''))
    .filter((part) => part.length >= 2 && !/^(?:完成|办结|办好)$/.test(part));
  const clauses = marked(from, s.length).split(/[。;；\n]/).map((c) => parts(c).join('，'));
  const work = clauses.find((c) => c.length >= 4);
  // with no work said before the time limit, the clause after it is the work (…前报送冬季流感防控工作方案)
  const before = limit && limit.start >= from ? parts(marked(from, limit.start).replace(/[^。;；\n]*[。;；\n]/g, '')).join('') : '';
  if (limit && before.length < 4) {
    const clause = s.slice(limit.end).replace(/^[\s,，]+/, '').split(/[。;；\n]/)[0]!.replace(/^(?:完成|办结)(?=.)/, '').trim();
    if (clause.length >= 4 && !/^[\d.]+$/.test(clause)) return tidy(clause);
  }
  return tidy(work ?? s);
}

/** A label before the instruction (批示：, 交办：, 会议要求：): it names the kind of text, not the work. */
const LABEL = /^\s*[\u4e00-\u9fff]{1,8}\s*[:：]/;

/** The work as a title: the reader's half-width punctuation back to Chinese. */
function tidy(t: string): string {
  return t.replace(/,/g, '，').replace(/;/g, '；').replace(/:/g, '：').replace(/^[\s,，:：、]+|[\s,，。、]+$/g, '').replace(/^(?:请|并|要|抓紧|尽快|把|将)+/, '').slice(0, 80);
}
