/**
 * One outline item (or table row) → one ImportedTask: path, title, units, deadlines,
 * targets, recurrence and the warnings a person should see.
 */
import type { ImportedDeadline, ImportedTask } from './types.ts';
import { pathOf, type OutlineNode } from './segment.ts';
import { taskText } from './select-tasks.ts';
import { extractUnits, type UnitAssignment } from './extract-units.ts';
import { isUnitName, splitUnits } from './split-units.ts';
import { bareUnitList } from './extract-bare-units.ts';
import { cellContext, extractDeadlines, extractRecurrence, type DateContext } from './extract-deadlines.ts';
import { extractTargets } from './extract-targets.ts';
import { lostCharsWarning } from './clean-lost-chars.ts';

export interface TaskContext {
  dates: DateContext;
  firstIsLead: boolean;
  /** the document also says the units after the first assist ("其他为配合单位") */
  othersAssist?: boolean;
  docHasUnits: boolean;
}

/** Heading sentence: the item's text after its number, up to the first 。 (or a PDF's "."), without unit brackets. */
export function titleOf(node: OutlineNode): string {
  const head = node.head || node.body[0] || '';
  // a converted PDF may end its sentences with "." after Chinese text ("出台《…规划》.按照…")
  const cut = head.search(/。|(?<=[\u4e00-\u9fff》”])\.(?=\s*[\u4e00-\u9fff《“])/);
  // a heading that runs into its body without a stop ends where the body's "一是…" begins
  // (a page number run in before it goes too: "…聚力增效2一是…")
  const enumeration = /(?<=[\u4e00-\u9fff]{6,})\d{0,2}一是/.exec(head);
  const end = [cut, enumeration?.index ?? -1].filter((i) => i >= 0);
  return (end.length ? head.slice(0, Math.min(...end)) : head)
    .replace(/^\s*[【(（[][^【】()（）[\]]*(?:单位|部门|负责|牵头|配合)[^【】()（）[\]]*[】)）\]]\s*/, '')
    // "【县发改局】推进…": the units opening the item are not its title
    .replace(/^\s*【[^【】]{2,80}】\s*/, (b) => (bareUnitList(b.trim().slice(1, -1)).length ? '' : b))
    .replace(/\s*[(（][^()（）]*(?:负责|牵头|配合)[^()（）]*[)）]\s*$/, '')
    .replace(/[：:；;，,\s]+$/, '')
    .trim();
}

const NO_UNITS = '没有找到责任单位，请补充';

/** Units were found for the task after it was built (a heading, a rule for the document): its warning goes. */
export function withUnitsFound(task: ImportedTask): void {
  task.warnings = task.warnings.filter((w) => w !== NO_UNITS);
}

function warningsOf(text: string, units: string[], deadlines: ImportedDeadline[], ctx: TaskContext): string[] {
  const w: string[] = [];
  const lost = lostCharsWarning(text);
  if (lost) w.push(lost);
  if (ctx.docHasUnits && !units.length) w.push(NO_UNITS);
  for (const d of deadlines) if (d.kind === 'unknown') w.push(`时限“${d.raw}”没有具体日期，请补全`);
  return w;
}

/** Assembles a task from its parts; `fieldText` is read as a 完成时限 field (table cells). */
export function buildTask(p: { path: string; pathKey: string; title: string; text: string; seq: number; assignment?: UnitAssignment; deadlineCell?: string; warnings?: string[] }, ctx: TaskContext): ImportedTask {
  const a = p.assignment ?? extractUnits(p.text, { firstIsLead: ctx.firstIsLead, othersAssist: ctx.othersAssist });
  if (p.assignment && ctx.firstIsLead && a.units.length && !a.leadUnits.length) {
    if (ctx.othersAssist && !a.assistUnits.length) a.assistUnits = a.units.slice(1);
    a.leadUnits = [a.units[0]!];
  }
  const fromCell = p.deadlineCell ? extractDeadlines(`完成时限：${p.deadlineCell.replace(/\s+/g, '')}`, cellContext(ctx.dates, p.text.replace(p.deadlineCell, ''))) : [];
  const deadlines = [...fromCell];
  for (const d of extractDeadlines(p.text.replace(p.deadlineCell ?? '\u0000', ''), ctx.dates)) {
    if (!deadlines.some((x) => x.raw === d.raw && x.date === d.date)) deadlines.push(d);
  }
  return {
    path: p.path,
    pathKey: p.pathKey,
    seq: p.seq,
    title: p.title,
    text: p.text,
    leadUnits: a.leadUnits,
    assistUnits: a.assistUnits,
    units: a.units,
    deadlines,
    targets: extractTargets(p.text),
    recurring: extractRecurrence(p.text),
    warnings: [...(p.warnings ?? []), ...warningsOf(p.text, a.units, deadlines, ctx)],
  };
}

/** A phase heading ("(一)准备阶段(2018年5月31日至6月24日)", "第二阶段…"): its steps are due with it. */
const PHASE = /阶段|步骤/;

/** A task from an outline item; a step with no date of its own is due when its phase ends. */
/**
 * A heading that names who leads everything under it — "一、县示范区管委会牵头工作(8项)",
 * "二、县财政局负责事项" — gives its units to the items below that name none. A heading naming a
 * person ("王丹县长牵头重点工作") names no unit.
 */
const HEADING_ASSIGNS = /^\s*([^。；;，,]{2,40}?)(牵头|负责|承办)的?(?:重点)?(?:工作|任务|事项)(?:清单)?\s*(?:[(（]\s*\d{1,3}\s*项\s*[)）])?\s*$/;
/** "一、区发改局(3项)": a heading that is a unit's name with the count of its items. */
const HEADING_COUNTS = /^\s*([^。；;，,()（）]{2,40}?)\s*[(（]\s*\d{1,3}\s*项\s*[)）]\s*$/;
function headingUnits(node: OutlineNode, task: ImportedTask): void {
  for (let up = node.parent; up && up.kind !== 'root'; up = up.parent) {
    const m = HEADING_ASSIGNS.exec(up.head) ?? HEADING_COUNTS.exec(up.head);
    if (!m) continue;
    const names = splitUnits(m[1]!);
    if (!names.length || !names.every(isUnitName)) return;
    task.units = names;
    if (m[2] === '牵头') task.leadUnits = [names[0]!];
    withUnitsFound(task);
    return;
  }
}

export function taskFromNode(node: OutlineNode, seq: number, ctx: TaskContext): ImportedTask {
  const chain = pathOf(node);
  const task = buildTask({
    path: chain.map((n) => n.seg).join('.'),
    pathKey: chain.map((n) => n.num).join('.'),
    title: titleOf(node),
    text: taskText(node),
    seq,
  }, ctx);
  if (!task.units.length) headingUnits(node, task);
  const phase = node.parent;
  if (phase && phase.kind !== 'root' && (phase.kind === 'stage' || PHASE.test(phase.head)) && !task.deadlines.some((d) => d.date)) {
    const inherited = extractDeadlines(phase.head, ctx.dates).filter((d) => d.date);
    if (inherited.length) task.deadlines = [...inherited, ...task.deadlines.filter((d) => d.kind !== 'unknown' || d.date)];
  }
  return task;
}
