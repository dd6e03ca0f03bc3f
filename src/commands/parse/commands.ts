/**
 * Commands the evaluation vocabulary does not name, with the intent the labelling rules
 * give the same message: leader decisions (同意延期, 驳回 2.3 延期, 退回 2.3，佐证材料不全),
 * admin settings (本群绑定 区卫生健康局, 设置 张三 为 医疗保障分局 联络员, 暂停/恢复 2.3 提醒),
 * exports (导出台账, 出一期通报), 我的任务, who has not reported (哪些单位还没报送), one-line
 * answers (你好, 谢谢, 民政局电话多少), the topic of a how-to question, and dialogue answers
 * (1, 第二个, 确认, 取消).
 */
import type { Features } from './features.ts';
import { rawSlice } from './normalise.ts';
import { toInt } from './numbers.ts';
import { detectReminderPolicy } from './reminder-policy.ts';
import { decisionReason } from './decision-reason.ts';
import { detectRetarget, detectUndo } from './undo.ts';
import { detectPlanStatus } from './plan-status.ts';
import type { Directive, HELP_TOPICS, Intent } from './schema.ts';
import { GROUP_NOTICE, NOT_REPORTED, OFF_TOPIC, RESULT_VERB, THE_OTHER_ONE, WHO_UNITS } from './lexicon.ts';

type HelpTopic = (typeof HELP_TOPICS)[number];

export interface Detected {
  directive: Directive;
  /** the labelling-rule intent; null: the message's intent is classified as usual */
  intent: Intent | null;
  /** bind_group: the unit as written when the directory does not know it */
  unitText?: string | null;
  /** the message read as a decision it does not state in words: confirmed before anything changes (parse-message `guesses`) */
  guess?: { wrote: string; read: string };
}

const ROLE: Record<string, 'member' | 'leader' | 'admin'> = { 联络员: 'member', 成员: 'member', 领导: 'leader', 管理员: 'admin', admin: 'admin', leader: 'leader' };
const CHOICE = /^(?:选|选择|我选)?\s*(?:第?\s*(\d{1,2}|[一二三四五六七八九十])\s*(?:个|号)?|(\d{1,2})\s*号)\s*[.。!！]?$/;

function firstDate(F: Features): string | null {
  return F.dates.find((d) => d.date)?.date ?? null;
}

function task(F: Features): string | null {
  return F.refs[0]?.text ?? F.keyword?.text ?? null;
}

/** `直接销号 二（三）`: closing a task nobody claimed, named explicitly (the bot asks for exactly this). */
const CLOSE_DIRECT = /直接(?:予以)?销号|不经(?:申请|报送|办结)(?:直接)?销号|强制销号/;

function decisions(F: Features): Detected | null {
  const s = F.s;
  if (CLOSE_DIRECT.test(s) && !F.f.question) return { intent: 'mark_done', directive: { kind: 'close_direct', task: task(F) } };
  // a bare 同意 / 不同意 replying to a quoted extension request decides that request
  const quotesRequest = F.msg.quote !== null && /延期|延到|延至|宽限|延后|顺延/.test(F.msg.quote.s);
  // 同意，但改到9月30日: approving with another day is deciding an extension
  const changedDay = /(?:同意|批准|准予)[^。；;]{0,8}?(?:改|调整|推)(?:到|至|为)/.test(s) && F.dates.some((d) => d.date) ? /(?:改|调整|推)(?:到|至|为)/.exec(s) : null;
  const ext = /延期|延到|延至|宽限|延后|顺延/.exec(s) ?? changedDay ?? (quotesRequest ? /^\s*(?:不同意|同意|批准|准予|驳回|拒绝|不予|不批准|不准)/.exec(s) : null);
  if (ext && !F.f.question) {
    const reject = /驳回|不同意|拒绝|不予|不批准|不准|退回/.test(s);
    const approve = /(?<![请望])(?:同意|批准|准予|准了|批了)/.test(s) && !/能否|可否|是否同意|请.{0,4}(?:同意|批准)/.test(s);
    if (reject || approve) {
      return { intent: 'request_extension', directive: { kind: 'decide_extension', approve: !reject, task: task(F) ?? F.quoteTask, date: firstDate(F), reason: reject ? decisionReason(F) : null } };
    }
  }
  // 二（五）不同意销号，文件还缺盖章版 / 暂不销号 / 先别销号: a refused 销号 is a 退回, never a 销号
  const refused = !ext && !F.f.question ? NOT_CLOSED.exec(s) : null;
  if (refused) {
    return { intent: 'unknown', directive: { kind: 'return_done', task: task(F) ?? F.quoteTask, reason: decisionReason(F) } };
  }
  const bare = bareDecision(F) ?? replyDecision(F);
  if (bare) return bare;
  // "材料补齐再说", "整改到位后再销号": a decision put off until something is done reads as a 退回 for it — asked first
  const named = F.refs.length === 1 && F.refs[0]!.start <= 1 ? F.refs[0]! : null;
  const putOff = F.refs.length <= (named ? 1 : 0) ? PUT_OFF.exec(s.slice(named?.end ?? 0).replace(/^[\s,，:：]+/, '').trim()) : null;
  if (putOff && CONDITION_MET.test(putOff[1]!) && !F.f.question && F.percent === null && !ext) {
    return { intent: 'unknown', directive: { kind: 'return_done', task: task(F) ?? F.quoteTask, reason: putOff[1]! }, guess: { wrote: s.trim(), read: '退回' } };
  }
  const ret = /(退回|退办|打回|驳回|不予销号)/.exec(s);
  // a return may name no task (这个先退回，…): the pending claim is meant, or the bot asks
  if (ret && ret.index <= 12 && !ext && !F.f.question && (F.refs.length || F.keyword || F.quoteTask || /退回|退办|打回/.test(ret[1]!))) {
    return { intent: 'unknown', directive: { kind: 'return_done', task: task(F) ?? F.quoteTask, reason: decisionReason(F) } };
  }
  return null;
}

