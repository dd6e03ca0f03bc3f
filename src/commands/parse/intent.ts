/**
 * The ordered rules of the labelling page (../shared/eval/chat-labeling.md):
 * 1 addressee, 2 how-to → help, 3 questions are queries (a permission question to move a
 * deadline is a request), 4 done vs progress, 5 substance beats acknowledgement,
 * 6 overdue / due soon / unit / summary, 7 clarify only when the action is undecidable.
 */
import type { Features } from './features.ts';
import { ACK_EMOTICON, CHASING, DONE_AFTER_DAY, DONE_IN_CLAUSE, GROUP_NOTICE, HANDOFF, PROGRESS, PROMISE, QUESTION } from './lexicon.ts';
import type { Intent } from './schema.ts';
import { OWN_TASK } from './task-keyword.ts';

/** ✅ ✔ ☑: the sender marks the work as done. */
const CHECK_MARK = /[\u2705\u2714\u2611]/u;
const PROMISE_CLAUSE = new RegExp(`(?:${PROMISE.source})[^,，。;；!！]*`, 'g');
const PAST_DONE = /已(?!收到|收悉|收讫|阅|知悉|知晓)|了|搞定|做完|办完|办结|销号|done|finished|completed/;
const OVERDUE_LIST = /任务|事项|清单|列表|名单|明细|情况|有哪|哪些/;
const UNFINISHED_LIST = /没完成|未完成|还有哪些|还剩|剩下|剩余|没办完|没办结|未办结|在办/;

const WILL_WORD = /能|可以|可|会|争取|要/;
const FORECAST = /预计|计划|争取|力争|估计|有望|应该|确保|打算/;

/** A completion expected on a future day: `下周二前完成`, `12月20日完成`. */
function futureDone(F: Features): boolean {
  return F.dates.some((d) => {
    if (d.date === null || d.date < F.today.day) return false;
    const m = DONE_AFTER_DAY.exec(F.s.slice(d.end, d.end + 8));
    if (m === null) {
      // the completion said further on in the day's clause, not done yet (no 已 or 了 on it)
      const later = DONE_IN_CLAUSE.exec(F.s.slice(d.end, d.end + 30));
      return d.date > F.today.day && later !== null && !/已|了/.test(later[0]) && !/^\s*了/.test(F.s.slice(d.end + later[0].length));
    }
    if (d.date !== F.today.day) return true;
    // 今天搞定了, 今天完成 ✅, 今天全部完成: done today; 今天完成, 今天能全部完成, 预计今天完成: still to come
    if (/^\s*了/.test(F.s.slice(d.end + m[0].length)) || CHECK_MARK.test(F.msg.replyRaw)) return false;
    return !/全部/.test(m[0]) || WILL_WORD.test(m[0]) || FORECAST.test(F.s.slice(Math.max(0, d.start - 6), d.start));
  });
}

const DONE_WORD = /(?:已经?|均已|都已|全部)?(?:完成|做完|建成|办完|完工|落实|结束|弄完|搞完|干完|做好|办好|弄好|搞好|搞定)/;
/**
 * The closed class of adverbs of stance and time that can stand between a task and its completion
 * (二（一）其实上周就弄完了): they say how or when it was done, never which part of it.
 */
const STANCE_ADVERB = '其实|确实|的确|实际上|事实上|真的|果然|总算|终于|业已|本来|原本|基本上|大体上|早就|早已|老早|刚刚|刚才|刚|已然';
const NOT_A_PART = new RegExp(`${STANCE_ADVERB}|[\\s\\p{P}\\p{S}\\d]|我们单位|我单位|本单位|我们|我局|咱们|本项|该项|此项|这项|本任务|任务|全部|已经|已|均|都|目前|现在|的|工作|各项|所有|事项|那项|这项|那个|这个|那条|那块|按要求|按时|顺利|全面|圆满|如期|按期|提前|彻底|基本|也|建设|今天|昨天|前天|本周|上周|上个?月|上星期|前几天|前些天|日前|近日|此前|早就|早已|早|就|以经|己经`, 'gu');

