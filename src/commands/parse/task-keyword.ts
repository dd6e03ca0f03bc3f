/**
 * Task references by title or content words, kept as written but without fillers:
 * `疾控那条进度六成` → `疾控`, `急救能力那项` → `急救能力`, `急救能力建设任务已完成` →
 * `急救能力建设`. Without a filler, the subject before 进度 / 完成了吗 / 怎么样 is taken
 * (`集采的进度怎么样` → `集采`), unless it is a unit, a period or a generic word.
 */
import { rawSlice, type Norm } from './normalise.ts';
import { overlaps, type Span } from './spans.ts';
import type { TaskRef } from './task-ref.ts';
import { ACK, RESULT_VERB, SMALL_TALK } from './lexicon.ts';

const FILLER = /(?:的事情|的事儿|(?:的)?(?:那个事情|这个事情|那件事情|这件事情|那一项|这一项|那个任务|这个任务|那项任务|这项任务|那项|这项|那个|这个|那条|这条|那块|这块|那件事|这件事|那件|这件|那单|这单|那部分|这部分|任务|事项)|的(?=也|都|还|已|就))/g;
/** Adverbs of a predicate (还差一点点, 已经, 正在): what holds one tells of the work, it names no task. */
const PREDICATE = /还差|还没|还在|还有|还剩|已经|正在|一点点/;
/** Sentence-final particles: a title never holds one, so what comes before ends another clause. */
const SENTENCE_END = /.*[了啊吧呢嘛呀啦哦哈]/;
const WORD = /[\u3400-\u9fffa-z0-9+]+$/;
const LEAD = /^(?:(?:各位)?(?:领导|局长|主任|书记|处长|科长|老师|同志们?|大家)(?:们)?(?:好|您好)|呃|额|嗯|哎|诶|欸|喂|啊|哦|噢|喔|哈|嘿|就是|然后|能不能|能否|可否|可不可以|是否可以|是否能|申请|想|请|这边|那边|方面|关于|对于|有关|请问|问一下|问下|麻烦|帮我|帮忙|查一下|查下|查查|查询|查看|查|列一下|列下|列出|列个|给我|发我|调出|拉一下|统计一下|看一下|看看|看下|说下|汇报|报告|报一下|报|我们单位|我单位|本单位|我们局|我局|我手上|我手头|手上|手头|我们|我的|咱们|收到|好的|另外|上午|下午|中午|晚上|稍后|晚点|明天|后天|还有|目前|现在|那一项|这一项|那项|这项|那个|这个|那条|这条|那|这|把|将|就|的|对|再|和|跟|与|今天|昨天|本周|这周|本月|下月|今年|明年|本季度|已经|已)+/;
const GENERIC = /^(?:这|那|我|我们|我的|我们的|你|你们|您|您们|他们|她们|人家|机器人|小助手|助手|系统|大家|全部|所有|各项|各|本|每|哪|哪些|哪个|几|几项|其他|其它|剩下|剩余|新|老|重点|督办|逾期|超期|到期|过期|快到期|即将到期|延期|未完成|没完成|已完成|完成|办结|本周|下周|本月|下月|今年|明年|单位|部门|各单位|整体|总体|全区|一些|这些|那些|上述|以上|所|该|此|目前|现在|进度|情况|工作|事情|东西|内容|问题|材料|计划|方案|提醒|消息|通知|东|啥|什么|这边|那边|方面|负责|牵头|承办|配合|参与|相关|分管|主管|在办|手上|手头|本期|当期|上期|这期|这一期|本轮|这次|本次|上次|上个?月|上周|上季度|去年|前年|这个?月|下个?月|本季度|这季度|下季度)$/;
const QUERYISH = /哪|几|什么|啥|多少|谁|怎么|如何|吗|呢|么/;

const BAD = /(?<![国所私公共])有$|[那这哪]些$|[一两几]份|本季度|本月|本周|今年|上半年|下半年|要完成|需完成|要办|要交|要报|没|未|逾期|超期|到期|过期|延期|任务|单位|汇总|通报|整体|总体|统计|情况|进度|进展|所有|全部|提醒|天气|吃饭|会议|开会|全区|督办|截止|超过|时限|期限|拖(?:了|延|期|着|太久|很久)|滞后|延误|^各/;