/**
 * A condition, then the decision put off until it is met: "材料补齐再说", "整改到位后再销号", "等盖章版来了再批".
 * The condition is a piece of work reaching its result (补齐, 到位, 来了), not the speaker's time ("有空再说").
 */
const CONDITION_MET = new RegExp(`${RESULT_VERB}|补齐|补全|补充|齐全|齐了|完善|整改|盖章|来了|改好|改完`);
const PUT_OFF = /^(?:等)?([\u4e00-\u9fff]{2,20}?)(?:了|后|之后|以后)?再(?:说|议|定|销号|销|批|审)[吧。.!！]*$/;

/** A negated 销号 (不同意/暂不/先别/不能/不予/不要/别/缓/暂缓 + 销号), the task possibly in between. */
const NOT_CLOSED = /(?:不同意|不予|暂不|先不|先别|不能|不要|不准|暂缓)(?:(?!申请)[^,，。;；!！?？]){0,12}?(?:予以|进行)?销号|(?:别|缓)销号/;

/**
 * `可以` / `行` / `不行，…` / `退回，…` / `驳回`: a leader's short answer that decides only the
 * notice it replies to (a 办结 notice or an extension request). The quote is not part of
 * the parsed text, so the intent decides: without a quote it is what the text alone is.
 */
const REPLY_DECISION = /^(可以|行|不行|不可以|退回|驳回|不同意|不批准|不予批准|同意|批准|准予)(?=$|[\s,，。.;；!！])/;

function replyDecision(F: Features): Detected | null {
  const s = F.s.trim();
  const m = REPLY_DECISION.exec(s);
  if (!m || F.quoteMatters || F.refs.length || F.f.question || F.dates.some((d) => d.date)) return null;
  const rest = s.slice(m[0].length).replace(/[\s\p{P}\p{S}]/gu, '');
  if (/销号|办结|完成了|延期|延到|延至/.test(rest) && !/^(?:退回|驳回|不行|不可以|不同意|不批准|不予批准)/.test(m[1]!)) return null;
  // 退回，… decides a 办结 claim, never an extension request
  if (m[1] === '退回') return { intent: 'unknown', directive: { kind: 'return_done', task: null, reason: decisionReason(F) } };
  const reject = /^(?:不|退回|驳回)/.test(m[1]!);
  return { intent: null, directive: { kind: 'decide_extension', approve: !reject, task: null, date: null, reason: reject ? decisionReason(F) : null, bare: true, replyOnly: true } };
}

/**
 * A bare `同意` / `不同意` (`不同意，材料不全`): a leader deciding the one pending extension
 * request, or the one the reply quotes. Its labelled intent stays whatever the rules give.
 */
