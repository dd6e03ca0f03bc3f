/**
 * Responsible units of one item, from item-level markers only (labelling rules §4):
 * "(X负责)", "(X、Y按职责分工负责)", "(A牵头，B、C配合)", "(牵头单位:…;责任单位:…)", and
 * field lines "责任单位：…", "牵头单位：…；配合单位：…" (whose values may mark roles too:
 * "区人社局牵头，区财政局配合"), and a bracket listing only units at an item's end. Actors in
 * running text ("财政部门负责保障…") are not markers. Lead/assist only where the text marks roles.
 * Responsibility said in a sentence (由A负责…) is read by extract-sentence-units.
 */
import { isUnitName, isWholeName, splitTopLevel, splitUnits } from './split-units.ts';
import { splitRunTogether } from './unit-names.ts';
import { BRACKET_TIME, bareUnitList } from './extract-bare-units.ts';
import { TIME_LABEL } from './extract-deadlines.ts';
import { ASSIST_WORD, namesWithRoles, type Marked, type UnitRole } from './unit-roles.ts';
import { closingByMarkers, leadingBracketUnits, lineByMarkers, openingByMarkers, pairedByMarkers } from './extract-sentence-units.ts';

export type { UnitRole } from './unit-roles.ts';

export interface UnitAssignment {
  units: string[];
  leadUnits: string[];
  assistUnits: string[];
}

const LEAD_LABEL = '牵头|牵头单位|牵头部门|牵头责任单位|牵头负责单位|主要责任单位|主要负责单位|主要责任部门|主要负责部门|主责单位|主责部门|牵头领导单位|牵头处室|牵头科室';
const ASSIST_LABEL = '配合|协办|配合单位|配合部门|协办单位|参与单位|参与部门|协同配合单位|协同单位|协同部门|协作单位|协作部门|协助单位|协助部门|配合责任单位|配合处室|配合科室|参加单位|参加部门';
const OWNER_LABEL = '责任单位及责任人|责任单位及负责人|责任单位|主办|承办|责任部门|负责单位|负责部门|责任主体|承办单位|承办部门|承担单位|主办单位|实施单位|实施部门|实施主体|落实单位|落实部门|具体责任单位|其他责任单位|共同责任单位|责任科室|责任处室|部门分工|单位分工|责任分工|任务分工|职责分工';
/** A label may name its other word in brackets of any kind: "牵头科室(单位):", "责任部门（单位）:", "责任处室〔单位〕:". */
const ALT = '(?:[(（〔［\\[](?:单位|部门|科室|处室|股室)[)）〕］\\]])?';
const LABEL = new RegExp(`(${LEAD_LABEL}|${ASSIST_LABEL}|${OWNER_LABEL})${ALT}\\s*[:：]\\s*`, 'g');
const UNIT_LABEL = new RegExp(`(?:${LEAD_LABEL}|${ASSIST_LABEL}|${OWNER_LABEL})${ALT}\\s*[:：]`);
const OTHER_LABEL = /\s+[\u4e00-\u9fff]{2,8}\s*[:：]/;
const STOP = new RegExp(`(?:${LEAD_LABEL}|${ASSIST_LABEL}|${OWNER_LABEL}|${TIME_LABEL})${ALT}\\s*[:：]`);

/** Role words closing a clause inside a bracket, longest first. */
const ROLE_WORD = /(牵头负责落实|分别牵头负责|分别牵头|牵头负责|牵头抓总|牵头|主责|主抓|按职责分工负责|按照职责分工负责|按职责分工|按职能分工负责|按职责负责|分工负责|共同负责|分别负责|具体负责|负责落实|负责组织实施|负责实施|负总责|负责|抓好落实|组织落实|具体落实|落实|组织实施|具体实施|抓好实施|实施|督促指导|业务指导|指导|协同配合|配合|协助|协办|协同|参与|参加)/g;

const HAS_ROLE_WORD = new RegExp(ROLE_WORD.source);

