/**
 * Tables laid out with spaces between their cells: a header on one line whose words may be
 * spaced out ("工 作 任 务"), wrapped in their column ("牵头 领导") or qualified by a period
 * ("2023年10-12月份进展情况"), and rows whose cells are told apart by what they are.
 */
import { columnKind, isPersonCell, isTimeCell, isUnitCell } from './table-cells.ts';

/** A header laid out on one line with spaces ("序号 工 作 任 务 牵头负责部门"): its cells, or null. */
export function spacedHeader(text: string): string[] | null {
  if (/[|｜]/.test(text)) return null;
  const words = text.replace(/(?<=^|\s)[\u4e00-\u9fff](?:\s[\u4e00-\u9fff](?=\s|$)){2,}/g, (m) => m.replace(/\s/g, '')).split(/\s+/).filter(Boolean);
  const cells = joinWrappedHeaderWords(words);
  if (cells.length < 3 || cells.length > 12) return null;
  return cells.every((c) => columnKind(withoutPeriod(c))) ? cells : null;
}

/** A column word qualified by its period ("2023年10-12月份进展情况", "2024年1-3月进度安排") names the column after it. */
export function withoutPeriod(word: string): string {
  return word.replace(/^\d{4,5}年(?:度)?(?:\d{1,2}(?:\s*[-—~至]\s*\d{1,2})?月份?)?/, '') || word;
}

/**
 * Header words wrapped inside their column of a header laid out with spaces: a role on one
 * line and its noun on the next ("牵头 领导", "配合 责任单位") are one column word.
 */
function joinWrappedHeaderWords(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i]!;
    const next = words[i + 1];
    const joined = next ? columnKind(w + next) : null;
    if (next && /^(?:牵头|配合|主体|主要|责任|分管|协办|参与|协同|包保|具体)$/.test(w) && joined && ['lead', 'owner', 'assist', 'person'].includes(joined) && columnKind(next) !== 'seq') {
      out.push(w + next);
      i += 1;
    } else out.push(w);
  }
  return out;
}

/**
 * A row laid out with spaces: text runs (the task may hold spaces) joined, while unit
 * names and times at its end stay cells of their own.
 */
export function splitSpacedRow(s: string): string[] {
  const tokens = s.trim().split(/\s+/);
  // a wrapped line of a row that starts with the rest of its unit cell ("县直有关单位 达到进度 …")
  if (tokens.length > 1 && isUnitCell(tokens[0]!)) return [tokens[0]!, ...splitSpacedRow(tokens.slice(1).join(' '))];
  const tail: string[] = [];
  while (tokens.length > 1 && (isUnitCell(tokens[tokens.length - 1]!) || isTimeCell(tokens[tokens.length - 1]!))) tail.unshift(tokens.pop()!);
  // cells after the units (进展情况, 备注 …): the task is the text before the first unit, person or time
  const first = tokens.findIndex((t, i) => i > 0 && (isUnitCell(t) || isTimeCell(t) || isPersonCell(t)));
  if (first > 0 && tokens.slice(0, first).join('').length >= 4) return [tokens.slice(0, first).join(''), ...tokens.slice(first), ...tail];
  return [tokens.join(''), ...tail];
}
