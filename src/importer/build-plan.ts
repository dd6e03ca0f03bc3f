/**
 * Cleaned text (+ tables) → ImportedPlan, purely: split a file that strings several texts
 * together, read each text's metadata, outline and tasks, drop duplicate copies, add the
 * plan-period fallback deadline, and refuse a document without tasks.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../lib/errors.ts';
import type { DocMeta, ImportedPlan, ImportedTask } from './types.ts';
import { spreadUnitCells } from './spread-unit-cells.ts';
import { cleanText } from './clean.ts';
import { blankBoxLines } from './read-box-tables.ts';
import { removeChrome } from './clean-chrome.ts';
import { joinWrappedLines } from './clean-wraps.ts';
import { splitSquashed } from './clean-squashed.ts';
import { unsquashRowTails, unsquashTable } from './clean-squashed-table.ts';
import { formFields } from './clean-form.ts';
import { joinChunks } from './clean-chunks.ts';
import { colonLabels } from './clean-labels.ts';
import { dropScrapeNoise } from './clean-scrape-noise.ts';
import { numberBareItems } from './clean-bare-items.ts';
import { isBodyName, isUnitName, isWholeName } from './split-units.ts';
import { splitOwnedItems } from './split-owned-items.ts';
import { countLostChars, dropLostIndent } from './clean-lost-chars.ts';
import { extractMeta } from './extract-meta.ts';
import { segment, type OutlineNode } from './segment.ts';
import { outlineHasUnits, selectTasks } from './select-tasks.ts';
import { commonUnitRules, documentWideUnits, extractUnits, firstListedLeads, hasUnitMarker, othersListedAssist } from './extract-units.ts';
import { buildTask, taskFromNode, withUnitsFound, type TaskContext } from './build-task.ts';
import { tableTasks } from './extract-table-tasks.ts';
import { flatTableSpans } from './extract-flat-tables.ts';
import type { DateContext } from './extract-deadlines.ts';

/** Parts of a page that strings several texts together ("篇一:…", "篇二:…"). */
function splitParts(text: string): string[] {
  const parts = text.split(/\n(?=\s*篇[一二三四五六七八九十\d]{1,3}\s*[:：])/);
  return parts.map((p) => p.replace(/^\s*篇[一二三四五六七八九十\d]{1,3}\s*[:：][^\n]*\n/, ''));
}

/** Reports, speeches and papers collected with a plan are not plans. */
function isReport(part: string): boolean {
  return /汇报材料|情况汇报|工作总结|述职|讲话|心得体会|\[摘要\]|【摘要】|\[关键词\]|综述/.test(part.slice(0, 800));
}

/** The years and first day dates without a year take (labelling rules §5); also used for an admin's corrected deadline. */
export function dateContext(meta: Pick<DocMeta, 'planPeriod' | 'issuedAt' | 'publishedAt'> & { title?: string | null; docNumber?: string | null }, openingYear: number | null = null): DateContext {
  const p = meta.planPeriod;
  const single = p && /^\d{4}年$/.test(p.raw) ? Number(p.raw.slice(0, 4)) : null;
  // with no issue date, the page's posting date stands for the notice that assigns the work (§5),
  // and failing that the year its number bears ("国发〔2020〕6号")
  const noticeDay = meta.issuedAt ?? meta.publishedAt ?? null;
  const numberYear = /[〔[(（]((?:19|20)\d{2})[〕\])）]/.exec(meta.docNumber ?? '')?.[1];
  // a part of a document with no notice of its own: the year its opening lines speak in
  const issueYear = noticeDay ? Number(noticeDay.slice(0, 4)) : numberYear ? Number(numberYear) : openingYear;
  const start = p ? `${p.raw.slice(0, 4)}-01-01` : null;
  return { planYear: single ?? issueYear, yearFromTitle: single !== null, notBefore: meta.issuedAt ?? start, planMonth: planMonthOf(meta.title ?? null), writtenYear: meta.issuedAt ? Number(meta.issuedAt.slice(0, 4)) : null };
}

/** The month of a plan for one month: "2月工作计划", "3月份重点工作安排" (not "1-6月"). */
function planMonthOf(title: string | null): number | null {
  const m = title ? /(?<![\d\-—~至到])(1[0-2]|[1-9])月份?(?:工作|重点工作|主要工作)(?:计划|安排|要点|重点)/.exec(title) : null;
  return m ? Number(m[1]) : null;
}