/** Words without which a text cannot carry a unit marker (a cheap first test). */
const MAY_MARK = /负责|牵头|主责|主办|承办|配合|协办|协助|协同|参与|参加|落实|单位|部门|主体|科室|[局委办部府处心室队司社联团行署院股][)），,、]/;

function roleOfLabel(label: string): UnitRole {
  if (new RegExp(`^(?:${LEAD_LABEL})$`).test(label)) return 'lead';
  if (new RegExp(`^(?:${ASSIST_LABEL})$`).test(label)) return 'assist';
  return 'owner';
}

function roleOfWord(word: string): UnitRole {
  if (/牵头|主责/.test(word)) return 'lead';
  if (ASSIST_WORD.test(word)) return 'assist';
  return 'owner';
}

/** A field value ends at a bracket it did not open ("(责任单位:X)到2025年…") or at a full stop. */
function cutAtClose(value: string): string {
  let depth = 0;
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i];
    if (ch === '(' || ch === '（' || ch === '【' || ch === '[' || ch === '〔') depth += 1;
    else if (ch === ')' || ch === '）' || ch === '】' || ch === ']' || ch === '〕') { if (depth === 0) return value.slice(0, i); depth -= 1; }
    else if (ch === '。' && depth === 0) return value.slice(0, i);
  }
  return value;
}

/**
 * A field value that runs on, after a space, into what is no name (a table's cells: "各区政府 鄞州
 * 海曙 …"): it ends after its last whole name. A name wrapped at a space ("区发改 局") goes on.
 */
function cutAtSpaceAfterList(value: string): string {
  for (const m of value.matchAll(/\s+/g)) {
    const before = value.slice(0, m.index);
    const last = before.split(/[、，,；;]/).pop()!.trim();
    const after = value.slice(m.index! + m[0].length).split(/[\s、，,；;]/)[0]!;
    if (last && after && isUnitName(last) && !isUnitName(after) && !isUnitName(last + after)) return before;
  }
  return value;
}

/**
 * Units of a field value. A value may mark roles itself ("区人社局牵头，区财政局配合",
 * "A、B等按职责分工负责"): names then take their role word, and plain 负责 keeps the label's role.
 */
function valueMarkers(value0: string, role: UnitRole): Marked[] {
  // an editorial note stating the document's lead rule ("(列第一位的为牵头单位,下同)") is no part of the list
  const value = value0.replace(/[(（][^()（）]*(?:下同|列第一|排第一|首位)[^()（）]*[)）]/g, '');
  if (!HAS_ROLE_WORD.test(value.replace(/[(（][^()（）]*[)）]/g, ''))) return namesWithRoles(value, role);
  const marked = bracketMarkers(`(${value})`);
  if (!marked.length) return namesWithRoles(value, role);
  return marked.map((m) => (m.role === 'owner' ? { ...m, role } : m));
}

/** Lines of an item, a unit line broken after a list separator ("…县残联、\n县总工会") or its label joined up. */
function fieldLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const prev = lines[lines.length - 1];
    const open = prev !== undefined && UNIT_LABEL.test(prev) && (/[、，,]\s*$/.test(prev) || new RegExp(`(?:${UNIT_LABEL.source})\\s*$`).test(prev));
    if (open && line.trim()) lines[lines.length - 1] = prev!.trimEnd() + line.trim();
    else lines.push(line);
  }
  return lines;
}

/** Field lines: 责任单位：…  (value runs to the line end or the next label). */
function fieldMarkers(text: string): Marked[] {
  const out: Marked[] = [];
  for (const line of fieldLines(text)) {
    LABEL.lastIndex = 0;
    const found = [...line.matchAll(LABEL)];
    for (let i = 0; i < found.length; i += 1) {
      const m = found[i]!;
      const start = m.index! + m[0].length;
      const end = i + 1 < found.length ? found[i + 1]!.index! : line.length;
      let value = line.slice(start, end);
      const stop = STOP.exec(value);
      if (stop) value = value.slice(0, stop.index);
      // fields laid out on one line apart by spaces ("责任单位:市公安局 项目责任人:王某 配合单位:…"):
      // any label after a space ends the value
      const next = OTHER_LABEL.exec(value);
      if (next) value = value.slice(0, next.index);
      value = cutAtSpaceAfterList(cutAtClose(value)).replace(/[。；;，,\s]+$/, '');
      out.push(...valueMarkers(value, roleOfLabel(m[1]!)));
    }
  }
  return out;
}

