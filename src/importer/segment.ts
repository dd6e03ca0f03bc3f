/**
 * Splits cleaned text into an outline tree by the numbering of Chinese official writing:
 * 一、 / (一) / 1. / (1) / ① (and 1) ), in whatever order a document nests them. Nesting
 * is learnt from the order in which marker kinds first appear (a stack), so a document that
 * goes 一、 → 1. directly, or (一) → 1. → (1), is read as written. Inline enumerations
 * (一是…二是…, ①② inside a sentence) are not split: they stay in their item's text.
 * "第一部分 / 第二部分" headings close every open list and hold the sections after them.
 */
import { chineseToInt, intToChinese } from '../tasks/path-key.ts';
import { unshiftGbk } from './clean-lost-chars.ts';
import { hasUnitMarker } from './extract-units.ts';

export type MarkerKind = 'cn' | 'cnParen' | 'num' | 'numParen' | 'circled' | 'numHalf' | 'stage';

export interface OutlineNode {
  /** 'part': a "第二部分 重点任务" heading above the 一、 sections */
  kind: MarkerKind | 'root' | 'part';
  num: number;
  /** the path segment as labelled: 二, (三), 5, (1), ①, 1) */
  seg: string;
  /** the text on the marker's line after the marker */
  head: string;
  /** lines after the marker line up to the next marker */
  body: string[];
  children: OutlineNode[];
  parent: OutlineNode | null;
  line: number;
}

/** A date alone on its line: the date signed under a notice or a plan. */
const SIGNED_DAY = /^(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$/;

/**
 * An annex that is no task list: an indicator system (考核指标, 指标体系), a contact list, a
 * form. Its numbered rows assign nothing (labelling rules §1.1), so they are not outline items.
 */
const ANNEX = /^附\s*件\s*\d{0,2}\s*[:：]?\s*(.*)$/;
const NOT_TASK_ANNEX = /指标|联系人|联系方式|通讯录|回执|报名表|登记表|申请表|申报表|统计表|调查表|名单|名录|目录|样表|格式/;
const TASK_ANNEX = /任务|分工|清单|台账|分解|计划表|责任/;
/** A plan's own title after an annex: the annex ends there. */
const PLAN_TITLE = /(?:方案|计划|要点|意见|细则|办法|清单|分工)$/;

/** "第二部分　重点任务": a part of the document, above its 一、 sections. */
const PART = /^第([一二三四五六七八九十]{1,3})部分\s*[、：:.]?\s*(.*)$/;

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

const MARKERS: { kind: MarkerKind; re: RegExp }[] = [
  { kind: 'cn', re: /^([一二三四五六七八九十百]{1,4})\s*[、.，,]\s*/ },
  { kind: 'cnParen', re: /^\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*[、.]?\s*/ },
  // "三)加强…": the same marker with its opening bracket lost to a conversion
  { kind: 'cnParen', re: /^([一二三四五六七八九十]{1,3})\)\s*(?=[\u4e00-\u9fff])/ },
  { kind: 'numParen', re: /^\(\s*(\d{1,3})\s*\)\s*[、.]?\s*/ },
  // "1.2009年底前,完成…": a year after the stop is the item's first word, not a decimal
  // "2*.开展…", "3★、…": a mark between the number and its stop (a new or key measure) is no part of either
  { kind: 'num', re: /^(\d{1,3})\s*(?:[*＊★☆▲△※]\s*(?=[.,、，]))?(?:[.,](?!\d)|\.(?=(?:19|20)\d{2}\s*年)|[、，]|\s(?=[\u4e00-\u9fff]))\s*/ },
  { kind: 'numHalf', re: /^(\d{1,3})\)\s*/ },
  { kind: 'circled', re: new RegExp(`^([${CIRCLED}])\\s*`) },
  // "第一阶段 宣传发动阶段(2023年1-2月)": the phases of a 实施步骤 section
  { kind: 'stage', re: /^第([一二三四五六七八九十]{1,2})阶段\s*[:：、.。]?\s*/ },
];

/** The usual rank of each marker kind in official writing, highest first. */
const RANK: MarkerKind[] = ['cn', 'stage', 'cnParen', 'num', 'numHalf', 'numParen', 'circled'];

