/**
 * Slot filling by intent, following the labelling table: each intent keeps only the slots
 * it can fill; named periods go to `window` in queries and summaries, to `date` elsewhere.
 */
import type { DateHit } from './dates.ts';
import type { Features } from './features.ts';
import type { UnitHit } from './unit.ts';
import { findReason } from './reason.ts';
import { DONE_AFTER_DAY } from './lexicon.ts';
import { EMPTY_SLOTS, type Intent, type Slots } from './schema.ts';
import type { Span } from './spans.ts';

const ALLOWED: Record<Intent, (keyof Slots)[]> = {
  report_progress: ['task', 'unit', 'percent', 'date'],
  mark_done: ['task', 'unit', 'percent', 'date'],
  request_extension: ['task', 'unit', 'date', 'reason'],
  ack: ['task', 'unit'],
  query_overdue: ['unit', 'window'],
  query_due_soon: ['unit', 'date', 'window'],
  query_unit: ['unit'],
  query_task: ['task', 'unit'],
  summary: ['window'],
  bind_group: ['unit'],
  clarify: ['task', 'unit', 'percent', 'date', 'window'],
  help: [],
  unknown: [],
};

const EXT_BEFORE = /(?:到|至|为|延期|延后|推迟|调整|改到|改为|截止|宽限)\s*$/;
const EXT_VERB_BEFORE = /(?:延期|延后|推迟|延长|顺延|推|延|宽限)\s*(?:到|至|为)?\s*$/;

/** A clause that says the work cannot be done by its day ("AED供货商年前交不了货"): that day is no one's due date. */
const CANNOT = /[\u4e00-\u9fff]不(?:了|完|成|到|上)|(?<!能)不能(?!不)|无法|来不及|赶不上|没法|难以/;
const CLAUSE_MARK = /[,，。;；!！?？:：()（）]/;

/** The clause around a day (between stops, colons and brackets) says it cannot be met. */
function deniedDay(s: string, d: DateHit): boolean {
  let start = d.start;
  while (start > 0 && !CLAUSE_MARK.test(s[start - 1]!)) start -= 1;
  const stop = CLAUSE_MARK.exec(s.slice(d.end));
  return CANNOT.test(s.slice(start, stop ? d.end + stop.index : s.length));
}

function pickDate(F: Features, intent: Intent): string | null {
  const days = F.dates.filter((d): d is DateHit & { date: string } => d.date !== null && !deniedDay(F.s, d));
  if (!days.length) return null;
  if (intent === 'request_extension') {
    // the day the extension verb governs (申请延期到3月底) before a day the reason speaks of (资金要到12月下旬才到位)
    return (days.find((d) => EXT_VERB_BEFORE.test(F.s.slice(Math.max(0, d.start - 6), d.start)))
      ?? days.find((d) => EXT_BEFORE.test(F.s.slice(Math.max(0, d.start - 4), d.start))) ?? days[0]!).date;
  }
  if (intent === 'report_progress' || intent === 'mark_done') {
    return (days.find((d) => DONE_AFTER_DAY.test(F.s.slice(d.end, d.end + 6))) ?? days[0]!).date;
  }
  if (intent === 'query_due_soon' || intent === 'query_overdue') {
    const w = F.window;
    const free = w ? days.filter((d) => !(d.start < w.end && w.start < d.end)) : days;
    return free[0]?.date ?? null;
  }
  return days[0]!.date;
}

function taskOf(F: Features): string | null {
  // a reply to a reminder of one task is about that task; words of its work (AED这个月又装了20台) name no other
  return F.refs[0]?.text ?? F.quoteTask ?? F.keyword?.text ?? F.subject?.text ?? null;
}

/** The slots of `intent`, all others null. */
export function fillSlots(intent: Intent, F: Features): Slots {
  const slots: Slots = { ...EMPTY_SLOTS };
  const allowed = new Set(ALLOWED[intent]);
  if (allowed.has('task')) slots.task = taskOf(F);
  if (allowed.has('unit')) slots.unit = F.unit?.name ?? null;
  if (allowed.has('percent')) slots.percent = intent === 'mark_done' ? (F.percent === 100 ? 100 : null) : F.percent;
  if (allowed.has('date')) slots.date = pickDate(F, intent);
  if (allowed.has('window')) slots.window = intent === 'clarify' && slots.date ? null : (F.window?.window ?? null);
  if (intent === 'query_due_soon' && slots.window?.startsWith('overdue')) slots.window = null;
  if (allowed.has('reason')) {
    const spans: Span[] = [...F.refs, ...F.dates, ...F.units];
    if (F.keyword) spans.push(F.keyword);
    // `…，人社局的绩效方案还没批下来`: a unit inside a later clause is the cause's subject, kept in it
    const lead = spans.filter((sp) => !F.dates.includes(sp as DateHit) && !(F.units.includes(sp as UnitHit) && causeSubject(F, sp)));
    slots.reason = findReason(F.msg.body, spans, lead);
    if (slots.reason && F.unit && insideReason(F, F.unit, slots.reason)) {
      slots.unit = F.units.find((u) => !u.thirdParty && !insideReason(F, u, slots.reason!))?.name ?? null;
    }
  }
  return slots;
}

/** A unit after the message's first words, directly followed by what is said of it. */
function causeSubject(F: Features, u: Span): boolean {
  return /\S/.test(F.s.slice(0, u.start)) && /^的?[\u3400-\u9fff]/.test(F.s.slice(u.end)) && !/^(?:这边|这里|方面|申请|请求|拟|现|特|需要?)/.test(F.s.slice(u.end));
}

/** Is the unit mention part of the stated reason (a third party of the cause, not the requester)? */
function insideReason(F: Features, u: Span, reason: string): boolean {
  const n = F.msg.body;
  const at = n.raw.indexOf(reason);
  const from = n.from[u.start];
  return at >= 0 && from !== undefined && from >= at && from < at + reason.length;
}