/**
 * Balanced (…) and 〔…〕 groups of a text, outermost only, with whether each closes its line
 * and what stands before it on its line. A 〔…〕 inside a name ("县〔市、区〕政府") is nested
 * in its bracket and stays part of it.
 */
function brackets(text: string): { inner: string; atLineEnd: boolean; before: string; cut?: boolean }[] {
  const out: { inner: string; atLineEnd: boolean; before: string; cut?: boolean }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    // "[牵头单位:…;责任单位:…]": square brackets hold a unit list as round ones do
    if (ch === '(' || ch === '（' || ch === '〔' || ch === '[') {
      // a year in 〔〕 is a document number (国发〔2016〕15号), not a bracket of units
      if ((ch === '〔' || ch === '[') && depth === 0 && /^[〔[]\d{4}[〕\]]/.test(text.slice(i, i + 6))) { i += 5; continue; }
      if (depth === 0) start = i + 1;
      depth += 1;
    } else if ((ch === ')' || ch === '）' || ch === '〕' || ch === ']') && depth > 0) {
      depth -= 1;
      if (depth === 0) {
        const before = text.slice(text.lastIndexOf('\n', start - 1) + 1, start - 1);
        out.push({ inner: text.slice(start, i), atLineEnd: /^[。；;.\s]*(?:\n|$)/.test(text.slice(i + 1, i + 8)), before });
      }
    }
  }
  // a text that ends inside a bracket (a page cut off mid-list): what it names so far, without
  // a bracket inside it that the cut left open too ("…管委会〔以下均需各市、区人民政府,镇(")
  if (depth >= 1 && start >= 0 && text.length - start > 2 && !/[\n]/.test(text.slice(start))) {
    let inner = text.slice(start);
    for (let k = 1; k < depth; k += 1) inner = inner.replace(/[(（〔][^(（〔]*$/, '');
    out.push({ inner, atLineEnd: true, before: text.slice(text.lastIndexOf('\n', start - 1) + 1, start - 1), cut: true });
  }
  return out;
}

/**
 * A clause of a bracket that states a rule for the document rather than units of the item:
 * "列第一位者为牵头单位", "下同", "以下均需X落实，不再列出", "具体任务均涉及X，不再做分工".
 * The rules are read once for the whole document (firstListedLeads, commonUnitRules).
 */
/** The first listed unit named as such: 列第一位(者), 排在首位(的), 首位单位, 排名第一的, 第一责任单位. */
const FIRST_LISTED = String.raw`(?:(?:列|排)(?:在)?(?:第一位|首位|第一)|排名(?:第一|首位)|首位|第一位|第一个|第一责任)(?:的|者)?(?:单位|部门)?`;
/** A clause stating that rule: "列第一位者为…", "排名第一的为…". */
const FIRST_LISTED_RULE = new RegExp(String.raw`${FIRST_LISTED}(?:为|是)`);
const RULE_CLAUSE = new RegExp(String.raw`下同|不再[一-鿿]{0,2}列出|不再(?:做|作)分工|${FIRST_LISTED}(?:为|是)|^以下|^其他|^其余|^其它`);
/** A rule clause joined to the units by a comma: "(A、B等负责，列第一位者为牵头单位，下同)". */
const RULE_AFTER_COMMA = new RegExp(String.raw`[，,]\s*(?=${FIRST_LISTED}(?:为|是)|以下[\u4e00-\u9fff]{0,8}均|下同)`, 'g');

/** "(A牵头，B、C配合)", "(X、Y按职责分工负责)": names before each role word take its role. */
function bracketMarkers(text: string): Marked[] {
  const out: Marked[] = [];
  for (const b of brackets(text)) {
    const { atLineEnd, before } = b;
    // a bracket may hold several clauses ("A、B负责。列第一位者为牵头单位，下同"): each is read
    // on its own, and those stating a rule for the document name no unit of the item
    const inner = b.inner.replace(RULE_AFTER_COMMA, '。');
    const clauses = inner.includes('。') || /[；;]/.test(inner) ? splitClauses(inner) : [inner];
    // a clause that is only a time ("(A局、B局；2025年6月底前完成)") names no unit and leaves the list the bracket's own
    const assigning = clauses.filter((c) => !RULE_CLAUSE.test(c.trim()) && !(clauses.length > 1 && timeOnly(c)));
    if (!assigning.length) continue;
    // a bracket that states the lead rule ("(A、B、C。排名第一的为牵头单位,下同)") says its list is of units
    const ruled = clauses.length > 1 && clauses.some((c) => FIRST_LISTED_RULE.test(c));
    // a later clause that only lists names ("(A、B等按职责分工负责;各市、区人民政府)") adds them to the list
    assigning.forEach((clause, k) => {
      const marked = clauseMarkers(clause, atLineEnd && (assigning.length === 1 || k > 0), before, Boolean(b.cut) && k === assigning.length - 1);
      // every name of it, then, with the pieces the recogniser does not know ("中储粮某直属库"), in order;
      // not words of a rule ("除标注为牵头单位外") nor a piece of a collective ("市直有关部门、单位")
      if (!ruled || marked.some((m) => m.role !== 'owner')) { out.push(...marked); return; }
      // (the list without its label: "责任部门:A、B")
      const list = clause.replace(/^\s*[\u4e00-\u9fff]{0,4}(?:单位|部门|科室|处室)\s*[:：]\s*/, '');
      const known = marked.length ? marked.map((m) => m.name) : splitUnits(list).filter(isUnitName);
      if (!known.length) return;
      const pieces = splitTopLevel(list, /[、，,]/).map((p) => p.trim()).filter(Boolean);
      const unknown = (p: string) => !known.some((n) => n.includes(p)) && p.length >= 3 && p.length <= 30 && !/[除外为是的；;：:“”]|牵头|配合|负责|落实|分别|标注/.test(p);
      const names = pieces.flatMap((p) => (known.includes(p) ? [p] : unknown(p) ? [p] : []));
      out.push(...(names.length >= known.length ? names : known).map((name) => ({ name, role: 'owner' as const })));
    });
  }
  return out;
}

/** A clause that states only when: "2025年6月底前完成", "长期坚持". */
function timeOnly(clause: string): boolean {
  const c = clause.trim();
  return new RegExp(`^${BRACKET_TIME.source}`).test(c) && !/[局委办部府处心室队司社联团行署院股]/.test(c);
}

/** Top-level clauses of a bracket, apart at 。 and ； (not inside a nested bracket). */
function splitClauses(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of inner) {
    if ('(（〔【'.includes(ch)) depth += 1;
    else if (')）〕】'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && /[。；;]/.test(ch)) { if (cur.trim()) out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

function clauseMarkers(inner0: string, atLineEnd: boolean, before: string, cut = false): Marked[] {
  // "X为牵头单位，Y为配合单位" says the same as "X牵头，Y配合"
  let inner = inner0.replace(/(?:为|是|作为)(牵头|配合|协办|参与)(?:单位|部门)/g, '$1').replace(/(?:为|是|作为)责任(?:单位|部门)/g, '负责');
  // field lists inside brackets are read by fieldMarkers; a clause before the first label
  // may mark roles of its own ("(A、B分别牵头；配合单位：C)"), and only that clause is read here
  const label = UNIT_LABEL.exec(inner);
  if (label) {
    inner = inner.slice(0, label.index).replace(/[；;，,\s]+$/, '');
    if (!inner || !HAS_ROLE_WORD.test(inner)) return [];
  }
  const words = [...inner.matchAll(ROLE_WORD)];
  if (!words.length) {
    // on a field line the bracket belongs to the value, which fieldMarkers reads whole:
    // "责任单位：…、各乡镇人民政府（街道办事处）" names one unit, not a second list
    // a bracket the text's end cut ("(国务院审改办、人力"): its whole names, not the piece the cut left
    const whole = cut ? inner.replace(/[、，,；;]([^、，,；;]*)$/, (all, piece: string) => (isWholeName(piece.trim()) ? all : '')) : inner;
    return atLineEnd && !UNIT_LABEL.test(before) ? bareUnitList(whole) : [];
  }
  const last = words[words.length - 1]!;
  // a bracket cut off by the end of the text: the names listed after its last role word so far
  const cutList = cut ? splitUnits(inner.slice(last.index! + last[0].length).replace(/^[\u4e00-\u9fff]{1,2}[，,；;]/, '')) : [];
  const tail = cutList.length ? '' : inner.slice(last.index! + last[0].length).replace(/[\s。，,；;]/g, '');
  // "A、B牵头，C、D": names listed after the last role word, and nothing else, are the other
  // responsible units of the list (the label's role, or plain owners)
  const tailNames = tail && !cutList.length ? splitUnits(inner.slice(last.index! + last[0].length).replace(/^[\s，,；;]+|[\s。，,；;]+$/g, '')) : [];
  const namesAfter = tailNames.length > 0 && tailNames.every(isUnitName) && /^[\s]*[，,；;]/.test(inner.slice(last.index! + last[0].length));
  // after the last role word: nothing, a time, or a verb completing it ("牵头督导")
  if (tail && !namesAfter && !/\d|年|月|底|前|完成|长期|持续/.test(tail) && !BRACKET_TIME.test(tail) && !/^[\u4e00-\u9fff]{1,2}$/.test(tail)) return [];
  const marked: Marked[] = [];
  let from = 0;
  for (const w of words) {
    // a verb completing the role word before ("牵头督办，B配合") is no name
    const seg = inner.slice(from, w.index!).replace(from > 0 ? /^[\u4e00-\u9fff]{1,2}(?=[，,；;])/ : /^$/, '');
    from = w.index! + w[0].length;
    marked.push(...namesWithRoles(seg, roleOfWord(w[1]!)));
  }
  for (const name of cutList) marked.push({ name, role: 'owner' });
  if (namesAfter) for (const name of tailNames) marked.push({ name, role: 'owner' });
  return marked;
}

/**
 * Units a document states once for every later item: "以下均需X落实，不再列出",
 * "以下各项工作均需X落实", "具体任务均涉及X，不再做分工，下同". Each rule with the text it
 * is stated in, so that it applies from that item on (labelling rules §4); `below` when the
 * rule names only the items after it (以下…).
 */
export function commonUnitRules(text: string): { at: number; units: string[]; below: boolean }[] {
  const out: { at: number; units: string[]; below: boolean }[] = [];
  const re = /(?:以下[\u4e00-\u9fff]{0,6}?均需|(?:具体)?(?:任务|工作)?均(?:涉及|需))(?:由)?([^。；;，,]{2,60}?)(?:负责)?(?:落实|参与|实施|承担)?[，,]\s*(?:不再[\u4e00-\u9fff]{0,2}列出|不再(?:做|作)分工)/g;
  for (const m of text.matchAll(re)) {
    const units = splitUnits(m[1]!);
    // "以下…" gives the items below; "具体任务均涉及X…，下同" this one too
    if (units.length) out.push({ at: m.index!, units, below: m[0].startsWith('以下') });
  }
  return out;
}

/** Whether the item text carries a unit marker of its own. */
export function hasUnitMarker(text: string): boolean {
  if (text.includes('【') && leadingBracketUnits(text).length > 0) return true;
  if (!MAY_MARK.test(text)) return false;
  return fieldMarkers(text).length > 0 || bracketMarkers(text).length > 0 || closingByMarkers(text).length > 0 || pairedByMarkers(text).length > 0 || lineByMarkers(text).length > 0;
}

/**
 * Units a notice gives every item: "除特别注明的外，A和B都是配合单位" (the assisting units of
 * each task unless it says otherwise), with the role it names.
 */
export function documentWideUnits(text: string): { units: string[]; role: UnitRole } | null {
  const m = /除(?:特别|另有|单独)?(?:注明|说明|标明|明确)(?:的)?(?:以)?外[，,]\s*([^。；;]{2,100}?)(?:都|均|一律)(?:是|为|作为)(配合|协办|责任|参与)单位/.exec(text);
  if (!m) return null;
  const units = splitUnits(m[1]!);
  return units.length ? { units, role: ASSIST_WORD.test(m[2]!) ? 'assist' : 'owner' } : null;
}

/** Does the document state that the first listed unit leads ("列第一位为牵头单位")? */
export function firstListedLeads(text: string): boolean {
  return new RegExp(String.raw`${FIRST_LISTED}(?:为|是)(?:牵头|汇总)`).test(text);
}

/** Does the document also state that the others assist ("列第一位的为牵头单位，其他为配合单位")? */
export function othersListedAssist(text: string): boolean {
  return new RegExp(String.raw`${FIRST_LISTED}(?:为|是)牵头(?:单位|部门)?[，,；;]\s*(?:其他|其余|其它)(?:的)?(?:单位|部门)?(?:为|是)(?:配合|协办|参与|协同配合)(?:单位|部门)`).test(text);
}

/**
 * Units of an item; with `firstIsLead` the first listed unit of each marker group leads, and
 * with `othersAssist` as well (the document says so) the other units of such an item assist.
 */
export function extractUnits(text: string, opts: { firstIsLead?: boolean; othersAssist?: boolean } = {}): UnitAssignment {
  let marked = MAY_MARK.test(text) ? [...fieldMarkers(text), ...bracketMarkers(text)] : [];
  if (!marked.length && MAY_MARK.test(text)) marked = closingByMarkers(text);
  if (!marked.length && MAY_MARK.test(text)) marked = openingByMarkers(text);
  if (!marked.length && MAY_MARK.test(text)) marked = pairedByMarkers(text);
  if (!marked.length && MAY_MARK.test(text)) marked = lineByMarkers(text);
  if (!marked.length && text.includes('【')) marked = leadingBracketUnits(text);
  const units: string[] = [];
  const lead = new Set<string>();
  const assist = new Set<string>();
  for (const m of marked) {
    if (!units.includes(m.name)) units.push(m.name);
    if (m.role === 'lead') lead.add(m.name);
    if (m.role === 'assist') assist.add(m.name);
  }
  if (opts.firstIsLead && units.length && lead.size === 0 && assist.size === 0) {
    lead.add(units[0]!);
    if (opts.othersAssist) for (const u of units.slice(1)) assist.add(u);
  } else if (opts.firstIsLead && units.length && lead.size === 0) lead.add(units[0]!);
  for (const l of lead) assist.delete(l);
  return { units, leadUnits: units.filter((u) => lead.has(u)), assistUnits: units.filter((u) => assist.has(u)) };
}

/**
 * Units of one table cell: role words inside it win ("A牵头，B配合"), else the column's role.
 * In a table flattened to text, a cell whose names ran together ("文化宣传股文化馆") is cut
 * between the names, and the cut is reported so that a person can check it.
 */
export function unitsOfCell(cell: string, role: UnitRole, opts: { runTogether?: boolean } = {}): { name: string; role: UnitRole; cutFrom?: string }[] {
  const text = cell.replace(/\s*\n\s*/g, '、');
  // a cell of labelled fields ("牵头单位:市文广旅游局 责任单位:市各县(市、区)政府") is read as fields
  const fields = UNIT_LABEL.test(text) ? fieldMarkers(text) : [];
  const inner = !fields.length && /牵头|配合|协办|参与|负责/.test(text) ? bracketMarkers(`(${text})`) : [];
  const names = fields.length ? fields : inner.length ? inner : namesWithRoles(text, role);
  if (!opts.runTogether) return names;
  return names.flatMap((m) => {
    const pieces = splitRunTogether(m.name, isUnitName);
    return pieces ? pieces.map((name) => ({ name, role: m.role, cutFrom: m.name })) : [m];
  });
}