/** The path segment of a marker as labelled, from its numeral as written: (三), (2), 1), 第二阶段, 五, ③. */
function segOf(kind: MarkerKind, raw: string): string {
  if (kind === 'cnParen' || kind === 'numParen') return `(${raw})`;
  if (kind === 'numHalf') return `${raw})`;
  return kind === 'stage' ? `第${raw}阶段` : raw;
}

/** The marker at the start of a line, if any. */
export function markerOf(line: string): { kind: MarkerKind; num: number; seg: string; rest: string } | null {
  for (const { kind, re } of MARKERS) {
    const m = re.exec(line);
    if (!m) continue;
    const raw = m[1]!;
    const num = kind === 'circled' ? CIRCLED.indexOf(raw) + 1 : chineseToInt(raw);
    if (num === null || num <= 0) continue;
    const rest = line.slice(m[0].length).trim();
    // a figure, not a number: "20%", "2020 年底", "6 条河流" (a count and its measure word); after a
    // stop the number is the item's ("3.万元生产总值能耗下降4%"), though not before a date word ("6.5月")
    const stopped = /[.、．]\s*$/.test(m[0]) && !/^[年月日号时%％]/.test(rest);
    if (kind === 'num' && !stopped && /^(?:[%％年月日号时个万元亿座亩辆吨倍余]|条(?!例|件)|公里|平方)/.test(rest)) continue;
    // "第一阶段(…)：部署启动。第二阶段(…)：…" on one line is an enumeration inside a paragraph
    if (kind === 'stage' && /第[一二三四五六七八九十]{1,2}阶段/.test(rest)) continue;
    return { kind, num, seg: segOf(kind, raw), rest };
  }
  return null;
}

function newNode(kind: OutlineNode['kind'], num: number, seg: string, head: string, parent: OutlineNode | null, line: number): OutlineNode {
  return { kind, num, seg, head, body: [], children: [], parent, line };
}

/** Builds the outline tree of a text; the root's body holds everything before the first marker. */
export function segment(text: string): OutlineNode {
  const root = newNode('root', 0, '', '', null, 0);
  const stack: OutlineNode[] = [root];
  const lastNum = new Map<MarkerKind, number>();
  let current = root;
  let partial = false;
  let annex = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const annexLine = ANNEX.exec(line);
    if (annexLine) {
      const title = annexLine[1] || lines.slice(i + 1).find((l) => l.trim())?.trim() || '';
      annex = NOT_TASK_ANNEX.test(title) && !TASK_ANNEX.test(title);
      // an annex starts an outline of its own
      stack.length = 1;
      lastNum.clear();
      current = root;
    } else if (annex && (SIGNED_DAY.test(line.replace(/\s+/g, '')) || (PLAN_TITLE.test(line) && !markerOf(line) && line.length <= 40))) annex = false;
    if (annex) {
      root.body.push(line);
      continue;
    }
    if (SIGNED_DAY.test(line.replace(/\s+/g, ''))) {
      // a 落款 date ends a text (the 印发 notice): lists after it start afresh
      stack.length = 1;
      lastNum.clear();
      current = root;
      root.body.push(line);
      continue;
    }
    const part = PART.exec(line);
    if (part) {
      stack.length = 1;
      const node = newNode('part', chineseToInt(part[1]!) ?? 0, part[1]!, part[2]!.trim(), root, i + 1);
      root.children.push(node);
      stack.push(node);
      lastNum.clear();
      current = node;
      continue;
    }
    const m = markerOf(line) ?? lostMarker(line, current, lines, i) ?? countAfterNumber(line, current);
    // a part of a document (an excerpt, a pasted task list) may start at item 4 or (二十四):
    // its first numbered item that reads as a heading ("5.组织应急演练。…") starts the outline, when the
    // next item follows on or the item names its own units
    const first = !root.children.length && stack.length === 1 && m !== null && m.num <= 999 && headingLike(m.rest)
      && (m.num <= 3 || continued(lines, i, m.kind, m.num) || hasUnitMarker(itemLines(lines, i)));
    if (first) partial = m!.num > 3;
    const at = m ? stack.findIndex((n) => n.kind === m.kind) : -1;
    // in an excerpt the nesting cannot be learnt from the order of first appearance: a marker
    // of higher rank than every open one ("(四)" after "5.") stands beside them, at the top;
    // and a 一、 heading never sits under 1. or (1): after lower-ranked items only, it starts
    // the top level again
    const lift = m !== null && (partial || m.kind === 'cn') && at < 0 && stack.length > 1 && stack.slice(1).every((n) => rank(n.kind) > rank(m.kind));
    // an item of an extract that states its own responsible units ("7.鼓励….(牵头单位:…)", on its
    // line or the lines after it) is an item although its number does not follow on: the items
    // before it were left out
    // rows of a table may also stand out of order ("5、" "6、" "2、" "4、"): a row after a row that
    // named its own units, naming its own too, is a row although its number goes back
    // (a long first sentence too, when the line itself ends in its units: "61.深化…机制。(牵头单位:…)").
    // Read only for a marker nothing else admits: the unit grammar is the costly part of the outline.
    const owned = () => m !== null && m.num <= 999 && stack.length > 1
      && (at < 0 || (m.num > 1 && current.kind === m.kind && stack.indexOf(current) === at && hasUnitMarker(ownText(current))))
      && (headingLike(m.rest) || hasUnitMarker(m.rest)) && hasUnitMarker(itemLines(lines, i));
    if (!m || (!first && !(lift && partial && headingLike(m.rest)) && !plausible(stack, lastNum, m.kind, m.num, headingLike(m.rest)) && !owned())) {
      // "二是…" after items (一)…(五) that came under "一是…": the next point of the text above them
      const above = !m ? pointAbove(line, stack) : -1;
      if (above >= 0) {
        stack.length = above + 1;
        current = stack[above]!;
      }
      current.body.push(line);
      continue;
    }
    if (at > 0) stack.length = at;
    else if (lift) stack.length = 1;
    const parent = stack[stack.length - 1]!;
    const node = newNode(m.kind, m.num, m.seg, m.rest, parent, i + 1);
    parent.children.push(node);
    stack.push(node);
    lastNum.set(m.kind, m.num);
    current = node;
  }
  return root;
}