/** `签约工作已全部完成`, `集采任务已经完成了`: the task's work as a whole, not one part of it. */
const WHOLE_WORK = /(?:工作|任务)\s*(?:已经?)?\s*(?:全部|全面|均|都)|任务\s*(?:已经?|均已|都已)?\s*$/;
/** `DRG付费改革已于11月18日全面完成`: completed in full, unless work is still going on after it. */
const IN_FULL = /(?:全部|全面|圆满)\s*$/;
const WILL = /(?:能|可以?|会|争取|力争|要|将|预计|计划|确保)\s*(?:全部|全面|圆满)?\s*$/;
const STILL_GOING = /正在|还在|仍在|推进|下一步|剩|还差|[\u4e00-\u9fff]中(?:[,，。;；\s]|$)/;
/** `4-2 申请销号 已全部完成`: asking to close the task names no part of it. */
const CLOSE_REQUEST = /(?:申请|请求|请|可以|可)?(?:销号|办结|核销)/g;

/** A part of the task named before the completion (`2.3 设备招标已完成`): progress, not 办结. */
function partDone(F: Features): boolean {
  return donePart(F) !== null;
}

/** The words of the part said to be done (`2.3 胸痛中心建设已完成` → 胸痛中心), or null when the whole task is. */
export function donePart(F: Features): string | null {
  const anchor = F.refs[0] ?? F.keyword;
  if (!anchor) return null;
  let s = F.s;
  for (const sp of [...F.dates, ...F.units]) s = s.slice(0, sp.start) + ' '.repeat(sp.end - sp.start) + s.slice(sp.end);
  const m = DONE_WORD.exec(s.slice(anchor.end));
  if (!m) return null;
  // only the completion's own clause: `已覆盖全部机构，任务完成` names no part
  const clause = s.slice(anchor.end, anchor.end + m.index).split(/[,，。;；!！]/).pop()!;
  // the task as a thing said of (那个事儿, 这件事情) is no part of it
  const between = clause.replace(/^.*(?:(?:那项|这项|那个|这个|那条|那块|那件|这件)(?:事儿?|事情)?|[那这]事儿?)/, '');
  const before = s.slice(anchor.end, anchor.end + m.index);
  if (WHOLE_WORK.test(before + m[0]) || WHOLE_WORK.test(before)) return null;
  if ((IN_FULL.test(before) || m[0].startsWith('全部')) && !WILL.test(before) && !STILL_GOING.test(s.slice(anchor.end + m.index + m[0].length))) return null;
  const part = between.replace(CLOSE_REQUEST, '').replace(NOT_A_PART, '');
  return /[\u3400-\u9fff]{2,}/.test(part) ? part.trim() : null;
}

/**
 * The whole task declared finished in the register of a written report: `本任务已全部办结`,
 * `已按要求完成各项工作`, or a completion with a request to close it (`…已全面完成，特申请销号`).
 */
const DECLARED_DONE = /(?:^|[,，。;；!！\s])任务\s*(?:已经?|均已)?\s*(?:全部|全面|圆满|顺利)?\s*(?:完成|办结)\s*(?:了)?(?=$|[,，。;；!！\s])|(?:该项|本项|此项|本|该|此)\s*(?:任务|工作|事项)\s*(?:已经?|均已)?\s*(?:全部|全面|圆满|顺利)?\s*(?:完成|办结)|任务\s*(?:已经?)\s*(?:全部|全面|圆满)\s*(?:完成|办结)|(?:已|均已)按要求完成(?:各项|全部)(?:工作|任务)|(?:各项|全部)(?:工作|任务)(?:均已|已经?|均)(?:全部)?完成/;
const CLOSE_CLAIM = /(?:申请|请予|请求|恳请|报请)\s*(?:予以)?\s*(?:办结|销号)|(?:请|予以)\s*销号/;

