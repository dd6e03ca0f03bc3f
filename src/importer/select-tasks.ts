/**
 * Which outline items are tasks (labelling rules §1): numbered items under task sections
 * (主要任务, 重点工作 …), at the lowest numbered level that carries the assignment; items
 * under 保障措施/组织实施 only when they carry their own unit marker; never items under
 * 指导思想, 基本原则, 总体要求, 工作目标. A document naming no units at all gives the
 * lowest numbered level under its task sections.
 */
import { ownText, subtreeText, type OutlineNode } from './segment.ts';
import { hasUnitMarker } from './extract-units.ts';
import { TIME_LABEL } from './extract-deadlines.ts';

type SectionMode = 'task' | 'guard' | 'context' | 'steps';

const GUARD = /保障措施|组织实施|组织管理|组织领导|组织保障|工作要求|保障机制|实施保障|工作保障|有关要求|督导考核|监督考核|考核评估|实施安排/;
/**
 * 实施步骤 and its kin. In a document that names no units, its dated steps are the plan's tasks
 * (rule 1.1: the lowest numbered level that carries the assignment, here the deadline, its own
 * or its phase's). In a document whose items name units, a step is a task only with a marker of
 * its own, as under 组织实施 and 保障措施 (rule 1.4).
 */
const STEPS = /实施步骤|工作步骤|工作安排|步骤安排|推进步骤|方法步骤|实施阶段|进度安排|时间安排|阶段安排|工作进度|活动时间|时间节点|推进计划/;
/** A point in time an item or its phase heading states. */
const DATED = /(?:19|20)(?:\d{2}|__)\s*年|\d{1,2}\s*月|年底|年内|[上下]半年|第?[一二三四]季度/;
const CONTEXT = /指导思想|基本原则|总体要求|工作目标|主要目标|总体目标|发展目标|目标要求|背景|现状|重要意义|总体思路|工作原则|基本情况|编制依据|发展基础|面临形势|适用范围|主要成效|工作成效|总体考虑|目标任务$/;
const DEADLINE_FIELD = new RegExp(`(?:${TIME_LABEL})\\s*[:：]`);

/** The kind of a section by its heading. */
export function sectionMode(heading: string): SectionMode {
  const h = heading.replace(/\s+/g, '').split('。')[0]!.slice(0, 24);
  // the last word names what a heading is: "主要工作目标", "主要目标任务" are goals, whatever words stand before
  // (a goal that names its units is still assigned, as below)
  if (/^[\u4e00-\u9fff]{0,6}目标(?:任务)?$/.test(h)) return 'guard';
  if (/任务|举措|重点工作|工作要点|主要工作/.test(h) && !/^(?:总体|工作)?目标/.test(h)) return 'task';
  // "活动目标及范围", "建设目标": goals and scope, not work — though a goal that names the units
  // answering for it, in a 分解 document, is assigned like any item (as below)
  if (/^[\u4e00-\u9fff]{0,4}(?:目标|范围)(?:[及和与][\u4e00-\u9fff]{1,4})?$/.test(h) && !/任务/.test(h)) return /目标/.test(h) ? 'guard' : 'context';
  // "重点整治对象", "重点整治区域", "二、整治重点": what the work covers (a scope list); only an item
  // that names its units is work
  if (/^[\u4e00-\u9fff]{0,6}(?:对象|区域|范围)$|^(?:整治|治理|检查|排查|督查)重点$/.test(h)) return 'guard';
  // "(一)工作时间:2019年2月至6月": a field giving the whole action's period, not a step of it
  if (/^(?:工作|实施|执行|活动|行动)(?:时间|期限|周期)\s*[:：]\s*\S/.test(h)) return 'context';
  if (STEPS.test(h)) return 'steps';
  // "四、要求", "五、几点要求": requirements of the text, like 工作要求
  // "二、4月份清单之外其他重要工作完成情况": a report of work done assigns only where an item names its units
  // a heading names its section in its first clause ("(三)加强督导考核,…"); a sentence that lists
  // 督导考核 among the work it assigns ("河长办开展综合协调、政策研究、督导考核等") is work
  const first = h.split(/[，,;；、:：]/)[0]!;
  // "一、各县区实施进度综合排名": a ranking lists standings, not work
  if (GUARD.test(first) || /^(?:几点|相关|具体|其他|其它)?要求$/.test(h) || /(?:完成|进展|落实|推进)情况$|(?:排名|排序|名次)$/.test(h)) return 'guard';
  // the plan's goals (主要预期目标) are no work, but in a 分工 document a goal that names the units
  // answering for it is assigned like any item (the corpus' reading of §1.2 over §1.3)
  if (CONTEXT.test(first)) return /目标/.test(first) ? 'guard' : 'context';
  return 'task';
}