/**
 * The year the lines before the outline speak in, for a text that has no notice, number or
 * title year: the latest year of a dated event there ("2024年9月底", a cited "浙司〔2024〕63号"),
 * never a year of the past ("2003年以来") or a far goal ("到2035年").
 */
function openingYear(opening: string): number | null {
  let latest: number | null = null;
  for (const m of opening.matchAll(/[〔[(（]((?:19|20)\d{2})[〕\])）]|(20\d{2})\s*年\s*\d{1,2}\s*月(?!以来)/g)) {
    const y = Number(m[1] ?? m[2]);
    if (latest === null || y > latest) latest = y;
  }
  return latest;
}

interface Part { meta: DocMeta; root: OutlineNode; nodes: OutlineNode[]; text: string }

function readPart(raw: string): Part {
  const meta = extractMeta(raw);
  const text = splitOwnedItems(joinWrappedLines(splitSquashed(unsquashRowTails(unsquashTable(joinChunks(colonLabels(dropLostIndent(formFields(numberBareItems(dropScrapeNoise(removeChrome(raw))))))))))));
  const root = segment(text);
  return { meta, root, nodes: selectTasks(root), text };
}

/** Work that is never "done by a date": 持续推进, 长期坚持, 常态化开展. */
const ONGOING = /持续推进|长期坚持|长期推进|常态化(?:开展|推进)|久久为功/;

/**
 * Adds the plan-period end as an inferred deadline to tasks that state none; a task
 * that says it is ongoing gets an ongoing deadline (no date) instead.
 */
function addInferred(tasks: ImportedTask[], meta: DocMeta): void {
  for (const t of tasks) {
    if (t.deadlines.some((d) => d.kind !== 'recurring')) continue;
    const ongoing = ONGOING.exec(t.text);
    if (ongoing) {
      t.deadlines.push({ raw: ongoing[0], date: null, kind: 'ongoing' });
      continue;
    }
    const p = meta.planPeriod;
    if (!p) continue;
    t.deadlines.push({ raw: p.raw, date: p.end, kind: 'inferred' });
  }
}

/**
 * A text cut off inside its last item (a page excerpt, a preview) leaves an item that is not
 * a task (labelling rules §1.7, read as "before its units" where the items carry units; a date
 * seen before the cut does not make the assignment complete). The last item is taken out, and
 * returned so that the plan can say so, when the text ends inside it, the document's items
 * carry units, this one names none of its own (units a heading above gives it do not make it
 * complete), and either it stops mid-sentence or every other item names its own units (then
 * its unit line is what was cut, even after a full stop). In a document that names no units,
 * an item cut mid-sentence before any time (or, in minutes, any owner) is written ended "before
 * its deadline" (§1.7) and is taken out too; one that already states one stays, with a warning.
 */
const UNIT_LABEL_OR_ROLE = /单位|部门|负责|牵头|配合/;