function declaredDone(F: Features): boolean {
  if (F.f.notDone || (F.percent !== null && F.percent !== 100)) return false;
  if (DECLARED_DONE.test(F.s)) return true;
  // 下周申请销号 is a plan, not a claim
  return CLOSE_CLAIM.test(F.s) && F.f.done && !F.dates.some((d) => d.date !== null && d.date > F.today.day);
}

/** A completion on a day already past: `于10月8日完成`. */
function pastDone(F: Features): boolean {
  return F.dates.some((d) => d.date !== null && d.date <= F.today.day && DONE_AFTER_DAY.test(F.s.slice(d.end, d.end + 6)));
}

const PREPARING_REPORT = /(?:正在|在|抓紧|加紧|正抓紧)\s*(?:整理|准备|汇总|收集|核实|核对|统计|梳理|撰写|填报|填写|对接)\s*(?:相关)?\s*(?:材料|数据|资料|报表|情况|进展|进度|台账|表格|报告|佐证)?(?:材料)?\s*(?:中)?(?=$|[,，。;；!！\s])/g;

/** Work facts once promises (马上报进度, 尽快落实) are set aside. */
function hasFacts(F: Features): boolean {
  // 收到，已转办公室办理: work handed on, when the message acknowledges, is no fact of the task's work either
  let rest = F.s.replace(PROMISE_CLAUSE, ' ');
  if (F.f.ack || F.msg.quote) rest = rest.replace(HANDOFF, ' ').replace(CHASING, ' ');
  // 收到，正在整理材料，明天报: preparing the report it promises is no fact of the task's work
  if (rest !== F.s) rest = rest.replace(PREPARING_REPORT, ' ');
  return PROGRESS.test(rest);
}

/** The reply once slot text, fillers and particles are removed. */
function residue(F: Features): string {
  let s = F.s;
  for (const sp of [...F.refs, ...F.dates, ...F.units, ...(F.keyword ? [F.keyword] : []), ...(F.window ? [F.window] : [])]) {
    s = s.slice(0, sp.start) + ' '.repeat(sp.end - sp.start) + s.slice(sp.end);
  }
  return s.replace(/[\s\p{P}\p{S}]|那项|这项|那个|这个|那条|那块|任务|的|前|之前|左右|呢|吧|啊|吗|了/gu, '');
}

/** The words of how far the work is ("差不多了", "基本完成", "快完成了"), taken out to see that nothing else is said. */
const AMOUNT_WORDS = /差不多|基本上?|大体上?|大部分|大半|一大半|快要?|即将|接近|就要|完成|办结|做完|办完|弄完|搞完|干完|完工|搞定|结束|得|都|已经?|目前|现在|我们|这边|也/g;
export function vagueOnly(F: Features): boolean {
  return residue(F).replace(AMOUNT_WORDS, '').length === 0;
}

/** Names a task, unit, day or period with nothing else to act on (rule 7). */
function namesSomething(F: Features): boolean {
  if (F.refs.length > 0 || F.keyword !== null) return true;
  if (!(F.unit !== null || F.dates.some((d) => d.date || d.impossible) || F.window !== null)) return false;
  return residue(F).length <= 2;
}

const TASK_FACT_QUERY = /^(?:最新|目前|现在|当前|当)?(?:的)?(?:进展|进度|情况|进展情况|完成情况|办理情况|推进情况|落实情况|截止时间|截止日期|到期时间|到期日|期限|时限|牵头单位|责任单位|负责人|详情|状态|(?:办理|报送|上报|汇报|进展|进度|推进|督办|历史|操作|处理)?(?:记录|历史|过程|经过)(?:记录)?)$/;

