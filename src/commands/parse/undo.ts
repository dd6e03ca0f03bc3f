/**
 * 撤销 — taking back one's own last change: "撤销", "撤回刚才的销号", "刚才销号错了，撤回",
 * "撤销 12月3日 二（一）的销号", "上一步撤销". It names, at most, the action taken back (销号,
 * 退回, 进度, 延期, 暂停, 启用/停用, 签收), the task and the day it was done. Said while the bot waits
 * for an answer, the conversation reads it as cancelling that question instead.
 */
import type { Features } from './features.ts';
import type { Directive } from './schema.ts';

/**
 * Taking back what one did: the verb (撤销, 撤回 …) with no object of its own other than the
 * action or the task taken back — not a request to revoke something else (撤销督办事项, 撤销该任务
 * is an order of its own) — or an admission that something was done by mistake (刚才…错了, 报错了).
 */
const TAKE_BACK = /(?:撤销|撤回|撤消|回撤|撤了|撤掉|收回)(?!督办|事项|该|此|这项任务|这个任务)|(?:刚才|刚刚|上一步|前面)[^,，。]{0,12}?(?:弄|点|发|搞|操作|写|报|批|销)?错了|(?:报|发|点|批|弄|搞|填|写|销)错(?:了|任务|对象)/;
/** What was done, in the words people use for it. */
const ACTIONS: [RegExp, string][] = [
  [/销号|办结确认/, 'confirm_done'],
  [/退回|退办/, 'return_done'],
  [/(?:同意|批准|驳回|不同意)[^,，。]{0,6}延期|延期(?:审批|批复)/, 'decide_extension'],
  [/延期申请|申请延期|延期/, 'request_extension'],
  [/报办结|办结申请|办结/, 'claim_done'],
  [/进度|进展|报送/, 'report_progress'],
  [/暂停|恢复提醒|提醒/, 'pause_reminders'],
  [/停用|归档/, 'deactivate_plan'],
  [/启用|激活|恢复/, 'activate_plan'],
  [/签收/, 'sign'],
];

/** A request the speaker no longer makes, said alone: "那个延期不申请了", "延期申请就不提了", "不申请延期了". */
const WITHDRAWN_REQUEST = /^(?:那个|这个|刚才的?|之前的?|我们的?|上午的?)?(?:(?:延期|延长)(?:申请)?(?:的事)?(?:就|也|先|暂时|还是)?(?:不|不用|不再|别)(?:申请|要|提|报|办)?了|(?:就|也|先|暂时|还是)?(?:不|不用|不再)(?:申请|要)(?:延期|延长)了)[吧啊哈呀。.!！]*$/;

export function detectUndo(F: Features): Directive | null {
  const s = F.s.trim();
  if (WITHDRAWN_REQUEST.test(s)) return { kind: 'undo', task: F.refs[0]?.text ?? null, date: null, what: 'request_extension' };
  if (!TAKE_BACK.test(s) || F.f.question) return null;
  // 撤销督办事项 / 撤回申请 of a task: the explicit object decides; a percentage is a new report
  if (F.percent !== null) return null;
  // 写错了，2月28日 / 报错了，应该是二（四）: an admission followed by what was meant corrects, it takes nothing back
  if (correctsItself(F, s)) return null;
  const what = ACTIONS.find(([re]) => re.test(s))?.[1] ?? null;
  // a title word names the task only outside the words of taking back ("撤销上一步操作" names none)
  const left = F.keyword?.text.replace(new RegExp(TAKE_BACK.source, 'g'), '').replace(/上一步|刚才|刚刚|操作|一下|那项|那个|^的|的$/g, '').trim() ?? '';
  const keyword = left.length >= 2 && !ACTIONS.some(([re]) => re.test(left) && left.replace(re, '').length < 2) ? left : null;
  const task = F.refs[0]?.text ?? keyword;
  // the day of the change is named in the clause that takes it back ("撤销 12月3日 二（一）的销号"),
  // not in a clause that goes on about the work ("延期申请撤回，我们争取月底前完成")
  const verb = TAKE_BACK.exec(s)!;
  const clauseEnd = (() => { const m = /[,，。;；!！]/.exec(s.slice(verb.index)); return m ? verb.index + m.index : s.length; })();
  const clauseStart = Math.max(0, ...[...s.slice(0, verb.index).matchAll(/[,，。;；!！]/g)].map((m) => m.index! + 1));
  const date = F.dates.find((d) => d.date && d.start >= clauseStart && d.end <= clauseEnd)?.date ?? null;
  return { kind: 'undo', task, date, what };
}

/** An admission of a slip (写错了, 说错了) with the value meant after it, in a clause that takes nothing back. */
const ADMISSION = /(?:报|发|点|批|弄|搞|填|写|说|打)错(?:了)?/;
function correctsItself(F: Features, s: string): boolean {
  const m = ADMISSION.exec(s);
  if (!m || /撤销|撤回|撤消|回撤|撤了|撤掉|收回/.test(s)) return false;
  const after = m.index + m[0].length;
  return F.dates.some((d) => d.date && d.start >= after) || F.refs.some((r) => r.start >= after);
}

/**
 * A report put on the wrong task, set right: "不对，是二（四）不是二（六）", "不是二（六），是二（四）",
 * "二（四）写成二（六）了". Two tasks named, one denied and one affirmed, nothing else said of the work:
 * what the speaker just reported on the denied task goes to the affirmed one.
 */
export function detectRetarget(F: Features): Directive | null {
  if (F.refs.length !== 2 || F.percent !== null || F.f.question) return null;
  const [a, b] = F.refs as [typeof F.refs[0], typeof F.refs[0]];
  const before = (r: { start: number }) => F.s.slice(Math.max(0, r.start - 4), r.start);
  const between = F.s.slice(a.end, b.start);
  const rest = (F.s.slice(0, a.start) + ' ' + between + ' ' + F.s.slice(b.end)).replace(WORDS_OF_SETTING_RIGHT, '').replace(/[\s\p{P}\p{S}]/gu, '');
  if (rest.length > 0) return null;
  // 是A不是B / 应该是A，不是B: A meant
  if (/(?:是|应该是|应为)\s*$/.test(before(a)) && /不是\s*$/.test(between)) return { kind: 'retarget', task: a.text, from: b.text };
  // 不是A，是B / 不是A，应该是B
  if (/不是\s*$/.test(before(a)) && /(?:是|应该是|应为)\s*$/.test(between)) return { kind: 'retarget', task: b.text, from: a.text };
  // A写成B了 / 把A报成了B
  if (/(?:写|报|打|发|填|弄)成了?\s*$/.test(between)) return { kind: 'retarget', task: a.text, from: b.text };
  return null;
}

/** What may surround the two tasks of a re-targeting besides them: 不对, 搞错了, 应该是, 我们的 … */
const WORDS_OF_SETTING_RIGHT = /不对|错了|搞错|弄错|报错|写错|发错|说错|抱歉|不好意思|刚才|刚刚|那条|上一条|的|我们|应该是|应为|不是|是|把|写成|报成|打成|发成|填成|弄成|了|啊|哈|呀|吧/g;