const DECISION_WORDS = '不同意|不批准|不予批准|不批|同意|批准|准予';
const BARE_DECISION = new RegExp(`^(${DECISION_WORDS})(?=$|[\\s,，。.;；!！])`);
/** Said before a bare decision without changing it: `这个先不批`, `那个暂不同意`. */
const BEFORE_WORDS = '这个|那个|这条|那条|这项|那项|此事|就|先|暂时?|还是';
const BEFORE_BARE = new RegExp(`^(?:${BEFORE_WORDS})*(?=${DECISION_WORDS})`);
const DECISION_OWN_WORDS = new RegExp(`${BEFORE_WORDS}|${DECISION_WORDS}`, 'g');

function bareDecision(F: Features): Detected | null {
  const onTask = namedDecision(F);
  if (onTask) return onTask;
  // 剩下那个不同意: the one left of several pending is what a bare decision acts on
  const s = F.s.trim().replace(OTHER_ONE_FIRST, '').replace(BEFORE_BARE, '');
  const m = BARE_DECISION.exec(s);
  if (!m) return null;
  // a quoted reply is decided above when it quotes an extension request; any other quote is not one
  // a keyword in the stated reason (不批准，按原时限完成) names no task, nor one made of the decision's own words (这个先不批)
  const named = F.refs.length > 0 || (F.keyword !== null && F.keyword.start < F.s.trim().length - s.length + m[0].length
    && F.keyword.text.replace(DECISION_OWN_WORDS, '').length >= 2);
  if (F.quoteMatters || named || F.f.question) return null;
  const rest = s.slice(m[0].length).replace(/[\s\p{P}\p{S}]/gu, '');
  // 同意，销号 / 同意办结: about a completion, not an extension
  if (/销号|办结|退回/.test(rest) || /^完成/.test(rest)) return null;
  const reject = m[1]!.startsWith('不');
  // a refusal's days are its reason's (不同意，11月底就该完成了); an approval may give the day it allows
  // (同意，1月15日前必须到位), one day and no other
  const days = F.dates.filter((d) => d.date);
  if (!reject && (F.dates.length > 1 || F.dates.length !== days.length)) return null;
  const date = !reject && days.length === 1 ? days[0]!.date : null;
  return { intent: null, directive: { kind: 'decide_extension', approve: !reject, task: null, date, reason: reject ? decisionReason(F) : null, bare: true } };
}

const OTHER_ONE_FIRST = new RegExp(`^${THE_OTHER_ONE.source}(?:也|就)?`);
/** What may stand between a task named and its bare decision: 那个, 也, 的. */
const BESIDE = '那个|这个|那项|这项|那条|那件|的|也|就|先|都|我|这边';
const BESIDE_DECISION = new RegExp(`${BESIDE}|[\\s\\p{P}\\p{S}]`, 'gu');
const BESIDE_FIRST = new RegExp(`^(?:${BESIDE}|\\s)+`, 'u');

/**
 * `二（一）同意`, `财政那个也同意`, `急救那项不同意，材料不全`: a task named, then a bare decision — it
 * decides what of that task is pending (a 办结 claim or an extension request; decide-extension
 * sees which). The words after the decision are its reason.
 */
function namedDecision(F: Features): Detected | null {
  // a unit named instead (财政那个也同意): its pending request
  const unit = !F.refs.length && !F.keyword && F.units.length === 1 ? F.units[0]! : null;
  const anchor = F.refs[0] ?? F.keyword ?? unit;
  if (!anchor || F.refs.length > 1 || F.f.question || F.quoteMatters) return null;
  const before = F.s.slice(0, anchor.start).replace(BESIDE_DECISION, '');
  const rest = F.s.slice(anchor.end).replace(BESIDE_FIRST, '');
  const m = BARE_DECISION.exec(rest);
  if (before || !m) return null;
  const reject = m[1]!.startsWith('不');
  // as for a bare decision: a refusal's days are its reason's; an approval names at most the day it allows
  if (!reject && F.dates.length > 0) return null;
  if (unit) {
    // the reason is what follows the decision; the unit's name before it is no part of it
    const reason = rest.slice(m[0].length).replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
    return { intent: null, directive: { kind: 'decide_extension', approve: !reject, task: null, date: null, reason: reject && reason.length >= 2 ? reason : null, bare: true, decidedUnit: unit.name } };
  }
  return { intent: null, directive: { kind: 'decide_extension', approve: !reject, task: task(F), date: null, reason: reject ? decisionReason(F) : null, bare: true } };
}