function leadLength(seg: string): number {
  return LEAD.exec(seg)?.[0].length ?? 0;
}

export function usable(word: string, unitTexts: string[]): boolean {
  if (word.length < 2 || word.length > 16) return false;
  if (ACK.test(word) || SMALL_TALK.test(word)) return false; // 收到, 好的谢谢: said to the bot, not a title
  if (GENERIC.test(word) || QUERYISH.test(word) || BAD.test(word)) return false;
  if (/^\d+$/.test(word)) return false;
  // a verb with its directional complement (折算下来, 算起来, 看出来) says how, it names no work
  if (/(?:下来|起来|出来|过来|上来|下去)$/.test(word)) return false;
  // pronouns and deictics alone (我这边的, 咱们那个) point at the speaker or the chat, never at a title
  if (/^[我你您他她它咱们这那哪边里儿的个些]+$/.test(word)) return false;
  if (/^[一二两三四五六七八九十几\d]+(?:项|个|条|件)/.test(word)) return false; // 两项都已办结: a count, not a title
  return !unitTexts.some((u) => u === word);
}

/** Strips a leading unit name (卫健局急救那项 → 急救). */
function stripUnit(start: number, end: number, units: Span[]): number {
  const u = units.find((x) => x.start >= start && x.start <= start + 1 && x.end < end);
  return u ? u.end : start;
}

