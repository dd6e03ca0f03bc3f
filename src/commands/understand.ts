/**
 * Text → Command: the parser's intent and slots, with the conversation's own commands
 * (leader decisions, admin settings, dialogue answers) taking precedence when present; a
 * message about several tasks gives one command per task. While the bot waits for the
 * details of an extension request, a message naming no task is also read for them.
 */
import { parse, parseExtensionAnswer } from './parse/index.ts';
import { taskSegments } from './parse/task-segments.ts';
import type { Command } from './command.ts';
import type { Understand } from '../conversation/handle-message.ts';
import { unitAliases } from '../tasks/unit-aliases.ts';

/** One command, or one per task when the message is about several tasks (parse/task-segments.ts). */
export const understand: Understand = (text, given): Command | Command[] => {
  const ctx = { ...given, units: withCurrentAliases(given.units) };
  const parts = taskSegments(text);
  return parts ? parts.map((p) => understandOne(p, ctx)) : understandOne(text, ctx);
};

type UnitDirectory = Parameters<Understand>[1]['units'];
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

function understandOne(text: string, ctx: Parameters<Understand>[1]): Command {
  const r = parse(text, ctx);
  const problems = { ...(r.badDate ? { badDate: r.badDate } : {}), ...(r.badPercent !== undefined ? { badPercent: r.badPercent } : {}) };
  const base: Command = { kind: r.intent, ...r.slots, ...problems };
  const c = r.command;
  if (!c) {
    if (base.kind === 'mark_done' && REVIEW_WORDING.test(text) && !CLAIM_WORDING.test(text)) return { ...base, review: true };
    return ctx.expecting === 'extension_missing' && !base.task ? withExtensionDetails(base, text, ctx) : base;
  }
  switch (c.kind) {
    case 'decide_extension': {
      if (c.replyOnly) {
        // 可以 / 行 mean something else while a question is open, or when the text says more
        // (可以，进度80%); after 不行 / 退回 the rest is the reason (不行，台账不全)
        const plain = base.kind === 'unknown' || base.kind === 'ack';
        if (ctx.expecting || (c.approve && !plain)) return base;
        return { ...base, kind: c.kind, approve: c.approve, task: null, date: null, reason: c.reason, bare: true, replyOnly: true, orElse: base.kind === 'ack' ? 'ack' : 'unknown' };
      }
      return { ...base, kind: c.kind, approve: c.approve, task: c.task, date: c.date, reason: c.reason, ...(c.bare ? { bare: true } : {}) };
    }
    case 'return_done': return { ...base, kind: c.kind, task: c.task, reason: c.reason };
    // a unit the directory does not know keeps the name as typed, so the answer can say what was not found
    case 'bind_group': return { ...base, kind: c.kind, unit: c.unit ?? base.unit, leaders: c.leaders };
    case 'set_role': return { ...base, kind: c.kind, person: c.person, role: c.role, unit: c.unit };
    case 'pause_reminders': return { ...base, kind: c.kind, task: c.task, unit: c.unit, date: c.date };
    case 'resume_reminders': return { ...base, kind: c.kind, task: c.task, unit: c.unit };
    case 'reminder_policy': return { ...base, kind: c.kind, task: c.task, policy: { action: c.action, plan: c.plan, set: c.set } };
    case 'bulletin': return { ...base, kind: c.kind, window: c.window };
    case 'choose': return { ...base, kind: c.kind, index: c.index };
    case 'export_ledger': return { ...base, kind: c.kind, unit: c.unit };
    case 'pending_reviews': return { ...base, kind: c.kind, what: c.what, unit: c.unit };
    case 'dashboard':
    case 'my_tasks':
    case 'confirm':
    case 'cancel': return { ...base, kind: c.kind };
  }
}

/** `2.3 销号`, `同意销号`, `可以销号了`: a leader's review wording … */
const REVIEW_WORDING = /销号/;
/** … unless it asks for the review: `已办结，请领导销号`, `申请销号`, `等待销号`. */
const CLAIM_WORDING = /(?:申请|请求?|报请?|提请|等待?|待)\s*(?:领导|您)?\s*(?:审核|审批)?\s*(?:并|后|予以)?\s*销号|销号申请/;

/**
 * `明年9月底，原因是系统供应商更换` answering "请补充新的完成时限和延期原因": the slots of its
 * own intent (a clarify keeps only the date, unknown keeps nothing) plus the new date and
 * the reason as an extension request reads them. Whether it is an answer at all is decided
 * by the open question (conversation/dialog.ts).
 */
function withExtensionDetails(base: Command, text: string, ctx: Parameters<Understand>[1]): Command {
  const a = parseExtensionAnswer(text, ctx);
  const out: Command = { ...base, date: base.date ?? a.date, reason: base.reason ?? a.reason };
  if (a.badDate && !out.badDate) out.badDate = a.badDate;
  return out;
}