/**
 * A line whose opening marker was lost to a wrong decoding ("?。ǘ┩七M东部…" where "（二）推进"
 * stood): it can open with a lost character and a stop, which no sentence does. When it states
 * its own units, as its siblings do, it is the item the shifted bytes name ("（五）"), or else the
 * next item of the list it stands in.
 */
function lostMarker(line: string, current: OutlineNode, lines: string[], at: number): { kind: MarkerKind; num: number; seg: string; rest: string } | null {
  if (!/^\?[。.]/.test(line) || current.kind === 'root' || current.kind === 'part') return null;
  if (!hasUnitMarker(itemLines(lines, at))) return null;
  // the GBK bytes read one byte late give the marker back where the garble is only that shift
  const shifted = markerOf(unshiftGbk(line.slice(1, 12)));
  if (shifted && (shifted.kind === 'cnParen' || shifted.kind === 'numParen')) return { ...shifted, rest: line.replace(/^\?[。.]/, '').trim() };
  if (current.kind === 'cn') return null;
  const num = current.num + 1;
  const raw = current.kind === 'cnParen' || current.kind === 'stage' ? intToChinese(num) : current.kind === 'circled' ? CIRCLED[num - 1] ?? String(num) : String(num);
  return { kind: current.kind, num, seg: segOf(current.kind, raw), rest: line.replace(/^\?[。.]/, '').trim() };
}

/**
 * "2.50个小区新增…" after item 1: the next item's number, then a count and its measure word that
 * read as one decimal. Only the number that follows the open item counts, and only before a
 * measure word ("2.5个百分点" elsewhere stays a figure; "2.1加强…" stays a sub-number).
 */
function countAfterNumber(line: string, current: OutlineNode): { kind: MarkerKind; num: number; seg: string; rest: string } | null {
  if (current.kind !== 'num') return null;
  const m = /^(\d{1,3})\.(?=\d+(?:\.\d+)?\s*(?:[个万千百亿家所场项台户条座人名处栋间套辆吨亩]|公里|平方))/.exec(line);
  if (!m || Number(m[1]) !== current.num + 1) return null;
  return { kind: 'num', num: current.num + 1, seg: m[1]!, rest: line.slice(m[0].length).trim() };
}

/**
 * Where a line opening an inline point ("二是全面推进…") belongs: the open node whose own text
 * holds the point before it ("一是…"), when numbered items stand between them; else -1.
 */