/** Does the item's own text (without its numbered children) carry an assignment? */
const carried = new WeakMap<OutlineNode, boolean>();
function carries(node: OutlineNode): boolean {
  let c = carried.get(node);
  if (c === undefined) {
    const t = ownText(node);
    c = hasUnitMarker(t) || DEADLINE_FIELD.test(t);
    carried.set(node, c);
  }
  return c;
}

function subtreeCarries(node: OutlineNode): boolean {
  return carries(node) || node.children.some(subtreeCarries);
}

/**
 * ①②③ under a numbered item are the sentences of that item (§1.5), not a level of its own: in
 * a document naming no units the item is the task, and they do not make a flat list an outline.
 */
const sentencesOnly = (node: OutlineNode) => node.children.length > 0 && node.children.every((c) => c.kind === 'circled' && !c.children.length);

function leaves(node: OutlineNode): OutlineNode[] {
  return node.children.length && !sentencesOnly(node) ? node.children.flatMap(leaves) : [node];
}

/** A line that assigns: a unit marker or a 完成时限 field. */
const anchors = (line: string) => hasUnitMarker(line) || DEADLINE_FIELD.test(line);
/** An item's own field line ("工作目标：…", "责任领导：…"), as against 附件/抄送/联系 lines after a text. */
const itemField = (line: string) => /^[\u4e00-\u9fff]{2,12}\s*[:：]/.test(line.trim()) && !/^(?:附件|抄送|联系|地址|电话|主办|承办|技术支持|网站|来源|发布)/.test(line.trim());
/** A line that is nothing but a bracket: "(县林业局、县电信公司负责，4月底前完成)". */
const BRACKET_LINE = /^[(（][^()（）]*(?:[(（][^()（）]*[)）][^()（）]*)*[)）][。；;.]?$/;
// a label may be qualified by what it answers for: "问题整改责任单位:", "整改时限:"
const FIELD_LINE = /^(?:[(（]?\s*)[\u4e00-\u9fff]{0,4}(?:牵头|配合|协办|参与|责任|主责|承办|实施|落实)[^:：]{0,6}[:：]|^(?:完成|办结|办理|截止|时间|时限)[\u4e00-\u9fff]{0,3}\s*[:：]/;

/**
 * ①② or (1)(2) sentences under one heading followed by one 责任单位/完成时限 block: the
 * block is the heading's, so the heading is the task (labelling rules §1.5). Seen as:
 * only the last child carries, and only through field lines (or a line that is one bracket)
 * after its own sentence, or a bracket standing after its closing 。 ("…。（A牵头，B配合）").
 */
function sharedFields(node: OutlineNode): boolean {
  const kids = node.children;
  if (kids.length < 2) return false;
  const last = kids[kids.length - 1]!;
  if (last.children.length || kids.slice(0, -1).some(subtreeCarries)) return false;
  const carrying = last.body.filter(anchors);
  // a bracket closing the last sentence groups only sentence-level items ((1), ①, 1)), never
  // titled items (1. 2.) whose own markers may simply be unreadable
  if (anchors(last.head)) return last.kind !== 'num' && last.kind !== 'cnParen' && last.kind !== 'cn' && !carrying.length && !last.body.length && closingBracketOnly(last.head);
  return carrying.length > 0 && carrying.every((l) => FIELD_LINE.test(l) || BRACKET_LINE.test(l.trim()));
}

/** The line's only marker is the bracket closing it: "…。（A牵头，B配合）". */
function closingBracketOnly(line: string): boolean {
  const m = /[(（][^()（）]*(?:[(（][^()（）]*[)）][^()（）]*)*[)）][。；;.\s]*$/.exec(line);
  return Boolean(m) && m!.index > 0 && /[。；;]\s*$/.test(line.slice(0, m!.index)) && !anchors(line.slice(0, m!.index));
}

/** A step says what is done in its time: "即日起至6月30日。" under 时间安排 is only the period. */
function statesWork(node: OutlineNode): boolean {
  const rest = node.body.join('').replace(/(?:(?:19|20)\d{2}\s*年)?\d{1,2}\s*月(?:\d{1,2}\s*[日号])?|(?:19|20)\d{2}\s*年|即日起|自|从|起|至|到|止|前|底|[^\u4e00-\u9fff]/g, '');
  return rest.length >= 4;
}

/** A step is dated by its own text or by the heading of the phase above it. */
function dated(node: OutlineNode): boolean {
  return DATED.test(ownText(node)) || Boolean(node.parent && node.parent.kind !== 'root' && DATED.test(node.parent.head));
}

/**
 * A short heading with nothing under it ("(二)放宽市场准入。" and the next item at once) among
 * sibling sections that hold numbered items, in a document whose items carry units: a section
 * whose items an excerpt left out, or a table of contents' entry. It assigns no work (§1.1).
 * A one-line item among one-line siblings ("2.新增公交线路2条。") is a task all the same.
 */
function bareHeading(node: OutlineNode): boolean {
  const head = node.head.replace(/[。；;\s]+$/, '');
  if (node.body.some((l) => l.trim()) || head.length > 16 || /[。；;，,]/.test(head)) return false;
  return Boolean(node.parent?.children.some((sib) => sib !== node && sib.kind === node.kind && sib.children.length > 0));
}

function pick(node: OutlineNode, mode: SectionMode, docHasUnits: boolean): OutlineNode[] {
  if (mode === 'steps') {
    if (docHasUnits) return pick(node, 'guard', docHasUnits);
    return leaves(node);
  }
  if (!docHasUnits) return mode === 'task' ? leaves(node) : [];
  if (!node.children.length) return (mode === 'task' && !bareHeading(node)) || carries(node) ? [node] : [];
  if (sharedFields(node)) return [node];
  if (node.children.some(subtreeCarries)) return node.children.flatMap((c) => pick(c, mode, docHasUnits));
  if (carries(node)) return [node];
  return mode === 'task' ? [node] : [];
}

/** Whether a document (part) names units anywhere in its outline items (but those `skip` says are not items). */
export function outlineHasUnits(root: OutlineNode, skip: (n: OutlineNode) => boolean = () => false): boolean {
  const any = (n: OutlineNode): boolean => (!skip(n) && hasUnitMarker(ownText(n))) || n.children.some(any);
  return root.children.some((c) => sectionMode(c.head) !== 'context' && any(c));
}

/** Headings that organise the work rather than assign it: leadership, publicity, oversight, funding. */
const ORGANISING = /领导|组织|宣传|动员|氛围|保障|督[查导办]|考核|机制/;

/** Paragraphs that close a text rather than continue an item. */
const CLOSING = /^(?:各(?:地|级|部门|单位|有关|相关|乡镇|镇|街道|区县|县|区|成员单位|牵头单位|责任单位)|本(?:方案|措施|计划|通知|要点|清单|意见)|以上|附件|请各|联系人|联系电话|特此|此件)/;

/**
 * An unnumbered closing paragraph ("各单位要于每季度末…报送") or page footer after the last
 * item of a section is not that item's: an item ends with its unit marker or 完成时限 field,
 * so lines after the last such line of a section's last item are dropped.
 */
function trimTrailers(root: OutlineNode): void {
  for (const { section } of sectionsOf(root)) {
    let last = section;
    while (last.children.length) last = last.children[last.children.length - 1]!;
    const cut = trailerStart([last.head, ...last.body]);
    if (cut !== null) last.body = last.body.slice(0, cut - 1);
  }
}

/** Index (in [head, ...body]) of the first line that no longer belongs to the item, or null. */
function trailerStart(lines: string[]): number | null {
  let end = -1;
  lines.forEach((l, i) => { if (anchors(l)) end = i; });
  if (end < 0) return null;
  while (end + 1 < lines.length && itemField(lines[end + 1]!)) end += 1;
  if (end > 0) return end + 1 < lines.length ? end + 1 : null;
  // a marker on the heading line ("(一)…(县住建局牵头)") may come before the item's content:
  // then only a paragraph that reads as a closing one ends the item
  const closing = lines.findIndex((l, i) => i > 0 && CLOSING.test(l.trim()));
  return closing > 0 ? closing : null;
}

/**
 * The top-level sections and their modes. A part ("第二部分 重点任务") holding 一、 sections
 * passes them on, a guard part making them guards; a part holding (一) items is a section.
 */
function sectionsOf(root: OutlineNode): { section: OutlineNode; mode: SectionMode }[] {
  return root.children.flatMap((node) => {
    const mode = sectionMode(node.head || node.body[0] || '');
    if (node.kind !== 'part' || !node.children.some((c) => c.kind === 'cn')) return [{ section: node, mode }];
    if (mode === 'context') return [];
    return node.children.map((c) => {
      const own = sectionMode(c.head || c.body[0] || '');
      return { section: c, mode: mode === 'guard' && own === 'task' ? 'guard' as const : own };
    });
  });
}

/** The task items of an outline, in document order. */
export function selectTasks(root: OutlineNode): OutlineNode[] {
  trimTrailers(root);
  const docHasUnits = outlineHasUnits(root);
  const out: OutlineNode[] = [];
  const structured = root.children.some((c) => c.children.length > 0 && !sentencesOnly(c));
  // in a document with units, a flat list none of whose items carries one (a notice's own
  // points before a plan numbered 1. 2. 3.) assigns nothing
  const flatKinds = new Set(root.children.filter((c) => !c.children.length && (!docHasUnits || carries(c))).map((c) => c.kind));
  // an excerpt that starts inside a section ("15、…" "16、…", then "二、…" with its "1、"): the items it
  // opens with, before the first heading, are that lost section's, of the kind the next section's items are
  const firstHeading = root.children.findIndex((c) => c.kind === 'cn' && c.children.length > 0);
  const opening = firstHeading > 1 ? root.children.slice(0, firstHeading) : [];
  const orphans = new Set(opening.length > 1 && opening[0]!.num > 1 && opening.every((c, k) => !c.children.length && c.kind === root.children[firstHeading]!.children[0]!.kind && c.num === opening[0]!.num + k) ? opening : []);
  for (const { section, mode } of sectionsOf(root)) {
    if (mode === 'context') continue;
    if (!section.children.length || (!docHasUnits && !structured && sentencesOnly(section))) {
      // a flat list (1. 2. 3. at the top): each item is a task unless it is context or a guard
      // without units; in a structured plan a lone top-level paragraph (a notice's point) needs a marker
      if ((mode === 'task' && (!structured || (orphans.size > 1 && orphans.has(section))) && flatKinds.has(section.kind)) || carries(section)) out.push(section);
      // in a document that names no units, a task section written as prose, without numbered
      // items, is itself the lowest numbered level under the task sections (§1.1); one that
      // organises the work (成立组织,加强领导; 广泛宣传,全面动员) assigns none
      else if (mode === 'task' && !docHasUnits && structured && section.kind === 'cn' && !ORGANISING.test(section.head) && section.body.some((l) => l.trim().length >= 20)) out.push(section);
      else if (mode === 'steps' && !docHasUnits && dated(section) && statesWork(section)) out.push(section);
      continue;
    }
    // a top-level item whose (1)(2) sentences share one field block is itself the task (§1.5)
    if (docHasUnits && section.kind !== 'cn' && section.kind !== 'part' && sharedFields(section)) { out.push(section); continue; }
    out.push(...section.children.flatMap((c) => {
      const sub = sectionMode(c.head);
      // an item under a section that reads as context ("(一)总体要求:…") is still assigned where it names its units
      if (sub === 'context') return pick(c, 'guard', docHasUnits);
      return pick(c, sub === 'guard' || sub === 'steps' ? sub : mode, docHasUnits);
    }));
  }
  return out;
}

/** Whether a node's subtree is part of the task text (inline enumerations of a task). */
export function taskText(node: OutlineNode): string {
  return node.children.length ? subtreeText(node) : ownText(node);
}
