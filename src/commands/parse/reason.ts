/**
 * The reason of an extension request: the stated cause as written, without its leading
 * connective (原因是, 原因：, 理由：, 因, 由于, 因为) and without trailing punctuation.
 * A cause given with no connective (`能延到月底吗？台账还没核完`) is still the reason;
 * the request itself, the date, the task and politeness (请领导审批) are not.
 */
import { rawSlice, type Norm } from './normalise.ts';
import { EXTENSION, EXT_PERMISSION, ACK } from './lexicon.ts';
import { maskSpans, type Span } from './spans.ts';

const CONNECTIVE = /(?:(?:具体)?(?:原因|理由)如下[:：]?|具体原因[:：]?|原因系|原因在于|主要原因系|主要原因是|主要原因为|主要是因为|原因是|原因为|原因主要是|原因[:：]|(?:原因|理由)(?=[\s:：]|$)|理由是|理由为|理由[:：]|因为|由于|鉴于|due to|because of|because|owing to|(?<!原)因(?![此而素]))\s*/;
const REQUEST_TAIL = /(?:特此|特|故|所以|因此|现|需要|需|想|拟|要|只能|只好|申请|请求|恳请)?\s*(?:申请|请求)?\s*(?:看看?|问问?)?\s*(?:能不能|能否|可不可以|可否|是否(?:可以|能)?|可以)?\s*(?:再|稍微|适当)?\s*(?:延到|延至|推迟到|推迟至|(?:延期|延后|延长|宽限|顺延|调整(?:完成)?(?:时限|期限))(?=$|\s|到|至|为|申请|[\d一二两三四五六七八九十半几个]|时限|期限|完成))/;
const POLITE = /^(?:不好意思|抱歉|很抱歉|对不起|实在抱歉|(?:(?:尊敬的|各位)?领导|[\u4e00-\u9fff]{1,2}(?:主任|局长|书记|科长|部长|区长|处长))(?:您好|你好|好)?$|不知道?(?:可以|可否|能否|行不行|能不能|是否可以)|望|恳请|烦请|特此|谢谢|感谢|麻烦|盼|妥否|以上|特申请|现申请|申请|请领导|望领导|请批准|望批准|请审批|请予|敬请|请示|是否可以|可以吗|行吗|好吗|能否|可否|可不可以|能不能|行不行|好不好|拜托|辛苦)/;
/** `预计12月20日完成`: the new date restated, not a cause. */
/** `具体时间待定`, `无法按期完成`: the request's own terms or consequence, not its cause. */
const NOT_A_CAUSE = /^(?:不行|不得|(?:具体|延期|新的?)?(?:时间|日期|时限|期限)?待定|(?:具体|延期|新的?)?(?:时间|日期|时限|期限)(?:我们?|我局|单位)?(?:再|另行|随后|稍后|过后)(?:报|上报|定|确定|告知|通知|报送)|(?:无法|不能|难以|未能|没法|不能够)(?:按期|按时|如期)?(?:完成|办结))$/;
const EXPECTED_DONE = /^(?:前|之前|以前|内|之内|以内|底前)?(?:预计|计划|争取|力争|拟|将|确保|保证)?(?:于|在)?(?:可以|能够?|可)?(?:全部)?(?:完成|办结|完工|补齐|补全|报齐|交齐|补交|补报|补上)(?:相关|佐证)?(?:材料|资料|台账)?$/;
const SEP = /[,，。;；!！?？~～…]+|(?<![因由])[:：]\s*|(?<=[\u3400-\u9fff])\s+|\s+(?=[\u3400-\u9fff])/g;

/**
 * `考试时间推迟了`, `exam postponed`: something else was put off — the cause, not the request,
 * when another clause makes the request.
 */
const EVENT = /(?:推迟|延后|延期|顺延|推后|往后推|延迟)了|(?:被|已经?)(?:推迟|延后|延期|顺延|推后)|\b(?:was|were|been|got)?\s*(?:postponed|delayed|pushed back)\b/;

/** A clause that asks (能否, 申请 …) or names the new deadline (延到, 宽限): the request itself. */
const ASKS = /延到|延至|延期到|延期至|宽限|调整(?:完成)?(?:时限|期限)/;

/**
 * Clauses that ask to move the deadline. When some ask and others only tell that something
 * slipped (`能否延到明年6月底？改扩建工程受雨季影响工期顺延`), the others are the cause.
 */
function requestClauses(list: Clause[]): Set<Clause> {
  const ext = list.filter((c) => EXTENSION.test(c.text));
  const plain = ext.filter((c) => !EVENT.test(c.text));
  const chosen = plain.length ? plain : ext;
  const asking = chosen.filter((c) => EXT_PERMISSION.test(c.text) || ASKS.test(c.text));
  return new Set(asking.length ? asking : chosen);
}