function hasTaskRef(F: Features): boolean {
  return F.refs.length > 0 || F.keyword !== null;
}

/** `待销号的有哪些`, `报了办结等审核的`: completions claimed and awaiting review. */
const CLAIMED = /待销号|等待?销号|待审核销号|(?:待|等待?)(?:审核|确认)的?办结|办结待(?:审核|确认|销号)|报了?(?:办结|完成|完工)(?:了)?(?:的|还没|但?未|但?没|等)|已报(?:办结|完成)|申请(?:了)?销号的/;
/** `有哪些延期申请`, `待审批的延期`, `哪些单位申请了延期`. */
const EXT_WORD = /延期申请|申请(?:了)?延期|延期/;
const EXT_PENDING = /(?:待|等待?|未|没|还没|尚未)(?:审批|审核|批复?|处理|决定)的?(?:延期|延期申请)|(?:延期申请|延期)(?:还)?(?:待|等待?|未|没|还没|尚未)(?:审批|审核|批|处理)/;
const ASKS_PERMISSION = /能否|可否|能不能|可不可以|是否可以|请(?:领导|您|批准|审批|同意)|望批准|恳请|报请/;
const LISTING = /哪些|有哪|几[个项条件]|多少|清单|列表|名单|明细|汇总|列一下|列出|看看|看一下|查一下|查查|谁|哪个单位|哪家|哪几家/;
/** Asking whether any exist: `有延期申请吗`, `有没有…要我批的`, `还有待审批的吗`. */
const EXISTS = /有没有|有无|是否有|(?:^|[,，。;；\s])(?:现在|目前|今天|这周|本周)?(?:还)?有[^,，。;；]{1,16}(?:吗|么|嘛|没有?)\s*[?？]?$/;
/** What waits on the speaker's decision, of either kind: `等我批的`, `需要我审批的`, `待审批的事项`. */
const AWAITING_DECISION = /(?:等|待|要|需要|需)(?:我|领导|您)?(?:来)?(?:批|审批|审核|审|决定|拍板|定夺)|(?:待|等待?)(?:审批|审核|批复?|决定)/;

/** A clause that puts a decision off (销号的我再看看, 回头再研究): it asks for no list. */
const DEFERRAL = /(?:我们?)?(?:再|先|回头|晚点|稍后|过两天)(?:看看|看一下|考虑|考虑一下|研究|研究一下|想想|说|放放|放一放|定)/g;

function pendingReviews(F: Features): Detected | null {
  // what waits is asked for as it stands now: 今天 is no day of it
  if (hasTaskRef(F) || F.quoteTask || F.percent !== null || F.dates.some((d) => d.date && d.date !== F.today.day)) return null;
  const s = F.s.replace(DEFERRAL, ' ');
  const unit = F.unit?.name ?? null;
  if (CLAIMED.test(s) && !F.f.overdue && (LISTING.test(s) || /的(?:任务|事项)?$/.test(F.bare) || /^(?:待销号|待审核)/.test(F.bare))) {
    return { intent: null, directive: { kind: 'pending_reviews', what: 'done', unit } };
  }
  // `申请延期，请领导看一下` is a request, not a look-up
  if (ASKS_PERMISSION.test(s)) return null;
  const asksWhich = LISTING.test(s) || EXISTS.test(s);
  if (EXT_PENDING.test(s) || (EXT_WORD.test(s) && asksWhich && !/怎么|如何|咋/.test(s))) {
    return { intent: null, directive: { kind: 'pending_reviews', what: 'extension', unit } };
  }
  if (AWAITING_DECISION.test(s) && (asksWhich || F.f.question) && !/怎么|如何|咋/.test(s)) {
    return { intent: null, directive: { kind: 'pending_reviews', what: 'all', unit } };
  }
  return null;
}

/** Work not begun: 还一点没动, 没启动, 零进度, 原地踏步 (said of tasks, not of reporting). */
const UNTOUCHED = /(?:一点|一直|都|完全|根本|至今|到现在|目前)?(?:还)?(?:没有?|未)(?:动|启动|开始|开展|推进|动静|动工|起步)|零进度|纹丝不动|原地踏步|进度(?:为|是|还是)?(?:零|0%?)(?![\d.])/;
/** The slowest: 进度最慢, 最落后, 进展较慢的 — of tasks (of units it is their ranking, a summary). */
const SLOWEST = /最(?:慢|落后|滞后)|(?:进度|进展)(?:最|比较|较|偏)?(?:慢|落后|滞后|低)的/;

