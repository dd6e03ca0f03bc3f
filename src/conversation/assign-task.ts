/**
 * 交办 in chat — "交办：请区卫健局牵头、医保分局配合，12月20日前报送冬季流感防控工作方案",
 * "把这件事交给民政局，下周五前办结", a forwarded 批示 ("「请卫健局牵头研究，月底前报结果。」张建国
 * 11.19 按此交办"). A 交办 is an import: the text becomes a draft plan of one task (importer/assign),
 * the bot shows it, and 确认 activates it as any plan is activated (reminders scheduled), telling the
 * units' groups; 取消 drops it; 撤销 afterwards undoes the activation. Only leaders and admins assign;
 * units the directory does not know are asked about, never guessed.
 */
import type { IntentResult, Notice, ReplySpec } from '../commands/intents/types.ts';
import type { Speaker } from '../commands/speaker.ts';
import type { StoredMessage } from '../store/messages.ts';
import type { ConversationDeps } from './handle-message.ts';
import type { AssignDraft } from './import-plan.ts';
import { dialogKey, DIALOG_TTL_MS } from './dialog.ts';

/** Said as a 交办 by anyone: "交办：…", "【交办】…", "交办事项：…", the verb with its complement ("交办一下，…", "交办个事：…"). */
const EXPLICIT = /^\s*(?:@\S+\s*)*(?:[[【]交办[\]】]|交办\s*(?:一下|个事|件事|一件事|一项(?:工作|任务)?|如下)?\s*[:：,，]|交办事项\s*[:：]?|督办交办\s*[:：]?)/;
/**
 * Worded as giving work to a unit, from a leader or an admin: 把…交给X, 交X办理/牵头, 按此交办,
 * 请X牵头/会同Y, a quoted 批示 signed by its leader ("张建国 11.19"), a meeting's decided item
 * (会议议定：由X负责…), or 由X牵头/负责 with a time limit (…12月31日前完成…).
 */