/** An overview across units (各单位逾期情况汇总), whatever status it counts. */
const ACROSS_UNITS = /(?:各|每个|所有|全部|分|按)(?:单位|部门)[^,，。;；]{0,8}(?:汇总|通报|统计|排个?名|排行|排序|对比)/;
/** 共多少项，办结几项，逾期几项: several counts asked in one breath are an overview. */
const COUNT = /几项|几个|几条|几件|几家|多少项?|多少个/g;
/** The other sets a count may be of: finished work, and all of it. */
const COUNTED_DONE = /完成|办结|销号|做完|办完/;
const COUNTED_ALL = /一共|共有|总共|总数|合计|共计|全部|所有/;
const EACH_COUNT = /各有(?:几|多少)|各(?:几|多少)(?:项|个|件|条)|分别(?:有|是)?(?:几|多少)/;

const FIGURE = /[零〇一二两三四五六七八九十百]+成[零〇一二三四五六七八九半]?|百分之[零〇一二两三四五六七八九十百\d]+|进度|\d+/g;

function hasTask(F: Features): boolean {
  return F.refs.length > 0 || F.keyword !== null;
}

function classifyQuery(F: Features): Intent {
  const { f } = F;
  if (hasTask(F) || F.quoteTask) return 'query_task';
  // the speaker's own one task pointed at (我们那项截止时间是哪天?): a question about it, not a list
  if (OWN_TASK.test(F.s) && !F.s.match(COUNT) && !/哪些/.test(F.s)) return 'query_task';
  if (EACH_COUNT.test(F.s)) return 'summary';
  // 医保分局一共几项？完成了几项？: several counts of one unit are that unit's overview
  if ((F.s.match(COUNT)?.length ?? 0) >= 2) {
    // 逾期的有几项？都是哪些单位的？: several questions about one set of tasks are that set's query
    const statuses = [f.overdue, f.due, COUNTED_DONE.test(F.s), COUNTED_ALL.test(F.s)].filter(Boolean).length;
    if (statuses === 1 && f.overdue) return 'query_overdue';
    if (statuses === 1 && f.due) return 'query_due_soon';
    if ((F.unit || f.unitSelf) && !/各|单位|部门|哪家/.test(F.s.replace(/我们?单位|本单位/g, ''))) return 'query_unit';
    return 'summary';
  }
  if ((f.ranking && (f.summary || /单位|部门|哪家/.test(F.s))) || ACROSS_UNITS.test(F.s)) return 'summary';
  if (f.overdue) return 'query_overdue';
  if (f.due) return 'query_due_soon';
  if (F.subject) return 'query_task';
  if (F.unit) return 'query_unit';
  if (f.summary) return 'summary';
  if (f.unitSelf || UNFINISHED_LIST.test(F.s)) return 'query_unit';
  if (/完成了|办结了|已完成|已办结|完成情况/.test(F.s)) return 'summary'; // 本月完成了多少项: finished work across units
  if (F.window && /任务|事项|哪些|什么|几项|多少/.test(F.s)) return 'query_due_soon';
  return namesSomething(F) ? 'clarify' : 'unknown';
}

function classifyStatement(F: Features): Intent | null {
  const { f } = F;
  const future = futureDone(F);
  if (F.percent === 100) return 'mark_done';
  if (!hasTask(F) && ((f.ranking && /单位|部门|哪家/.test(F.s)) || /排个?名|排行|倒数/.test(F.s) || ACROSS_UNITS.test(F.s))) return 'summary';
  if (f.overdue && !hasTask(F) && F.percent === null && (F.window?.window.startsWith('overdue') || OVERDUE_LIST.test(F.s))) return 'query_overdue';
  const promised = f.promise && !PAST_DONE.test(F.s.replace(PROMISE_CLAUSE, ' ')) && !CHECK_MARK.test(F.msg.replyRaw);
  const done = f.done || pastDone(F);
  if (!promised && declaredDone(F)) return 'mark_done';
  const part = done && partDone(F);
  if (done && !part && !f.partial && !f.vague && !f.notDone && !future && !f.expected && F.percent === null && !promised) return 'mark_done';
  if (F.percent !== null || f.partial || f.vague || part || f.notDone || future || f.expected) return 'report_progress';
  if (hasFacts(F) && !(f.ack && F.bare.length <= 4)) return 'report_progress';
  if (f.ack || f.promise || F.nod) return 'ack';
  return null;
}