function byProgress(F: Features): Detected | null {
  if (hasTaskRef(F) || F.quoteTask || F.percent !== null || F.f.extension || /单位|部门|哪家|哪几家/.test(F.s)) return null;
  if (!(F.f.question || F.f.lookup || LISTING.test(F.s))) return null;
  if (UNTOUCHED.test(F.s) && !NOT_REPORTED.test(F.s)) return { intent: null, directive: { kind: 'by_progress', what: 'untouched' } };
  if (SLOWEST.test(F.s)) return { intent: null, directive: { kind: 'by_progress', what: 'slowest' } };
  return null;
}

function admin(F: Features): Detected | null {
  const s = F.s.trim();
  // 这个群以后归人社局, 本群对应单位：区医改办: an adverb of time and 归 / 对应(单位) bind too
  // 本群单位由区卫生健康局改为医疗保障分局: a change names the unit it goes to, after the one it leaves
  const bind = /^(?:请)?(?:把|将)?(?:本群|这个群|此群|该群|这群|这里|这|群)?(?:的?单位)?\s*(?:以后|今后|从现在起|从今天起|现在|就)?\s*(?:由\s*[^,，。]{2,24}?\s*(?=改为|改成|调整为|变更为))?(?:绑定|调整为|变更为|关联|绑到|改绑|改为|改成|设为|设置为|归属|属于|是|系|为|归|(?:对应|所属)(?:的?单位)?\s*[:：]?)\s*(?:到|为|给|是)?\s*(.+?)\s*(?:的工作群|工作群|的群|的|群|管)?\s*(?:[,，。]\s*(?:请|麻烦)?\s*(?:绑定|关联)(?:一下)?)?\s*[。.!！]?$/.exec(s);
  const thisIsGroup = /^(?:这|这里)是.{2,16}的(?:工作)?群$/.test(s); // 这是公安分局的工作群
  if (bind && !F.f.question && (/绑定|关联|绑到|改绑/.test(s) || /^(?:请)?(?:把|将)?(?:本群|这个群|此群|该群|这群|群(?=的?单位))/.test(s) || thisIsGroup)) {
    const leaders = /领导群|领导小组群|领导/.test(bind[1]!);
    const unitText = bind[1]!.trim();
    const at = bind.index + bind[0].lastIndexOf(bind[1]!);
    const unit = F.units.find((u) => u.start >= at - 1) ?? F.unit;
    return { intent: 'bind_group', directive: { kind: 'bind_group', unit: unit?.name ?? null, leaders }, unitText: leaders ? null : unitText };
  }
  if (F.unit && /^(?:please )?bind (?:this (?:group|chat) )?(?:to |as |with )?/.test(s)) {
    return { intent: 'bind_group', directive: { kind: 'bind_group', unit: F.unit.name, leaders: false } };
  }
  const role = /^(?:请)?(?:设置|设定|设|把|将|添加|指定|任命)?\s*(\S{2,4}?)\s*(?:设置?为|设成|为|是|当|作为|担任)\s*(.*?)\s*(联络员|成员|领导|管理员|admin|leader)\s*$/.exec(s);
  if (role && /设|把|将|添加|指定|任命/.test(s)) {
    const person = rawSlice(F.msg.body, F.s.indexOf(role[1]!), F.s.indexOf(role[1]!) + role[1]!.length);
    return { intent: 'unknown', directive: { kind: 'set_role', person, role: ROLE[role[3]!]!, unit: F.unit?.name ?? null } };
  }
  const policy = detectReminderPolicy(F);
  if (policy) return { intent: 'unknown', directive: policy };
  if (/(?:暂停|停止|关闭|屏蔽|别再?发|不要再?发)[^,，。]*?(?:提醒|催办|督办)/.test(s) || pausesTask(F, s)) {
    return { intent: 'unknown', directive: { kind: 'pause_reminders', task: task(F), unit: F.unit?.name ?? null, date: firstDate(F) } };
  }
  if (/(?:恢复|开启|打开|重新开启|继续)[^,，。]*?(?:提醒|催办)/.test(s)) {
    return { intent: 'unknown', directive: { kind: 'resume_reminders', task: task(F), unit: F.unit?.name ?? null } };
  }
  if (/(?:导出|下载|生成|发一份|给我一份|要一份)[^,，。]{0,8}(?:台账|表格|excel|报表|清单|ledger)|export/.test(s)) {
    return { intent: 'summary', directive: { kind: 'export_ledger', unit: F.unit?.name ?? null } };
  }
  if (/(?:出|发|生成|做|来|拟)\s*(?:一|1)?\s*(?:期|份|个|版)?\s*通报|通报一下/.test(s)) {
    return { intent: 'summary', directive: { kind: 'bulletin', window: F.window?.window ?? null } };
  }
  if (/^(?:打开|看|查看|发)?\s*(?:看板|驾驶舱|大屏|dashboard)$/.test(F.bare)) return { intent: 'summary', directive: { kind: 'dashboard' } };
  if (/^(?:查看?|看看?|列出)?(?:我的|我们的|我单位的?|本单位的?|我们单位的?)(?:任务|事项|督办事项|工作)(?:清单|列表)?$/.test(F.bare)) {
    return { intent: 'query_unit', directive: { kind: 'my_tasks' } };
  }
  return null;
}