function cutOffLast(tasks: ImportedTask[], text: string, rows: ReadonlySet<ImportedTask>, ownersOf?: (text: string) => string[]): ImportedTask | null {
  const last = tasks[tasks.length - 1];
  const squash = (x: string) => x.replace(/[\s|｜]+/g, '');
  // a name the text ends in that does not end as a body's or a place's ("…,各县(区)人民") was cut
  const tailUnit = last?.units[last.units.length - 1];
  // a list cut right after a conjunction ("…,省直有关部门(单位)及"): the name before it is whole
  const beforeConjunction = tailUnit?.replace(/[及和与]$/, '');
  if (last && tailUnit && beforeConjunction !== tailUnit && squash(text).endsWith(squash(tailUnit)) && isUnitName(beforeConjunction!)) {
    for (const list of [last.units, last.leadUnits, last.assistUnits]) list.forEach((u, i) => { if (u === tailUnit) list[i] = beforeConjunction!; });
    last.warnings.push('原文在此项的单位名单中间截断，后面可能还有单位，请核对完整原文');
    return null;
  }
  if (tailUnit && last.units.length > 1 && squash(text).endsWith(squash(tailUnit)) && !isWholeName(tailUnit)) return keepWholeNames(tasks, last, tailUnit);
  if (!last || tasks.length < 2) return null;
  // the text ends on the next item's bare number ("…企业情况。\n25"): that item was cut, not this one
  const next = /\n\s*(\d{1,3})\s*$/.exec(last.text);
  if (next && Number(next[1]) === Number(/(\d+)\D*$/.exec(last.path)?.[1]) + 1) {
    last.text = last.text.slice(0, next.index);
    return null;
  }
  const body = squash(last.text);
  // the document ends inside the item: with its last line (a table row's last cell, when the
  // row's other cells are not all kept)
  const lastLine = squash(last.text.split('\n').filter((l) => squash(l)).pop() ?? '');
  if (lastLine.length < 2 || !squash(text).endsWith(lastLine.slice(-12))) return null;
  // a unit bracket the cut left open ("…。(市政府办公室、市" or "〔A委、B局(C局)"): its whole names are the
  // item's units as far as the text goes; with none whole, the item is taken out
  const open = /[(（〔]((?:[^()（）〔〕]|[(（][^()（）]*[)）])*)$/.exec(last.text.trim());
  if (open && !hasUnitMarker(last.text.slice(0, open.index))) {
    const inner = open[1]!;
    const sep = Math.max(...[...inner.matchAll(/[、，,；;]/g)].map((m) => m.index!), -1);
    const piece = inner.slice(sep + 1).trim();
    const name = piece.replace(/[(（][^()（）]*[)）]$/, '');
    const kept = isUnitName(name) && isWholeName(name) && isBodyName(name) ? inner : inner.slice(0, Math.max(sep, 0));
    // the item's last sentence read with its bracket closed after the last whole name
    const before = last.text.trim().slice(0, open.index);
    const found = kept ? extractUnits(`${before.slice(before.search(/[^。；;]*$/))}（${kept}）`) : null;
    if (found?.units.length) {
      Object.assign(last, { units: found.units, leadUnits: found.leadUnits, assistUnits: found.assistUnits });
      withUnitsFound(last);
      last.warnings.push('原文在此项的单位名单中间截断，后面可能还有单位，请核对完整原文');
      return null;
    }
    if (!last.units.length && (UNIT_LABEL_OR_ROLE.test(inner) || !piece || !isUnitName(piece))) return tasks.pop()!;
  }
  // the same cut in a field line ("责任单位:发改局、生态环"): its last name is not whole
  // (a list its full stop closes, "责任单位:市乙局。", was not cut)
  const field = /(?:单位|部门|科室|处室)\s*[:：]([^\n:：()（）]*[^\n:：()（）。；;！!])$/.exec(last.text.trim());
  const fieldPiece = field?.[1]!.split(/[、，,；;]/).pop()?.trim() ?? '';
  if (field && fieldPiece && (!isUnitName(fieldPiece) || !isBodyName(fieldPiece) || !isWholeName(fieldPiece))) return keepWholeNames(tasks, last, fieldPiece);
  const midSentence = !/[。；;！!)）]$/.test(body);
  const others = tasks.slice(0, -1);
  const withUnits = others.filter((t) => t.units.length).length;
  if (!withUnits && !last.units.length) {
    // cut inside its heading ("(四)合理保障农民种粮收"): not even the task's title is there (§1.7)
    // ended mid-sentence before any date: the item's deadline is what was cut (§1.7)
    const stated = last.deadlines.some((d) => d.kind === 'date' || d.kind === 'unknown') || Boolean(ownersOf?.(last.text).length);
    if (midSentence && !stated) return tasks.pop()!;
    if (midSentence) last.warnings.push('原文在此项中间截断，后文可能还有时限或要求，请核对完整原文');
    return null;
  }
  // a table row's units are its cells; a text item's are its own marker, or a heading's
  const ownUnits = rows.has(last) ? last.units.length > 0 : hasUnitMarker(last.text);
  if (ownUnits || withUnits < (tasks.length - 1) / 2) return null;
  const allOwn = others.every((t) => !rows.has(t) && hasUnitMarker(t.text));
  if (!midSentence && !allOwn) return null;
  // cut after it states its time ("2031年3月底前,市甲局制定…"): the work and its deadline are there,
  // its units were cut — it stays, with a warning, for the admin to complete
  if (!rows.has(last) && midSentence && last.deadlines.some((d) => d.kind === 'date')) {
    last.warnings.push('原文在此项中间截断，此项的责任单位未能读到，请核对完整原文');
    return null;
  }
  return tasks.pop()!;
}

/**
 * A last item cut inside its list of units ("责任单位:市局公法处、区县"): its whole names are its
 * units as far as the text goes, with a warning; the piece the cut left is none. With no whole
 * name before the cut, the item is taken out (returned).
 */
function keepWholeNames(tasks: ImportedTask[], last: ImportedTask, piece: string): ImportedTask | null {
  last.units = last.units.filter((u) => u !== piece && !piece.startsWith(u) && !u.startsWith(piece));
  last.leadUnits = last.leadUnits.filter((u) => last.units.includes(u));
  last.assistUnits = last.assistUnits.filter((u) => last.units.includes(u));
  if (!last.units.length) return tasks.pop()!;
  last.warnings.push('原文在此项的单位名单中间截断，后面可能还有单位，请核对完整原文');
  return null;
}