const ASSIGNING = /按此交办|按批示交办|(?:把|将)[^,，。]{0,16}交(?:给|由)|(?:^|[\s,，。」”])交(?:给|由)?[\u4e00-\u9fff]{2,14}?(?:牵头|负责|办理|落实|处理|阅办|研办)|请[\u4e00-\u9fff、]{2,20}?(?:牵头|会同)|[「“"][^」”"]{6,}[」”"]\s*[\u4e00-\u9fff][\u4e00-\u9fffXx×*某]{1,2}\s*\d{1,2}[.月]\d{1,2}|(?:会议(?:议定|决定|明确)|议定事项|常务会(?:议)?(?:议定|定了))[^?？]{0,40}(?:由|请)?[\u4e00-\u9fff、]{2,30}?(?:牵头|负责)|由[\u4e00-\u9fff、]{2,20}?(?:牵头|负责)[^?？]{0,30}?(?:前|内)\s*(?:完成|报送|上报|报|办结|拿出|提交|形成)/;

/** A message about a task already registered (把二（三）交给民政局办 is a 改派, not a new 交办). */
const ABOUT_A_TASK = /^\s*(?:@\S+\s*)*(?:把|将)?\s*(?:[一二三四五六七八九十]+[.．、]?[（(][一二三四五六七八九十]+[)）]|\d{1,3}(?:[.．]\d{1,3}){0,3}(?![\d月日号])|第\d{1,3}项)/;

/** The question "由哪个单位办理？" of a 交办 that named none; its payload keeps the words of the 交办. */
export const ASSIGN_UNITS = 'assign_units';

/**
 * The answer to "由哪个单位办理？": a message naming a unit ("卫健局负责", "请医保分局牵头") completes the
 * 交办 it waits on, which then shows its draft; anything else is not an answer (null).
 */
export async function answerAssignUnits(deps: ConversationDeps, payload: unknown, msg: StoredMessage, speaker: Speaker, now: Date, units: { name: string; aliases: string[] }[]): Promise<IntentResult | null> {
  const earlier = (payload as { text?: string } | null)?.text;
  const said = msg.text ?? '';
  if (!earlier || !units.some((u) => [u.name, ...u.aliases].some((n) => n.length >= 2 && said.includes(n)))) return null;
  // a reply quoting the question: the quote is the bot's own words, not the work
  return assignFromChat(deps, { ...msg, quote: null }, speaker, now, earlier);
}

export function looksLikeAssignment(text: string, speaker: Speaker): boolean {
  if (EXPLICIT.test(text)) return true;
  if (ABOUT_A_TASK.test(text)) return false;
  return (speaker.role === 'leader' || speaker.role === 'admin') && ASSIGNING.test(text);
}

export async function assignFromChat(deps: ConversationDeps, msg: StoredMessage, speaker: Speaker, now: Date, earlier = ''): Promise<IntentResult> {
  if (speaker.role !== 'leader' && speaker.role !== 'admin') return { reply: { key: 'errors/not-leader', data: { assign: true } } };
  // "把这件事交给民政局，下周五前办结" replying to a forwarded message: the work is in the quote
  const said = msg.quote ? `${msg.quote}\n${msg.text ?? ''}` : msg.text ?? '';
  const text = earlier ? `${earlier}\n${said}` : said;
  const draft = await deps.imports.assignDraft(text, { now, messageId: msg.id, leader: speaker.role === 'leader' ? speaker.name : null });
  if ('unknown' in draft) {
    const noUnit = !draft.known.length && !draft.unknown.length;
    const data = { unknown: draft.unknown.join('、') || null, noUnit, known: draft.known.join('、') || null };
    if (!noUnit) return { reply: { key: 'assign-draft', data } };
    // no unit named: the work waits for the answer that names who does it ("卫健局负责")
    const question = { kind: ASSIGN_UNITS, payload: { text } };
    await deps.store.dialogs.set(dialogKey(msg.platform, msg.chatId, msg.senderId), question.kind, question.payload as never, new Date(now.getTime() + DIALOG_TTL_MS));
    return { reply: { key: 'assign-draft', data }, dialog: question };
  }
  const question = { kind: 'confirm_import', payload: { planId: draft.planId, assign: draft } };
  await deps.store.dialogs.set(dialogKey(msg.platform, msg.chatId, msg.senderId), question.kind, question.payload as never, new Date(now.getTime() + DIALOG_TTL_MS));
  return { reply: { key: 'assign-draft', data: draftView(draft) }, dialog: question };
}

/** 确认 of a 交办: activated as a plan, each unit told in its group; the answer names who could not be told. */
export async function confirmAssign(deps: ConversationDeps, draft: Extract<AssignDraft, { planId: string }>, speaker: Speaker, msg: StoredMessage): Promise<IntentResult> {
  const activated = await deps.imports.activate(draft.planId, speaker, msg.id, { action: 'assign', taskId: draft.taskId });
  // the units as saved: an admin may have corrected the draft before 确认 (import-review)
  const task = await deps.store.tasks.byId(draft.taskId);
  const units = task ? task.assignments.map((a) => a.unit) : draft.units;
  const named = (role: string) => (task ? task.assignments.filter((a) => a.role === role).map((a) => a.unit.name) : null);
  const view = draftView({ ...draft, units, lead: named('lead') ?? draft.lead, assist: named('assist') ?? draft.assist, others: named('owner') ?? draft.others, title: task?.title ?? draft.title, work: task?.title ?? draft.work });
  await deps.hooks.taskReachedUnits?.({ taskId: draft.taskId, unitIds: units.map((u) => u.id), at: deps.clock.now(), via: 'assign' });
  const notices: Notice[] = units.map((u) => ({ to: { kind: 'unit', unitId: u.id }, reply: { key: 'assign-notice', data: { ...view, unit: u.name, by: speaker.name } } satisfies ReplySpec }));
  return { reply: { key: 'assign-draft', data: { ...view, confirmed: true, ungrouped: activated.ungrouped.join('、') || null } }, notices };
}

function draftView(d: Extract<AssignDraft, { planId: string }>): Record<string, unknown> {
  return {
    path: d.path, title: d.title, work: d.work,
    instruction: d.origin.kind === 'instruction', meeting: d.origin.kind === 'meeting', other: d.origin.kind === 'other',
    leader: d.origin.leader, meetingName: d.origin.meeting, instructionText: d.origin.kind === 'instruction' ? d.origin.text : null,
    lead: d.lead.join('、') || null, assist: d.assist.join('、') || null, others: d.others.join('、') || null,
    deadline: d.deadline, deadlineRaw: d.deadlineRaw,
  };
}