/**
 * "二（五）暂停到12月31日", "二（五）先暂停一下吧": 暂停 said of a task with nothing after it but its day
 * pauses the task's supervision, as 暂停提醒 does ("项目暂停施工" says the work stopped: a fact).
 */
function pausesTask(F: Features, s: string): boolean {
  const bare = /暂停(?:一下|一段时间|几天)?\s*(到|至|吧|$|[,，。；;!！])/.exec(s);
  // with no task named, only a pause to a day ("那就暂停到明年2月底") is one
  return bare !== null && (task(F) !== null || /^(?:到|至)$/.test(bare[1]!));
}

function dialogue(F: Features): Detected | null {
  const c = CHOICE.exec(F.s.trim());
  if (c && !F.msg.quote) {
    const index = toInt(c[1] ?? c[2]!);
    if (index >= 1) return { intent: 'unknown', directive: { kind: 'choose', index } };
  }
  if (/^(?:确认|确定|确认导入|确定导入|导入|确认无误|没问题导入)$/.test(F.bare)) return { intent: 'ack', directive: { kind: 'confirm' } };
  if (/^(?:取消|算了|不用了|放弃|不导入|不要了|取消导入)$/.test(F.bare)) return { intent: 'unknown', directive: { kind: 'cancel' } };
  return null;
}

/** 哪些单位还没报送, 这周谁还没反馈, 今天还未报送的单位有哪些. */
function notReported(F: Features): Detected | null {
  if (hasTaskRef(F) || F.quoteTask || F.percent !== null || F.f.extension) return null;
  if (!(F.f.question || F.f.lookup || /名单|通报|列|点.?名/.test(F.s)) || !WHO_UNITS.test(F.s) || !NOT_REPORTED.test(F.s)) return null;
  return { intent: 'summary', directive: { kind: 'not_reported', window: F.window?.window ?? null } };
}

const THANKS = /谢|感谢|thank|thx|辛苦/;
/** Urging said to whoever does the work (抓紧, 注意质量, 务必按时完成): it asks nothing of the bot. */
const EXHORTATION = /^(?:请|要|务必|一定要|还要|更要|大家|各单位|同志们|你们)?(?:抓紧|加快|加紧|尽快|注意|务必|抓好|做好|盯紧|重视|把好|严把|保证|确保|按时|加油)/;
/** Said to everyone in the group (大家, 各位, 同志们), as its subject or addressee, or thanks to a person by post (谢谢领导关心). */
const TO_EVERYONE = /(?:^|[\s,，。!！~～])(?:请|祝|谢谢|感谢|辛苦)?(?:大家|各位(?:同事|领导)?|同志们|同事们|兄弟们|伙伴们)|(?:谢谢|感谢)(?:各位)?(?:领导|书记|主任|局长|处长|科长|老师)/;