/** `一定报`, `保证按时交`, `10个工作日内报结果`: a promise restated, not a cause. */
const PROMISE_ONLY = /^(?:前|之前|以前|底前|内|之内|以内)?(?:我们)?(?:报|上报|报送|提交|交)(?:结果|材料|进展|情况|方案)$|^(?:前|之前|以前|底前|内|之内)?(?:我们)?(?:一定|保证|确保|争取|尽快|马上|肯定|会|务必|立即)+(?:能|会|按时|及时)?(?:报完|交完|做完|办完|弄完|报齐|交齐|补齐|报|上报|报送|提交|完成|办结|交|报上来|交上来|报给您|报给你)$/;

interface Clause extends Span {
  text: string;
}

function clauses(s: string): Clause[] {
  const out: Clause[] = [];
  let last = 0;
  for (const m of s.matchAll(SEP)) {
    if (m.index > last) out.push({ start: last, end: m.index, text: s.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ start: last, end: s.length, text: s.slice(last) });
  return out;
}

/** Is the clause only a task, a date, a filler or politeness, once slot text is masked? */
function isNoise(masked: string): boolean {
  const rest = masked.replace(/\s+/g, '').replace(/^(?:那项|这项|那个|这个|那块|这块|那条|这条|那件|这件|那部分|这部分|嗯|呃|就是|再|任务|编号|第|关于|对于|的|前|之前|以前|左右|底前|底|完成|截止|我们单位|我单位|本单位|我们|我局|这边|目前|现在|时间|时限|期限|截止时间|截止日期|完成时间|改到|改为|调整为|调整到|到|至|until|till|by|to|before|on|please|pls|[:：])+$/, '');
  return rest.length === 0 || POLITE.test(rest) || PROMISE_ONLY.test(rest) || NOT_A_CAUSE.test(rest) || (ACK.test(rest) && rest.length <= 6) || EXPECTED_DONE.test(rest);
}

/** The trimmed raw text of [start, end), without trailing punctuation, or null. */
function finish(n: Norm, start: number, end: number): string | null {
  const text = rawSlice(n, start, end).replace(/^[\s:：,，(（]+/, '').replace(/[\s,，。.;；!！?？~～…、\-—)）]+$/u, '').trim();
  return text.length >= 2 ? text : null;
}

/**
 * The reason in `n.s`; `slots` are the spans of the task reference and dates (not a reason).
 */
export function findReason(n: Norm, slots: Span[], lead: Span[] = slots): string | null {
  const s = n.s;
  const masked = maskSpans(s, slots);
  const leadMasked = maskSpans(s, lead);
  const list = clauses(s);
  const requests = requestClauses(list);
  for (let i = 0; i < list.length; i += 1) {
    const c = list[i]!;
    const m = CONNECTIVE.exec(c.text);
    if (!m) continue;
    const start = c.start + m.index + m[0].length;
    const rest = s.slice(start, c.end);
    const tail = REQUEST_TAIL.exec(rest);
    // `原因是…宣传周推迟到12月` after a request made elsewhere: the delay told is part of the cause
    const askedElsewhere = !requests.has(c) && requests.size > 0;
    if (tail && tail.index >= 2 && !askedElsewhere) return finish(n, start, start + tail.index);
    let end = c.end;
    for (let j = i + 1; j < list.length; j += 1) {
      const next = list[j]!;
      if (requests.has(next) || isNoise(masked.slice(next.start, next.end))) break;
      end = next.end;
    }
    return finish(n, start, end);
  }
  let start = -1;
  let end = -1;
  for (const c of list) {
    const m = masked.slice(c.start, c.end);
    const other = !requests.has(c) && !isNoise(m);
    const l = leadMasked.slice(c.start, c.end);
    if (other && start < 0) start = c.start + (l.length - l.trimStart().length);
    if (other) end = c.end;
    else if (start >= 0) break;
  }
  return start >= 0 ? finish(n, start, end) : causeBeforeAsking(n, list, requests, masked, leadMasked);
}

/** A clause telling a state of affairs (还没到货, 正在验收, 受雨季影响), not naming a task. */
const STATE = /没|未|不|还在|正在|尚|等|受|缺|难|慢|晚|迟|卡|停|坏|病|忙/;

/** `设备还没到货能否延到下月底`: with no other cause, the one said in the request's own clause before it asks. */
function causeBeforeAsking(n: Norm, list: Clause[], requests: Set<Clause>, masked: string, leadMasked: string): string | null {
  for (const c of list) {
    if (!requests.has(c)) continue;
    const m = masked.slice(c.start, c.end);
    const tail = REQUEST_TAIL.exec(m);
    const before = tail ? m.slice(0, tail.index) : '';
    if (!tail || tail.index < 2 || isNoise(before) || EXTENSION.test(before) || !STATE.test(before) || /把|将|期限|时限/.test(before)) continue;
    const l = leadMasked.slice(c.start, c.start + tail.index);
    return finish(n, c.start + (l.length - l.trimStart().length), c.start + tail.index);
  }
  return null;
}
