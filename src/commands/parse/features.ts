/**
 * Everything the intent rules look at, read once from a message: the slots found in the
 * reply (task paths, keywords, units, dates, percentage, window), the task of a quoted
 * reminder, and the lexicon flags.
 */
import { shanghaiDay } from '../../lib/shanghai.ts';
import { toToday, type Today } from './date-math.ts';
import { findDates, type DateHit } from './dates.ts';
import * as L from './lexicon.ts';
import { quoteConcernsWork, splitMessage, type Message } from './message.ts';
import { hasNodEmoji, rawSlice } from './normalise.ts';
import { findProgress } from './numbers.ts';
import type { ParseContext } from './schema.ts';
import { findKeywordRef, findSubjectRef, namesNoTask, NOT_A_TITLE, sentenceAt, usable } from './task-keyword.ts';
import type { Span } from './spans.ts';
import { findTaskRefs, type TaskRef } from './task-ref.ts';
import { findUnits, findUnitSlip, pickUnit, type UnitHit, type UnitSlip } from './unit.ts';
import { findWindow, type WindowHit } from './window.ts';

export interface Features {
  msg: Message;
  /** the normalised reply */
  s: string;
  /** the reply without spaces and punctuation */
  bare: string;
  today: Today;
  refs: TaskRef[];
  keyword: TaskRef | null;
  subject: TaskRef | null;
  /** the task path of a quoted reminder naming exactly one task */
  quoteTask: string | null;
  /** the quoted message names a task or a request: a reply to it is about that (a quoted "好的，收到。" is about nothing) */
  quoteMatters: boolean;
  units: UnitHit[];
  unit: UnitHit | null;
  /** a unit name slipped by sound, read as the unit (民正局 → 区民政局) */
  unitSlip: UnitSlip | null;
  dates: DateHit[];
  percent: number | null;
  /** a progress figure above 100 (进度120%): not a percentage, but written */
  percentOver: number | null;
  /** where the progress figure was read */
  percentAt: Span | null;
  window: WindowHit | null;
  nod: boolean;
  f: Record<keyof typeof FLAGS, boolean>;
}

const FLAGS = {
  help: L.HELP, howTo: L.HOW_TO, smallTalk: L.SMALL_TALK, notice: L.NOTICE, ack: L.ACK, promise: L.PROMISE,
  question: L.QUESTION, lookup: L.LOOKUP, extension: L.EXTENSION, extPermission: L.EXT_PERMISSION,
  extStatus: L.EXT_STATUS, done: L.DONE, notDone: L.NOT_DONE, partial: L.PARTIAL, vague: L.VAGUE_AMOUNT, expected: L.EXPECTED,
  progress: L.PROGRESS, overdue: L.OVERDUE, due: L.DUE, summary: L.SUMMARY, ranking: L.RANKING,
  unitSelf: L.UNIT_SELF, unitQuery: L.UNIT_QUERY,
};

const PUNCT = /[\s,，。.;；:：!！?？~～…、"'“”‘’()（）\[\]【】<>《》\-—_/\\|*#]+/g;

/** Reads the features of `text`; pure, bounded work on any input. `exact`: no slip of input is read as a word. */
export function readFeatures(text: string, ctx: ParseContext, exact = false): Features {
  const msg = splitMessage(text, exact);
  const n = msg.body;
  const s = n.s;
  const today = toToday(shanghaiDay(ctx.now));
  const refs = findTaskRefs(n);
  const dates = findDates(s, { t: today, calendar: ctx.calendar }, refs);
  let units = findUnits(s, ctx.units, refs);
  const unitSlip = units.length || exact ? null : findUnitSlip(s, ctx.units, refs);
  if (unitSlip) units = [unitSlip];
  const { percent, over: percentOver, span: percentAt } = findProgress(s, [...refs, ...dates]);
  let keyword = refs.length ? null : findKeywordRef(n, s, units, refs, dates);
  if (namesNoTask(s, keyword, percentAt)) keyword = null;
  let subject = refs.length || keyword ? null : findSubjectRef(n, s, units, dates);
  if (namesNoTask(s, subject, percentAt)) subject = null;
  const f = {} as Features['f'];
  const bare = s.replace(PUNCT, '');
  for (const [k, re] of Object.entries(FLAGS)) f[k as keyof typeof FLAGS] = re.test(s);
  f.smallTalk = L.SMALL_TALK.test(bare);
  if (f.extension) f.extension = L.EXTENSION.test(s.replace(L.NO_EXTENSION, ' '));
  f.lookup ||= percent === null && L.LOOKUP_END.test(s);
  // 进度80%了，剩下几家医院月底前接入: 几 is indefinite in a report with figures or a day
  if (f.question && (percent !== null || dates.some((d) => d.date) || (refs.length > 0 && f.progress)) && !/[?？]|吗|(?<!的话)呢|么/.test(s)) {
    f.question = L.QUESTION.test(s.replace(L.INDEFINITE_JI, ' '));
  }
  f.ack ||= L.ACK.test(bare);
  // a task asked after in a later sentence: what the sentences before it say to the group is no notice of it
  if (f.notice && subject) f.notice = L.NOTICE.test(sentenceAt(s, subject.start));
  const window = findWindow(s, today, f.overdue);
  // `一老一小` alone: a bare title names a task, the action left open
  if (!refs.length && !keyword && !subject && !units.length && !dates.length && percent === null && !msg.quote && /^[\u3400-\u9fff+]{3,12}$/.test(s.trim())
    && !Object.values(f).some(Boolean) && !NOT_A_TITLE.test(s) && usable(s.trim(), [])) {
    const start = s.indexOf(s.trim());
    keyword = { start, end: start + s.trim().length, text: rawSlice(n, start, start + s.trim().length) };
  }
  let quoteTask: string | null = null;
  let quoteMatters = false;
  if (msg.quote) {
    const q = findTaskRefs(msg.quote);
    quoteMatters = q.length > 0 || quoteConcernsWork(msg.quote.s);
    const distinct = new Set(q.map((r) => msg.quote!.s.slice(r.start, r.end).replace(/\s+/g, '')));
    if (distinct.size === 1) quoteTask = q[0]!.text;
  }
  return {
    msg, s, bare, today, refs, keyword, subject, quoteTask, quoteMatters,
    units, unit: pickUnit(units, s), unitSlip, dates, percent, percentOver, percentAt, window, nod: hasNodEmoji(msg.replyRaw), f,
  };
}
