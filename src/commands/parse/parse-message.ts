/**
 * Text → { intent, slots, directive? }: features are read once, then a directive beyond the
 * evaluation vocabulary is looked for, else the ordered labelling rules decide the intent.
 */
import { detectDirective, helpTopic } from './commands.ts';
import { readFeatures, type Features } from './features.ts';
import { classify, donePart, vagueOnly } from './intent.ts';
import { EMPTY_SLOTS, type ParseContext, type ParseResult } from './schema.ts';
import { fillSlots } from './slots.ts';
import { rawSlice } from './normalise.ts';

/** Longer messages are plans or pasted documents, not commands: only their start is read. */
const MAX_CHARS = 2000;

/** Parses one chat message. */
export function parse(text: string, ctx: ParseContext): ParseResult {
  try {
    return parseText(typeof text === 'string' ? text.slice(0, MAX_CHARS) : '', ctx);
  } catch {
    return { intent: 'unknown', slots: { ...EMPTY_SLOTS } };
  }
}

function parseText(text: string, ctx: ParseContext): ParseResult {
  const F = readFeatures(text, ctx);
  const r = readResult(F);
  if (!F.msg.guesses.length && !F.unitSlip) return r;
  // a slip read as a word (办洁 → 办结) is said only when it changes what the message means,
  // so the conversation can confirm it before acting
  const asWritten = readResult(readFeatures(text, ctx, true));
  const same = asWritten.intent === r.intent && JSON.stringify(asWritten.slots) === JSON.stringify(r.slots)
    && JSON.stringify(asWritten.directive ?? null) === JSON.stringify(r.directive ?? null);
  if (same) return r;
  const guesses = F.msg.guesses.map((g) => ({ wrote: rawSlice(F.msg.body, g.start, g.end), read: g.read }));
  if (F.unitSlip) guesses.push({ wrote: rawSlice(F.msg.body, F.unitSlip.start, F.unitSlip.end), read: F.unitSlip.read });
  return { ...r, guesses };
}

function readResult(F: Features): ParseResult {
  const addressedElsewhere = F.msg.mentionsPeople && !F.msg.mentionsBot;
  const detected = addressedElsewhere ? null : detectDirective(F);
  if (detected) {
    const intent = detected.intent ?? classify(F);
    const slots = fillSlots(intent, F);
    if (intent === 'bind_group') slots.unit = (detected.directive.kind === 'bind_group' ? detected.directive.unit : null) ?? F.unit?.name ?? detected.unitText ?? null;
    if (intent === 'request_extension' && detected.directive.kind === 'decide_extension') slots.reason = null;
    return withProblems({ intent, slots, directive: detected.directive, ...(detected.guess ? { guesses: [detected.guess] } : {}) }, F);
  }
  const intent = classify(F);
  const topic = intent === 'help' && !addressedElsewhere ? helpTopic(F) : null;
  if (topic) return withProblems({ intent, slots: fillSlots(intent, F), directive: topic.directive }, F);
  return withProblems({ intent, slots: fillSlots(intent, F) }, F);
}

/**
 * What the conversation must ask about or refuse rather than act on: a day that does not exist, a percentage
 * over 100, a report that says how far only in words (差不多了).
 */
function withProblems(r: ParseResult, F: Features): ParseResult {
  const bad = F.dates.find((d) => d.impossible)?.impossible;
  if (bad) r.badDate = bad;
  // 明年上半年到期的: what falls due within the period, not from today to its end
  const from = (r.intent === 'query_due_soon' || r.intent === 'query_overdue') && r.slots.date ? F.dates.find((d) => d.date === r.slots.date)?.from : undefined;
  if (from) r.periodFrom = from;
  if (F.percentOver !== null) r.badPercent = F.percentOver;
  if (r.intent === 'report_progress' && F.percent === null) {
    const part = donePart(F);
    if (part) r.donePart = part;
  }
  if (r.intent === 'report_progress' && F.percent === null && (F.f.vague || (F.f.partial && vagueOnly(F)))) r.vagueAmount = true;
  return r;
}

/**
 * The answer to "请补充新的完成时限和延期原因": the new date and the reason read as in an
 * extension request (`明年9月底，原因是系统供应商更换`), plus any day that does not exist.
 */
/** The last calendar day a message names: a correction ("不是12月，应该是1月3日") ends with the day meant. */
export function lastDateIn(text: string, ctx: ParseContext): string | null {
  try {
    const F = readFeatures(typeof text === 'string' ? text.slice(0, MAX_CHARS) : '', ctx);
    return F.dates.filter((d) => d.date).at(-1)?.date ?? null;
  } catch {
    return null;
  }
}

export function parseExtensionAnswer(text: string, ctx: ParseContext): { date: string | null; reason: string | null; badDate?: ParseResult['badDate'] } {
  try {
    const F = readFeatures(typeof text === 'string' ? text.slice(0, MAX_CHARS) : '', ctx);
    const { date, reason } = fillSlots('request_extension', F);
    const bad = F.dates.find((d) => d.impossible)?.impossible;
    return bad ? { date, reason, badDate: bad } : { date, reason };
  } catch {
    return { date: null, reason: null };
  }
}