/**
 * "以下均需X落实，不再列出" / "具体任务均涉及X，不再做分工，下同" stated in an item: X is a unit
 * of every later item, and with "均涉及…下同" of that item too (labelling rules §4), after the
 * units the item lists.
 */
function addCommonUnits(tasks: ImportedTask[], firstIsLead: boolean): void {
  for (let i = 0; i < tasks.length; i += 1) {
    for (const rule of commonUnitRules(tasks[i]!.text)) {
      for (const t of tasks.slice(rule.below ? i + 1 : i)) {
        for (const u of rule.units) if (!t.units.includes(u)) t.units.push(u);
        if (firstIsLead && !t.leadUnits.length && t.units.length) t.leadUnits = [t.units[0]!];
        withUnitsFound(t);
      }
    }
  }
}

/**
 * "1.开展甲…" "2.将乙…" then, on a line of its own after the last, "责任单位:市甲局": where no other item of
 * the list names a unit, the unit line closing the list is the whole list's, not its last item's.
 */
const UNIT_FIELD_LINE = /^\s*(?:责任单位|牵头单位|责任部门|牵头部门|主责单位|承办单位)\s*[:：]/;
function shareClosingUnitLine(tasks: ImportedTask[], rows: ReadonlySet<ImportedTask>): void {
  const parentOf = (t: ImportedTask) => t.path.split('.').slice(0, -1).join('.');
  const groups = new Map<string, ImportedTask[]>();
  for (const t of tasks) if (!rows.has(t)) groups.set(parentOf(t), [...(groups.get(parentOf(t)) ?? []), t]);
  for (const list of groups.values()) {
    const last = list[list.length - 1]!;
    const lastLine = last.text.split('\n').filter((l) => l.trim()).pop() ?? '';
    if (list.length < 2 || !last.units.length || !UNIT_FIELD_LINE.test(lastLine)) continue;
    const before = list.slice(0, -1);
    if (before.some((t) => t.units.length || hasUnitMarker(t.text))) continue;
    for (const t of before) {
      Object.assign(t, { units: [...last.units], leadUnits: [...last.leadUnits], assistUnits: [...last.assistUnits] });
      withUnitsFound(t);
    }
  }
}

/** "除特别注明的外，A和B都是配合单位" in the notice: A and B are units of every item, in that role. */
function addDocumentWideUnits(tasks: ImportedTask[], text: string): void {
  const rule = documentWideUnits(text);
  if (!rule) return;
  for (const t of tasks) {
    for (const u of rule.units) {
      if (t.units.includes(u)) continue;
      t.units.push(u);
      if (rule.role === 'assist') t.assistUnits.push(u);
    }
    withUnitsFound(t);
  }
}

/**
 * A document that restarts its numbering without a new heading (two "①" at the top) would
 * give two tasks one path; paths identify tasks, so later ones get "#2", "#3" and a warning.
 */
function uniquePaths(tasks: ImportedTask[]): void {
  const seen = new Map<string, number>();
  for (const t of tasks) {
    const n = (seen.get(t.path) ?? 0) + 1;
    seen.set(t.path, n);
    if (n > 1) {
      t.path = `${t.path}#${n}`;
      t.warnings.push('编号与前文重复，已加后缀区分，请核对');
    }
  }
}

/**
 * Tells whether a text item's title begins like a table row's (the same task read twice, as
 * a numbered line and as a row): the first 8 characters, or all of the shorter title.
 */
function rowTitleMatcher(rowTitles: string[]): (title: string) => boolean {
  const squash = (x: string) => x.replace(/\s+/g, '');
  const rows = rowTitles.map(squash).filter((r) => r.length >= 4);
  const long = new Set(rows.filter((r) => r.length >= 8).map((r) => r.slice(0, 8)));
  const short = rows.filter((r) => r.length < 8);
  return (title) => {
    const t = squash(title);
    if (t.length >= 8 && long.has(t.slice(0, 8))) return true;
    return short.some((r) => t.startsWith(r)) || (t.length < 8 && rows.some((r) => r.startsWith(t)));
  };
}

/**
 * Builds the plan of a document's text and tables; throws NO_TASKS when there is none.
 * `ownersOf` reads owners from an item's sentences where a kind of text names them there (minutes).
 */
