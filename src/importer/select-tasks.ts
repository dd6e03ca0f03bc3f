/**
 * Which outline items are tasks (labelling rules §1): numbered items under task sections
 * (主要任务, 重点工作 …), at the lowest numbered level that carries the assignment; items
 * under 保障措施/组织实施 only when they carry their own unit marker; never items under
 * 指导思想, 基本原则, 总体要求, 工作目标. A document naming no units at all gives the
 * lowest numbered level under its task sections.
 */
import { ownText, subtreeText, type OutlineNode } from './segment.ts';
import { hasUnitMarker } from './extract-units.ts';

type SectionMode = 'task' | 'guard' | 'context';

const GUARD = /保障措施|组织实施|组织管理|组织领导|组织保障|工作要求|保障机制|实施保障|工作保障|有关要求|督导考核|监督考核|考核评估|实施步骤|进度安排|时间安排|工作步骤|步骤安排|推进步骤/;
const CONTEXT = /指导思想|基本原则|总体要求|工作目标|主要目标|总体目标|发展目标|目标要求|背景|现状|重要意义|总体思路|工作原则|基本情况|编制依据|发展基础|面临形势|适用范围|主要成效|工作成效|总体考虑|目标任务$/;
const DEADLINE_FIELD = /(?:完成时限|完成时间|时间要求|时限要求|完成期限)\s*[:：]/;

/** The kind of a section by its heading. */
export function sectionMode(heading: string): SectionMode {
  const h = heading.replace(/\s+/g, '').split('。')[0]!.slice(0, 24);
  if (/任务|举措|重点工作|工作要点|主要工作/.test(h) && !/^(?:总体|工作)?目标/.test(h)) return 'task';
  if (GUARD.test(h)) return 'guard';
  if (CONTEXT.test(h)) return 'context';
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

function leaves(node: OutlineNode): OutlineNode[] {
  return node.children.length ? node.children.flatMap(leaves) : [node];
}

function pick(node: OutlineNode, mode: SectionMode, docHasUnits: boolean): OutlineNode[] {
  if (!docHasUnits) return mode === 'task' ? leaves(node) : [];
  if (!node.children.length) return mode === 'task' || carries(node) ? [node] : [];
  if (node.children.some(subtreeCarries)) return node.children.flatMap((c) => pick(c, mode, docHasUnits));
  if (carries(node)) return [node];
  return mode === 'task' ? [node] : [];
}

/** Whether a document (part) names units anywhere in its outline items. */
export function outlineHasUnits(root: OutlineNode): boolean {
  const any = (n: OutlineNode): boolean => hasUnitMarker(ownText(n)) || n.children.some(any);
  return root.children.some((c) => sectionMode(c.head) !== 'context' && any(c));
}

/** The task items of an outline, in document order. */
export function selectTasks(root: OutlineNode): OutlineNode[] {
  const docHasUnits = outlineHasUnits(root);
  const out: OutlineNode[] = [];
  const structured = root.children.some((c) => c.children.length > 0);
  for (const section of root.children) {
    const mode = sectionMode(section.head || section.body[0] || '');
    if (mode === 'context') continue;
    if (!section.children.length) {
      // a flat list (1. 2. 3. at the top): each item is a task unless it is context or a guard
      // without units; in a structured plan a lone top-level paragraph (a notice's point) needs a marker
      if ((mode === 'task' && !structured) || carries(section)) out.push(section);
      continue;
    }
    out.push(...section.children.flatMap((c) => {
      const sub = sectionMode(c.head);
      if (sub === 'context') return [];
      return pick(c, sub === 'guard' ? 'guard' : mode, docHasUnits);
    }));
  }
  return out;
}

/** Whether a node's subtree is part of the task text (inline enumerations of a task). */
export function taskText(node: OutlineNode): string {
  return node.children.length ? subtreeText(node) : ownText(node);
}