function pointAbove(line: string, stack: OutlineNode[]): number {
  const m = /^([二三四五六七八九十])是/.exec(line);
  if (!m || stack.length < 2) return -1;
  const before = `${'一二三四五六七八九十'['一二三四五六七八九十'.indexOf(m[1]!) - 1]}是`;
  for (let k = stack.length - 2; k >= 0; k -= 1) if (ownText(stack[k]!).includes(before)) return k;
  return -1;
}

/** The item a marker line starts: that line and the lines after it up to the next marked one. */
function itemLines(lines: string[], from: number): string {
  const out = [lines[from]!];
  for (let j = from + 1; j < lines.length && j < from + 40 && !markerOf(lines[j]!.trim()); j += 1) out.push(lines[j]!);
  return out.join('\n');
}

/** An excerpt's first item is followed by its next sibling or by a higher-ranked item ("5." … "(四)"). */
function continued(lines: string[], from: number, kind: MarkerKind, num: number): boolean {
  for (let j = from + 1; j < Math.min(lines.length, from + 300); j += 1) {
    const n = markerOf(lines[j]!.trim());
    // its own sub-items come first; the next item of its rank or above decides
    if (!n || !headingLike(n.rest) || rank(n.kind) > rank(kind)) continue;
    return (n.kind === kind && n.num > num && n.num <= num + 6) || rank(n.kind) < rank(kind);
  }
  return false;
}

function rank(kind: OutlineNode['kind']): number {
  const r = RANK.indexOf(kind as MarkerKind);
  return r < 0 ? -1 : r;
}

/** An item's heading: a short sentence closed by 。 (or a short line), not a running paragraph. */
function headingLike(rest: string): boolean {
  // a converted PDF may end its sentences with "." after Chinese text
  const stop = rest.search(/[。；;]|(?<=[\u4e00-\u9fff》”])\.(?!\d)/);
  return (stop > 1 && stop <= 40) || (stop < 0 && rest.length >= 2 && rest.length <= 40);
}

/**
 * A numbered line continues an existing list only when its number follows on (gaps of a
 * few are allowed: documents skip numbers); a new list starts at a small number or
 * continues the last list of its kind.
 * This keeps sentences that happen to start with "3." or "(2)" out of the outline.
 */
function plausible(stack: OutlineNode[], lastNum: Map<MarkerKind, number>, kind: MarkerKind, num: number, heading = false): boolean {
  const at = stack.findIndex((n) => n.kind === kind);
  if (at < 0) {
    // a new list: starts small, or carries on the numbering of the previous section (001: 1–26 across (一)…(七));
    // an extract of such a list ("50项中涉及我厅的": 5, 7 under 一、, 17, 18 under 二、) carries it on over
    // any gap, with items that read as headings
    const last = lastNum.get(kind);
    return num <= 3 || (last !== undefined && num > last && (num <= last + 6 || (heading && num <= 999)));
  }
  const parent = stack[at - 1]!;
  const prev = parent.children[parent.children.length - 1];
  if (!prev) return num <= 3;
  // a top-level list may start again: a 印发 notice's own points, then the plan; or an annex
  if (at === 1 && num === 1) return true;
  return num > prev.num && num <= prev.num + 6;
}

/** Text of a node itself: its heading line and body, without its children. */
export function ownText(node: OutlineNode): string {
  return [node.head, ...node.body].filter(Boolean).join('\n');
}

/** Text of a node with all its descendants, each child prefixed by its marker. */
export function subtreeText(node: OutlineNode): string {
  const parts = [ownText(node)];
  for (const c of node.children) parts.push(`${c.seg}${c.kind === 'cn' ? '、' : c.kind === 'num' ? '.' : ''}${subtreeText(c)}`);
  return parts.filter(Boolean).join('\n');
}

/** Path segments from the top-level section down to the node. */
export function pathOf(node: OutlineNode): OutlineNode[] {
  const out: OutlineNode[] = [];
  for (let n: OutlineNode | null = node; n && n.kind !== 'root'; n = n.parent) {
    // a part holding 一、 sections is above the outline the paths follow
    if (n.kind === 'part' && out[0]?.kind === 'cn') continue;
    out.unshift(n);
  }
  return out;
}