/** A title in quotes named as a task: `关于“健全完善医改绩效考核机制”任务办结的报告`. */
const QUOTED_TITLE = /[“"「『]([^”"」』]{2,30})[”"」』]\s*(?:任务|那项|这项|工作|事项)/;
/** The task moved in an extension request: `申请将一老一小延期至…`. */
const MOVED = /(?:将|把)\s*([\u3400-\u9fffa-z0-9+]{2,16}?)\s*(?:那项|这项|那个|这个|那块|这块|那条|任务|事项)?\s*(?:的?(?:完成)?(?:时限|期限))?\s*(?=延期|延到|延至|延后|推迟|顺延|宽限|往后)/;

/** A keyword reference marked by a filler (那项, 那个, 任务 …), or null. */
export function findKeywordRef(n: Norm, s: string, units: Span[], refs: TaskRef[], taken: Span[] = []): TaskRef | null {
  const unitTexts = units.map((u) => s.slice(u.start, u.end));
  for (const re of [QUOTED_TITLE, MOVED]) {
    const m = re.exec(s);
    if (!m) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    const span = { start, end: start + m[1]!.length };
    if (usable(m[1]!, unitTexts) && !overlaps(refs, span) && !overlaps(taken, span) && !overlaps(units, span)) return { ...span, text: rawSlice(n, span.start, span.end) };
  }
  for (const m of s.matchAll(FILLER)) {
    // a Latin name set apart by a space (`AED 那项`); Chinese runs on into its filler
    const gap = /(?<=[a-z0-9+])( +)$/.exec(s.slice(0, m.index))?.[1]!.length ?? 0;
    const head = WORD.exec(s.slice(Math.max(0, m.index - gap - 20), m.index - gap));
    if (!head) continue;
    let start = m.index - gap - head[0].length;
    // a clause ended by a sentence particle is said before the title (不好意思晚了啊那个卒中中心 …)
    const said = SENTENCE_END.exec(s.slice(start, m.index));
    if (said) start += said.index + said[0].length;
    start = stripUnit(start, m.index, units);
    const lead = leadLength(s.slice(start, m.index));
    const word = s.slice(start + lead, m.index).trimEnd().replace(/的$/, '');
    if (!usable(word, unitTexts) || PREDICATE.test(word)) continue;
    if (englishWord(n, start + lead, start + lead + word.length)) continue; // next week due 的任务
    const span = { start: start + lead, end: start + lead + word.length };
    if (overlaps(refs, span) || overlaps(taken, span)) continue;
    return { ...span, text: rawSlice(n, span.start, span.end) };
  }
  const r = RECORD.exec(s);
  if (r && usable(r[1]!, unitTexts) && !overlaps(units, { start: 0, end: r[1]!.length })) {
    return { start: 0, end: r[1]!.length, text: rawSlice(n, 0, r[1]!.length) };
  }
  const t = TOPIC.exec(s);
  // a Latin topic only as an acronym written in capitals (DRG 12月20号), never an English word (show overdue)
  const latinWord = t !== null && englishWord(n, 0, t[1]!.length);
  // two characters set apart are a topic only before a day or a figure (托育 12.15), not before words (出个 ranking)
  const shortTopic = t !== null && t[1]!.length === 2 && !/^\s+[\d一二三四五六七八九十]/.test(s.slice(2));
  if (t && !latinWord && !shortTopic && usable(t[1]!, unitTexts) && !/[没未还已于]/.test(t[1]!) && !NOT_A_TITLE.test(t[1]!) && leadLength(t[1]!) === 0) {
    const span = { start: 0, end: t[1]!.length };
    if (!overlaps(refs, span) && !overlaps(taken, span) && !overlaps(units, span)) return { ...span, text: rawSlice(n, 0, span.end) };
  }
  return null;
}

const SUBJECT = new RegExp(`^([\\u3400-\\u9fffa-z0-9+]{2,24}?)(?:的)?(?=(?:到底|究竟)?${RESULT_VERB}了(?:没有?|吗|么)|申请延期|申请延|申请宽限|进度|进展|情况|现在|目前|还没|还未|尚未|完成|办结|做完|办完|搞定|到哪|啥时候|什么时候|截止|谁负责|谁牵头|由谁|是谁|落实|已经?(?:全部|全面)?(?:完成|办结|做完|搞定|办完))`);

/** A task's record or state asked for by its title: `医共体的办理记录`, `深化医保支付方式改革的最新进展情况`. */
const RECORD = /^([\u3400-\u9fffa-z0-9+]{2,24}?)\s*的?\s*(?=(?:办理|报送|上报|进展|推进|督办|处理|操作)?(?:记录|历史)|(?:最新)?(?:进展|办理|推进|落实)情况\s*$)/;

/**
 * Words a title (a noun phrase) does not hold: particles, people and the way they are addressed
 * (领导, 张科, 同志们), greetings, thanks, tests, short answers.
 */
export const NOT_A_TITLE = /^[不没别]|可以|再(?:说|看|议|定)$|^(?:是|对)|[了吧吗呢啊哦呀啦嘛么谢好你我他她您们]|大家|各位|领导|同志|老师|师傅|辛苦|麻烦|请问|报告|测试|机器人|系统|一下|不同意|同意|批准|驳回|退回|确认|取消|(?:科|科长|局长|主任|处长|书记|部长|经理|主席)$/;

/**
 * An English word, not a task's acronym: written in lower case (show, due), or one of the
 * abbreviations English chat writes before a message (FYI, PS, BTW). AED, DRG and HIS are acronyms.
 */
function englishWord(n: Norm, start: number, end: number): boolean {
  const word = n.s.slice(start, end);
  if (!/^[a-z][a-z0-9+]*$/.test(word)) return false;
  return !/^[A-Z][A-Z0-9+]{1,9}$/.test(rawSlice(n, start, end)) || CHAT_ABBREVIATION.test(word);
}

/** What English chat writes before a message (FYI, PS, BTW): no acronym of a task. */
const CHAT_ABBREVIATION = /^(?:fyi|ps|btw|eta|asap|ok|tbd|pls|plz|np|thx|nb|re|cc)$/;

/** A topic set apart at the start, the rest said of it: `基金监管 八成多了`, `中医药 下周五`. */
const TOPIC = /^([\u3400-\u9fff+]{2,12}|[a-z][a-z0-9+]{1,9})\s+(?=\S)/;

/** The subject of a question or a completion without a filler (集采的进度怎么样 → 集采). */
export function findSubjectRef(n: Norm, s: string, units: Span[], taken: Span[] = []): TaskRef | null {
  // the subject opens the message, or a later sentence of it (天冷了大家注意身体。另外，财政补助办法出台了没有？)
  // (a later sentence only when it asks: "台账还没核完" after a request tells why, it names no task)
  for (const at of [0, ...[...s.matchAll(SENTENCE_START)].map((m) => m.index! + m[0].length)]) {
    if (at > 0 && !ASKS.test(s.slice(at).split(/[。！!；;\n]/)[0]!)) continue;
    const ref = subjectAt(n, s, at, units, taken);
    if (ref) return ref;
  }
  return null;
}

/** A sentence that asks (…出台了没有？, …建成了吗): only then does a later sentence's subject name a task. */
const ASKS = /[?？]|吗|么|没有?\s*$/;

/** Where a later sentence starts: after a full stop, with its connective (另外, 还有) left out. */
const SENTENCE_START = /[。！？!?；;\n]\s*(?:另外|还有|再就是|顺便问一下|顺便问下|顺便|对了|那么)?[,，:：\s]*/g;

/** The sentence `at` stands in, from its start (the message's, or the last full stop before `at`). */
export function sentenceAt(s: string, at: number): string {
  const stops = [...s.slice(0, at).matchAll(/[。！？!?；;\n]/g)];
  return s.slice(stops.length ? stops[stops.length - 1]!.index! + 1 : 0);
}

function subjectAt(n: Norm, s: string, from: number, units: Span[], taken: Span[]): TaskRef | null {
  let lead = from + /^[\s,，。:：]*/.exec(s.slice(from))![0].length;
  // a unit signing first, set apart (宣传部 健康佛山行动已全部完成): the subject follows it
  const signer = units.find((u) => u.start === lead && /^[\s:：,，]+\S/.test(s.slice(u.end)));
  if (signer) lead = signer.end + /^[\s:：,，]*/.exec(s.slice(signer.end))![0].length;
  const body = s.slice(lead);
  const m = SUBJECT.exec(body);
  if (!m) return null;
  const raw = m[1]!;
  let start = lead + leadLength(raw);
  start = stripUnit(start, lead + raw.length, units);
  start += leadLength(s.slice(start, lead + raw.length)); // 医保那个支付方式改革 → 支付方式改革
  const word = s.slice(start, lead + raw.length).replace(/的$/, '').replace(/(?:都|均|也|全部|全)$/, '');
  if (units.some((u) => u.start <= start && u.end >= start + word.length)) return null;
  if (!usable(word, units.map((u) => s.slice(u.start, u.end))) || /[没未还已于]/.test(word)) return null;
  if (/^申请/.test(body.slice(raw.length).replace(/^的/, '')) && NOT_A_TITLE.test(word)) return null; // 我要申请延期
  if (overlaps(taken, { start, end: start + word.length })) return null;
  return { start, end: start + word.length, text: rawSlice(n, start, start + word.length) };
}

/** The speaker's own task pointed at (我们那项, 俺们的那个). */
export const OWN_TASK = /(?:我们|咱们|我单位|本单位|我局|我们单位)(?:的)?(?:那项|这项|那个|这个|那一项|这一项)/;
/** …just before the words that follow it. */
const OWN_TASK_BEFORE = new RegExp(`${OWN_TASK.source}\\s*$`);
/** Words naming a part of the work, not a task: 人员编制统筹的部分, 培训方面, 资金这块. */
const OWN_PART = /(?:的)?(?:部分|方面|这块|那块|这一块|那一块)$/;
/** Right after words that name a plan: "这个方案", "的计划". */
const NAMES_A_PLAN = /^\s*(?:重点)?(?:任务|工作|事项)?\s*(?:这个|那个|这一|的|整个)?\s*(?:实施)?(?:方案|计划)/;
/** Progress words beside a figure: "完成百分之八十" is a figure, not a title. */
const PROGRESS_WORDS = /完成|进度|进展|已经?|了|约|大约|大概/g;

/**
 * Words a keyword reader took that name no task: the progress figure itself ("百分之八十",
 * "完成百分之八十"), the part of the speaker's own task they did ("我们那项人员编制的部分完成30%"),
 * or the plan ("深化医改重点任务这个方案整体暂停").
 */
export function namesNoTask(s: string, ref: TaskRef | null, figure: Span | null): boolean {
  if (!ref) return false;
  if (figure && overlaps([figure], ref) && !/[\u4e00-\u9fff]{2}/.test((s.slice(ref.start, figure.start) + s.slice(figure.end, ref.end)).replace(PROGRESS_WORDS, ''))) return true;
  if (OWN_PART.test(s.slice(ref.start, ref.end)) && OWN_TASK_BEFORE.test(s.slice(0, ref.start))) return true;
  return NAMES_A_PLAN.test(s.slice(ref.end));
}