export function buildPlan(input: { text: string; tables?: string[][][]; kind?: string }, ownersOf?: (text: string) => string[]): ImportedPlan {
  const text = spreadUnitCells(cleanText(blankBoxLines(input.text)));
  const tables = (input.tables ?? []).map((t) => t.map((r) => r.map(cleanText)));
  let parts = splitParts(text).map(readPart);
  if (parts.length > 1) parts = parts.filter((p) => !isReport(p.text));
  const main = parts.find((p) => p.nodes.length) ?? parts[0] ?? readPart(text);
  const meta = main.meta;
  const firstIsLead = firstListedLeads(text) || tables.some((t) => firstListedLeads(t.flat().join('\n')));
  const othersAssist = firstIsLead && (othersListedAssist(text) || tables.some((t) => othersListedAssist(t.flat().join('\n'))));
  const firstItem = main.root.children[0];
  const opening = firstItem ? main.text.split('\n').slice(0, firstItem.line - 1).join('\n') : '';
  const ctx: TaskContext = { dates: dateContext(meta, openingYear(opening)), firstIsLead, othersAssist, docHasUnits: parts.some((p) => outlineHasUnits(p.root)) };

  const tasks: ImportedTask[] = [];
  const rows = new Set<ImportedTask>();
  const seen = new Set<string>();
  // tables laid out in plain text ("|" or spaces between cells) lose separators inside cells as flattened ones do
  let fromTables = tables.flatMap((t) => tableTasks(t, input.kind === 'txt'));
  // a table flattened to text (one cell per line, or "|" between cells) holds the tasks of a
  // document that has no outline of its own, or none with units outside the table: numbered
  // lines inside its rows ("1.…2.…" in a 进展情况 cell) are cell text
  const spans = new Map(parts.map((p) => [p, flatTableSpans(p.text)] as const));
  const inTable = (p: Part, n: OutlineNode) => spans.get(p)!.some((s) => n.line - 1 >= s.from && n.line - 1 <= s.to);
  let flatUsed = false;
  if (!parts.some((p) => p.nodes.length && outlineHasUnits(p.root, (n) => inTable(p, n))) && !fromTables.some((r) => r.assignment.units.length)) {
    const flat = parts.flatMap((p) => spans.get(p)!).flatMap((t) => tableTasks(t.grid, true));
    if (flat.length && (!fromTables.length || flat.some((r) => r.assignment.units.length))) { fromTables = flat; flatUsed = true; }
  }
  // with a task table and no unit marker in the text, the text's items would all be dropped below
  for (const part of fromTables.length && !ctx.docHasUnits ? [] : parts) {
    for (const node of part.nodes) {
      if (flatUsed && inTable(part, node)) continue;
      const t = taskFromNode(node, tasks.length + 1, ctx);
      const key = `${t.path}|${t.title.replace(/\s+/g, '')}`;
      if (seen.has(key) || !t.title) continue;
      seen.add(key);
      tasks.push(t);
    }
  }
  if (fromTables.length) {
    // rows of a table laid out in the text also read as numbered lines: keep each task once
    const textHasUnits = tasks.some((t) => t.units.length);
    const isRow = rowTitleMatcher(fromTables.map((r) => r.title));
    const kept = textHasUnits ? tasks.filter((t) => !isRow(t.title)) : [];
    tasks.length = 0;
    tasks.push(...kept);
    const tctx = { ...ctx, docHasUnits: true };
    for (const r of fromTables) {
      const row = buildTask({ ...r, seq: tasks.length + 1 }, tctx);
      rows.add(row);
      tasks.push(row);
    }
  }
  const warnings: string[] = [];
  const cut = cutOffLast(tasks, text, rows, ownersOf);
  if (cut) {
    const what = tasks.some((t) => t.units.length) ? '它的责任单位没有写出' : '它的标题没有写完';
    warnings.push(`原文在最后一项“${cut.title.slice(0, 20)}”中间截断，${what}，未导入，请核对完整原文`);
  }
  if (!tasks.length) throw new AppError('NO_TASKS');
  shareClosingUnitLine(tasks, rows);
  addCommonUnits(tasks, ctx.firstIsLead);
  addDocumentWideUnits(tasks, text);
  addInferred(tasks, meta);
  uniquePaths(tasks);
  const lost = countLostChars(text);
  if (lost) warnings.push(`全文有 ${lost} 处字符丢失(显示为“?”)，受影响的任务已标注`);
  return { doc: meta, tasks, warnings, sourceHash: createHash('sha256').update(text).update(JSON.stringify(tables)).digest('hex') };
}
