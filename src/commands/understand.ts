/**
 * Text → Command: the parser's intent and slots, merged with its directive (leader
 * decisions, admin settings, dialogue answers) when it found one; a message about several
 * tasks gives one command per task. While the bot waits for the details of an extension
 * request, a message naming no task is also read for them.
 */
import { lastDateIn, parse, parseExtensionAnswer, type ParseResult } from './parse/index.ts';
import { taskSegments } from './parse/task-segments.ts';
import { emptyCommand, type Command, type Understand } from './command.ts';
import { readReassign } from './parse/reassign.ts';
import { unitAliases } from '../tasks/unit-aliases.ts';
import { readCorrection } from './parse/correction.ts';
import { CLOSING } from './parse/lexicon.ts';

type UnderstandContext = Parameters<Understand>[1];

/** One command, or one per task when the message is about several tasks (parse/task-segments.ts). */
export const understand: Understand = (text, given): Command | Command[] => {
  const ctx = { ...given, units: withCurrentAliases(given.units) };
  const correction = readCorrection(text);
  if (correction) return correctionCommand(correction);
  const parts = taskSegments(text);
  return parts ? parts.map((p) => understandOne(p, ctx)) : understandOne(text, ctx);
};

/** "3.2 牵头单位改为…", "删除 4.1", "下一页": what the admin corrects (intents/correct-task.ts, conversation/import-review.ts). */
function correctionCommand(c: NonNullable<Command['correction']>): Command {
  const kind = c.kind === 'edit' ? 'correct_task' : c.kind === 'remove' ? 'remove_task' : 'page';
  return { kind, task: c.kind === 'page' ? null : c.task, unit: null, percent: null, date: null, window: null, reason: null, correction: c };
}

type UnitDirectory = UnderstandContext['units'];
const aliasCache = new WeakMap<UnitDirectory, UnitDirectory>();

/**
 * The directory's stored aliases plus those src/tasks/unit-aliases.ts gives today, so a unit
 * imported before a short form was known (各街道办事处 → 街道办, 街道) is still found by it.
 */
function withCurrentAliases(units: UnitDirectory): UnitDirectory {
  const hit = aliasCache.get(units);
  if (hit) return hit;
  const out = units.map((u) => ({ name: u.name, aliases: [...new Set([...u.aliases, ...unitAliases(u.name)])] }));
  aliasCache.set(units, out);
  return out;
}

/** The problems the parser found in what was written: a day that does not exist, a figure over 100. */
function problems(r: ParseResult): Pick<Command, 'badDate' | 'badPercent' | 'guesses' | 'vagueAmount' | 'donePart' | 'periodFrom'> {
  return { ...(r.badDate ? { badDate: r.badDate } : {}), ...(r.periodFrom ? { periodFrom: r.periodFrom } : {}), ...(r.badPercent !== undefined ? { badPercent: r.badPercent } : {}), ...(r.guesses ? { guesses: r.guesses } : {}), ...(r.vagueAmount ? { vagueAmount: true } : {}), ...(r.donePart ? { donePart: r.donePart } : {}) };
}

/** 〔医改重点任务〕二（四） / 《…》二.(四): the plan a path belongs to, written as lists print it. */
const PLAN_QUALIFIER = /[〔【［[《]([^〕】］\]》]{2,40})[〕】］\]》]\s*(?=[一二三四五六七八九十\d０-９第])/u;

/** A year written with a date: 2026年, 明年, 今年, 二〇二六年, 2026-03-31, 2026/3/31. */
const YEAR_WRITTEN = /(?:\d{2,4}|[〇零一二三四五六七八九]{2,4})\s*年|明年|今年|后年|来年|下一?年|\d{4}\s*[-./]\s*\d/;

function understandOne(text: string, ctx: UnderstandContext): Command {
  const c = readOne(text, ctx);
  const plan = c.kind === 'plan_status' ? null : PLAN_QUALIFIER.exec(text)?.[1] ?? null;
  const yearImplied = c.date !== null && !YEAR_WRITTEN.test(text);
  return { ...c, ...(plan ? { plan } : {}), ...(yearImplied ? { yearImplied } : {}) };
}

function readOne(text: string, ctx: UnderstandContext): Command {
  const moved = readReassign(text, ctx.units);
  if (moved) return { ...emptyCommand('reassign'), task: moved.task, unit: moved.to[0] ?? null, reassign: moved };
  const r = parse(text, ctx);
  const base: Command = { kind: r.intent, ...r.slots, ...problems(r) };
  const d = r.directive;
  // `2.3 销号`, `同意销号`, `行，销了吧`: worded as a leader's review, unless it asks for one
  const review = base.kind === 'mark_done' && CLOSING.test(text) && !CLAIM_WORDING.test(text);
  if (!d) {
    if (review) return { ...base, review: true };
    if (ctx.expecting === 'extension_missing' && !base.task) return withExtensionDetails(base, text, ctx);
    // "您是指2027年12月1日吗？" — "不对，到明年1月31日": the day the answer gives
    if (ctx.expecting === 'confirm_date' && !base.task) return withDateOnly(base, text, ctx);
    return base;
  }
  if (d.kind === 'decide_extension' && d.replyOnly) {
    // 可以 / 行 mean something else while a question is open, or when the text says more
    // (可以，进度80%); after 不行 / 退回 the rest is the reason (不行，台账不全)
    const plain = base.kind === 'unknown' || base.kind === 'ack';
    if (ctx.expecting || (d.approve && !plain)) return review ? { ...base, review: true } : base;
    return { ...base, ...d, orElse: base.kind === 'ack' ? 'ack' : 'unknown' };
  }
  // a unit the directory does not know keeps the name as typed, so the answer can say what was not found
  if (d.kind === 'bind_group') return { ...base, ...d, unit: d.unit ?? base.unit };
  return { ...base, ...d };
}

/** A 销号 asked for (`已办结，请领导销号`, `申请销号`, `等待销号`) is a claim's wording, not a review's. */
const CLAIM_WORDING = /(?:申请|请求?|报请?|提请|等待?|待)\s*(?:领导|您)?\s*(?:审核|审批)?\s*(?:并|后|予以)?\s*销号|销号申请/;

/**
 * `明年9月底，原因是系统供应商更换` answering "请补充新的完成时限和延期原因": the slots of its
 * own intent (a clarify keeps only the date, unknown keeps nothing) plus the new date and
 * the reason as an extension request reads them. Whether it is an answer at all is decided
 * by the open question (conversation/dialog.ts).
 */
function withExtensionDetails(base: Command, text: string, ctx: UnderstandContext): Command {
  const a = parseExtensionAnswer(text, ctx);
  const out: Command = { ...base, date: base.date ?? a.date, reason: base.reason ?? a.reason };
  if (a.badDate && !out.badDate) out.badDate = a.badDate;
  return out;
}

/** The day an answer to a date question gives, whatever its intent reads as. */
function withDateOnly(base: Command, text: string, ctx: UnderstandContext): Command {
  const a = parseExtensionAnswer(text, ctx);
  if (a.badDate) return { ...base, badDate: a.badDate };
  // a correction names the wrong day first and the day meant last
  const date = lastDateIn(text, ctx) ?? a.date;
  return date ? { ...base, date } : base;
}
