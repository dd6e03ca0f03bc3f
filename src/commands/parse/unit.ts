/**
 * The unit a message is about, by full name, short name or alias (卫健局, 医保), mapped to
 * its canonical name from the unit directory. Not the unit slot: third parties
 * (已与人社局对接, 已报区医改办备案), offices of another level (省卫健委, 市医保局), words inside a task title (财政补助机制那项 — a bare
 * short alias such as 财政 counts only when it stands alone), and 我们单位 / 我的.
 */
import { normalise } from './normalise.ts';
import type { Span } from './spans.ts';
import { overlaps } from './spans.ts';
import { nearSound } from './sound.ts';

export interface UnitEntry {
  name: string;
  aliases: string[];
}

export interface UnitHit extends Span {
  name: string;
  /** mentioned as a third party (与…对接, 报…备案) */
  thirdParty: boolean;
}

interface Alias {
  text: string;
  name: string;
  /** ends like an organisation (局, 办, 委 …): safe anywhere */
  strong: boolean;
}

const ORG_END = /(?:局|办|委|部|院|所|中心|政府|街道|镇|公司|队|站|厅|处|科|室|会|组)$/;
/** What may follow a bare short alias (卫健, 医保) for it to name the unit. */
const AFTER_WEAK = /^(?:$|[\s,.:;!?，。：；！？、)('’]|的|这边|那边|方面|口|还|有|目前|现在|进度|情况|怎么|什么|多少|几|逾期|超期|到期|本周|下周|本月|已|在|正在|和|与|及|牵头|负责|配合|协助|协办|参与|主办|会同|两个|两家|三个|三家|单位|任务|哪些|所有|全部|绑定|联络员|近\d|近[一二两三四五六七八九十]|\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|最近|未来|这周|今天|明天|月底|年底|下个?月|下周|这个?月|今年|要(?!求)|有没有|有哪|还剩|一共|共有|总共|(?:那个|这个)(?!进度|进展|情况|事|任务|工作|项目|怎|啥|什|现在|目前|已|还|完|做|弄|搞|办|[\s,.:;!?，。：；！？]|$))/;
const THIRD_BEFORE = /(?:与|和|同|跟|向|给|(?<![汇通简情])报|报送|报请|提请|请|征求|听取|请示|会同|联合|协调|配合|联系|商|函告|抄送|提交|交由|转|经|因|由于|因为|等待|等|催促|督促|催)\s*$/;
/** `区医改办：现将…报告如下`: the office a written report is addressed to (主送机关), not its sender. */
const ADDRESSEE_AFTER = /^\s*[:：][^。:：]{0,24}?(?:现将|现就|现把|现对|兹将|现报告|现汇报)/;
const THIRD_AFTER = /^\s*(?:(?:在|正在|也在)?(?:配合|协助|协同)|意见|对接|沟通|协调|备案|审核|审批|审定|反馈|联系|会商|确认|协商|会签|联合|一起|共同|同意|批复|答复)(?!\s*[:：])/;
/** `覆盖全部街道`, `各个局`: a class of offices, not one unit. */
const PLURAL_BEFORE = /(?:全部|所有|各个|每个|全区|多个|部分|个别|一些|有些|有的|少数|多数|\d+个|[一二两三四五六七八九十几]+个)$/;

/** Verbs that take a topic as object: 研究医改, 推进医保, 落实卫健 … are no unit. */
const VERB_BEFORE = /(?:研究|推进|深化|落实|部署|讨论|学习|宣传|支持|保障|推动|加强|开展|围绕|涉及|关于)$/;

/** A level before the name makes it another government's office: 省卫健委, 市医保局. */
const OTHER_LEVEL = /(?:省|(?<!区)市|国家|中央)$/;

/**
 * `荷城街道社区卫生服务中心`: a name written between a place name and the organisation it ends
 * with is part of that organisation's proper name, not the unit.
 */
const NAME_BEFORE = /[\u4e00-\u9fff]$/;
const PARTICLE_BEFORE = /(?:的|和|与|及|在|由|是|请|让|给|对|向|跟|同|经|据|按|从|到|为|将|把|被|已|均|也|都|正|各|本|我|该|此)$/;
const ORG_AFTER = /^[\u4e00-\u9fff]{2,10}?(?:中心|医院|卫生院|学校|小学|中学|幼儿园|服务站|工作站|公司|合作社)/;
function insideProperName(s: string, span: Span): boolean {
  const before = s.slice(Math.max(0, span.start - 1), span.start);
  return NAME_BEFORE.test(before) && !PARTICLE_BEFORE.test(before) && ORG_AFTER.test(s.slice(span.end, span.end + 14));
}

const cache = new WeakMap<UnitEntry[], Alias[]>();

function aliasTable(units: UnitEntry[]): Alias[] {
  const hit = cache.get(units);
  if (hit) return hit;
  const owners = new Map<string, Set<string>>();
  for (const u of units) {
    for (const a of [u.name, ...u.aliases]) {
      const key = normalise(a).s.replace(/\s+/g, '');
      if (key.length < 2) continue;
      if (!owners.has(key)) owners.set(key, new Set());
      owners.get(key)!.add(u.name);
    }
  }
  const table: Alias[] = [];
  for (const [text, names] of owners) {
    if (names.size !== 1) continue;
    const name = [...names][0]!;
    table.push({ text, name, strong: ORG_END.test(text) || text === normalise(name).s });
  }
  table.sort((a, b) => b.text.length - a.text.length);
  cache.set(units, table);
  return table;
}

/** All unit mentions in `s` (outside `taken`), in text order, longest alias first. */
export function findUnits(s: string, units: UnitEntry[], taken: Span[] = []): UnitHit[] {
  const hits: UnitHit[] = [];
  for (const a of aliasTable(units)) {
    let from = 0;
    for (let i = s.indexOf(a.text, from); i >= 0 && hits.length < 50; i = s.indexOf(a.text, from)) {
      from = i + 1;
      const span = { start: i, end: i + a.text.length };
      if (overlaps(hits, span) || overlaps(taken, span)) continue;
      if (!a.strong && !AFTER_WEAK.test(s.slice(span.end, span.end + 4))) continue;
      // a bare short alias after a verb is its object (专题研究医改): it names the unit only where a clause starts
      if (!a.strong && VERB_BEFORE.test(s.slice(Math.max(0, i - 2), i))) continue;
      if (OTHER_LEVEL.test(s.slice(Math.max(0, i - 2), i)) || PLURAL_BEFORE.test(s.slice(Math.max(0, i - 4), i))) continue;
      if (insideProperName(s, span)) continue;
      const before = s.slice(Math.max(0, i - 4), i).replace(/(?:已经|已|均|也|都|正|在|及时|主动)+$/, '');
      const thirdParty = THIRD_BEFORE.test(before) || THIRD_AFTER.test(s.slice(span.end, span.end + 4)) || ADDRESSEE_AFTER.test(s.slice(span.end, span.end + 6));
      hits.push({ ...span, name: a.name, thirdParty });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

export interface UnitSlip extends UnitHit {
  /** the name as written, one character slipped by sound (民正局 for 民政局) */
  wrote: string;
  read: string;
}

/**
 * A unit name written with one character slipped by sound (民正局, 位健局, and with an input
 * method's fuzzy sounds 名政局), looked for only when no unit is named exactly: a full name or an alias of three characters or more that ends like an
 * organisation, with one character read the same — one before the ending, or the ending itself.
 */
const COUNTING = /[个各一二两三四五六七八九十几多每全]/;

export function findUnitSlip(s: string, units: UnitEntry[], taken: Span[] = []): UnitSlip | null {
  for (const a of aliasTable(units)) {
    if (!a.strong) continue;
    // a two-character name (编办) only where a unit signs a message: first, before a colon or a space (边办：…)
    if (a.text.length === 2) {
      const k = s[0] === a.text[0] ? 1 : 0; // the one character that slipped
      if (/^..(?:\s*[:：]|\s)/.test(s) && s[1 - k] === a.text[1 - k] && s[k] !== a.text[k] && !COUNTING.test(s[k]!) && nearSound(s[k]!, a.text[k]!)) {
        const hit = slipAt(s, 0, 2, a, taken);
        if (hit) return hit;
      }
      continue;
    }
    const len = a.text.length;
    for (let end = s.indexOf(a.text[len - 1]!, len - 1); end >= 0; end = s.indexOf(a.text[len - 1]!, end + 1)) {
      const start = end - len + 1;
      const wrote = s.slice(start, end + 1);
      const differ = [...wrote].flatMap((ch, k) => (ch === a.text[k] ? [] : [k]));
      // a count or a measure word is no slip (4个乡镇 is not 各乡镇)
      if (differ.length !== 1 || COUNTING.test(wrote[differ[0]!]!) || !nearSound(wrote[differ[0]!]!, a.text[differ[0]!]!)) continue;
      const hit = slipAt(s, start, end + 1, a, taken);
      if (hit) return hit;
    }
    // the organisation's ending itself slipped by sound (医保分居 for 医保分局), the rest written exactly
    const head = a.text.slice(0, len - 1);
    for (let start = s.indexOf(head); start >= 0; start = s.indexOf(head, start + 1)) {
      const end = start + len - 1;
      const ch = s[end];
      if (!ch || ch === a.text[len - 1] || !/[\u4e00-\u9fff]/.test(ch) || !nearSound(ch, a.text[len - 1]!)) continue;
      const hit = slipAt(s, start, end + 1, a, taken);
      if (hit) return hit;
    }
  }
  return null;
}

/** The slip s[start, end) read as alias `a`, unless it is taken or names another level or a class of offices. */
function slipAt(s: string, start: number, end: number, a: Alias, taken: Span[]): UnitSlip | null {
  if (overlaps(taken, { start, end }) || OTHER_LEVEL.test(s.slice(Math.max(0, start - 2), start)) || PLURAL_BEFORE.test(s.slice(Math.max(0, start - 4), start))) return null;
  const before = s.slice(Math.max(0, start - 4), start);
  return { start, end, name: a.name, thirdParty: THIRD_BEFORE.test(before) || THIRD_AFTER.test(s.slice(end, end + 4)), wrote: s.slice(start, end), read: a.text };
}

/** The unit the message is about: the one signing a written report at its end, else the first mention that is not a third party. */
export function pickUnit(hits: UnitHit[], s = ''): UnitHit | null {
  // a written report is signed at its end (落款): after the last sentence, the unit that sent it
  const last = hits.at(-1);
  if (last && hits.length > 1 && !last.thirdParty && /^[\s。.!！]*$/.test(s.slice(last.end)) && SIGNED.test(s.slice(Math.max(0, last.start - 8), last.start))) return last;
  return hits.find((h) => !h.thirdParty) ?? null;
}

/** What stands before a 落款: the end of the last sentence, or 特此报告. */
const SIGNED = /(?:[。.!！]|特此(?:报告|汇报|请示|函告))\s*$/;