/** The evaluation intent of a message. */
export function classify(F: Features): Intent {
  const { f } = F;
  if (/^[\s?？]+$/.test(F.s) && /[?？]/.test(F.s)) return 'help';
  if (!F.bare) {
    if (F.nod || F.msg.emoticons.some((e) => ACK_EMOTICON.test(e))) return 'ack';
    return 'unknown';
  }
  if (F.msg.mentionsPeople && !F.msg.mentionsBot) return 'unknown';
  if (f.help || f.howTo) return 'help';
  if (f.smallTalk) return 'unknown';
  const substantive = hasTask(F) || F.percent !== null || f.done || f.extension;
  if (f.notice && !substantive) return 'unknown';
  if (GROUP_NOTICE.test(F.s) && F.percent === null && !f.extension) return 'unknown';
  const question = f.question || f.lookup;
  const listing = !hasTask(F) && F.percent === null && /的(?:任务|事项|工作)?(?:清单|列表)?$/.test(F.bare);
  if (listing && f.due && !f.overdue && !question) return 'query_due_soon';
  if (f.extension && !(question && f.extStatus)) return 'request_extension';
  // `3.2 七成？`: a task and a figure with a question mark may be a report or a question
  if (f.question && hasTask(F) && F.percent !== null && !/[\u4e00-\u9fff]/.test(residue(F).replace(FIGURE, ''))) return 'clarify';
  // `二（六）进度50%，这个要不要上传证书？`: a report whose figure stands in a clause of its own, a question
  // after it, is the report (the question is for a person; the report is recorded)
  if (question && reportThenQuestion(F)) return classifyStatement(F) ?? 'report_progress';
  if (question || (hasTask(F) && TASK_FACT_QUERY.test(residue(F)))) return classifyQuery(F);
  const statement = classifyStatement(F);
  if (statement) return statement;
  if (f.overdue && !hasTask(F)) return 'query_overdue';
  if (f.due && (F.window || F.dates.length) && !hasTask(F)) return 'query_due_soon';
  if (f.due && !hasTask(F) && F.percent === null && /(?:到期|截止)的?(?:任务|事项)?$/.test(F.bare)) return 'query_due_soon'; // 卫健局到期
  if (f.summary && !hasTask(F)) return 'summary';
  if ((F.unit || f.unitSelf) && !hasTask(F) && f.unitQuery) return 'query_unit';
  if (plannedStep(F)) return 'report_progress';
  return namesSomething(F) ? 'clarify' : 'unknown';
}

/** A task and its figure stated in a clause with no question, and a question in a later clause. */
function reportThenQuestion(F: Features): boolean {
  if (!hasTask(F) || F.percent === null || !F.percentAt) return false;
  const clauses = F.s.split(/(?<=[,，。;；!！])/);
  const asks = (c: string) => QUESTION.test(c) || /[?？]/.test(c);
  // the clause the figure stands in, by where it was read
  let end = 0;
  const figure = clauses.findIndex((c) => (end += c.length) > F.percentAt!.start);
  const ask = clauses.findIndex(asks);
  return figure >= 0 && ask > figure && !asks(clauses[figure]!);
}

/**
 * A step of the task set for a day to come (`3.2 医防融合门诊下下周一全部开诊`, `方案预计12月底前印发`):
 * what will be done and when is a report, though it names no figure. A task and a day alone
 * (`3.3 廿五号`) say nothing of the work, and are asked about.
 */
function plannedStep(F: Features): boolean {
  const ahead = F.dates.some((d) => (d.date !== null && d.date > F.today.day) || d.impossible) || /^next_|^tomorrow$/.test(F.window?.window ?? '');
  if (!hasTask(F) || !ahead) return false;
  return (residue(F).match(/[\u3400-\u9fff]/g)?.length ?? 0) >= 4;
}