/** Greetings, thanks and questions outside the bot's work get one friendly line. */
function smallTalk(F: Features): Detected | null {
  if (F.msg.mentionsPeople && !F.msg.mentionsBot) return null;
  if (F.f.smallTalk) return { intent: 'unknown', directive: { kind: 'small_talk', aside: THANKS.test(F.s) ? 'thanks' : 'greeting' } };
  const substantive = hasTaskRef(F) || F.percent !== null || F.f.done || F.f.extension || F.f.overdue || F.f.due || F.f.progress && !F.f.question;
  // "抓紧", "辛苦了，注意质量": urging and thanks only, no task named by its number, no figure, nothing asked
  const clauses = F.s.split(/[\s,，。;；!！~～、]+/).filter(Boolean);
  if (!F.refs.length && !F.quoteTask && F.percent === null && !F.f.question && clauses.length > 0
    && clauses.some((c) => EXHORTATION.test(c)) && clauses.every((c) => EXHORTATION.test(c) || (THANKS.test(c) && c.length <= 6))) {
    return { intent: 'unknown', directive: { kind: 'small_talk', aside: 'to_everyone' } };
  }
  // "今天降温了，大家注意保暖", "辛苦了，谢谢大家": words to everyone in the group, about nothing of the work
  if (TO_EVERYONE.test(F.s) && !substantive && !F.f.question && !F.f.lookup && !F.f.help && !F.f.promise && !F.f.ack && !F.unit) {
    return { intent: 'unknown', directive: { kind: 'small_talk', aside: 'to_everyone' } };
  }
  if (OFF_TOPIC.test(F.s) && !substantive && !GROUP_NOTICE.test(F.s)) return { intent: 'unknown', directive: { kind: 'small_talk', aside: 'off_topic' } };
  return null;
}

const NOT_SIGNED = /(?:未|没有?|还没有?|尚未|仍未|还未|没人|无人)\s*(?:有)?\s*签收/;

/** 哪些还没签收, 未签收的, 还有谁没签收: the units and tasks past their 签收 period. */
function unsigned(F: Features): Detected | null {
  if (!NOT_SIGNED.test(F.s) || hasTaskRef(F)) return null;
  if (!(F.f.question || F.f.lookup || /的$|名单|清单|情况|列表|哪些|哪几|谁|单位/.test(F.s.replace(/[\s\p{P}]+$/u, '')))) return null;
  return { intent: 'summary', directive: { kind: 'unsigned', unit: F.unit?.name ?? null } };
}

/** 签收, 已签收，马上办, 签收 2.3, 2.3 已签收: the unit signs for the task (or the notice's tasks). */
function sign(F: Features): Detected | null {
  if (!/签收/.test(F.s) || NOT_SIGNED.test(F.s) || F.f.question) return null;
  if (/签收\s*(?:期限|时限|时间)|(?:不需要|无需|不用|不要求|取消)\s*签收/.test(F.s)) return null; // a setting (reminder-policy.ts)
  return { intent: 'ack', directive: { kind: 'sign', task: task(F) } };
}

/** A command beyond the evaluation vocabulary, or null. */
export function detectDirective(F: Features): Detected | null {
  if (F.f.help || F.f.howTo) return null;
  return dialogue(F) ?? unsigned(F) ?? undo(F) ?? sign(F) ?? planStatus(F) ?? admin(F) ?? pendingReviews(F) ?? notReported(F) ?? byProgress(F) ?? smallTalk(F) ?? decisions(F);
}

const TOPICS: [HelpTopic, RegExp][] = [
  ['reminders', /提醒|催办/], ['done', /办结|销号/], ['extension', /延期|宽限|延到|推迟|延后/],
  ['binding', /绑定|群|联络员|管理员|角色/], ['import', /导入|方案|文件/], ['ledger', /台账|导出|通报|报表/],
  ['reporting', /进度|进展|汇报|上报|填报|报送|报/],
];

/** The topic of a how-to question (提醒怎么关掉 → reminders), or null for the whole manual. */
export function helpTopic(F: Features): Detected | null {
  const hit = TOPICS.find(([, re]) => re.test(F.s));
  return hit ? { intent: 'help', directive: { kind: 'help', topic: hit[0] } } : null;
}

function undo(F: Features): Detected | null {
  const moved = detectRetarget(F);
  if (moved) return { intent: 'unknown', directive: moved };
  const d = detectUndo(F);
  return d ? { intent: 'unknown', directive: d } : null;
}

function planStatus(F: Features): Detected | null {
  const d = detectPlanStatus(F);
  return d ? { intent: 'unknown', directive: d } : null;
}
