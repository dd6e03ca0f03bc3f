/**
 * Document metadata (labelling rules §8): the plan's own title, the issuing office, the
 * document number as printed (明府办函〔2023〕4号), the issue date and the plan period of
 * the title ("(2023-2025年)"). Read from the text before web chrome is removed, because
 * pages put 发布机构/成文日期/文号 in their chrome. Anything absent is null: nothing is guessed.
 */
import type { DocMeta, PlanPeriod } from './types.ts';
import { readCycle, type ReportCycle } from '../tasks/cycles.ts';
import { dayOf } from './parse-date.ts';
import { markerOf } from './segment.ts';

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const DOC_NO = /([\u4e00-\u9fffA-Za-z]{1,14}(?:〔|\[|【|\()(?:19|20)\d{2}(?:〕|\]|】|\))第?\d{1,5}号)/;
const ORGAN_END = /(?:办公室|办公厅|人民政府|政府|委员会|委|局|厅|部|办|中心|院|管委会|党工委|领导小组)$/;

function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.includes('十')) {
    const [a, b] = s.split('十');
    return (a ? CN_DIGIT[a]! : 1) * 10 + (b ? CN_DIGIT[b]! : 0);
  }
  return Number([...s].map((c) => CN_DIGIT[c] ?? 0).join(''));
}

/** 'YYYY-MM-DD' of "2023年2月24日", "二〇二三年二月二十四日", "2024-10-14" or "2022.02.27". */
export function parseWrittenDay(s: string): string | null {
  const m = /((?:19|20)\d{2}|[〇○零一二三四五六七八九Oo]{4})\s*[年\-./]\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*[月\-./]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?/.exec(s);
  if (!m) return null;
  return dayOf(cnNumber(m[1]!), cnNumber(m[2]!), cnNumber(m[3]!));
}

const DAY_LINE = /^(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九Oo]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$/;

function findTitle(lines: string[]): { title: string | null; notice: string | null } {
  const all = lines.slice(0, 80).join('');
  const at = all.indexOf('关于印发');
  const from = Math.max(0, at - 60);
  const head = at >= 0 ? all.slice(from, at + 110) : '';
  const n = /([^。；\n《]{0,60}?关于印发[《〈“]?([^《]{4,90}?)[》〉”]?的通知)(?!》)/.exec(head);
  if (n && !/《[^》]*$/.test(all.slice(0, from + n.index))) return { title: n[2]!.replace(/\s+/g, ''), notice: n[1]!.replace(/\s+/g, '').replace(/^.*?(?=[^\s]{2,40}关于印发)/, '') };
  const head40 = lines.slice(0, 40);
  for (const [i, line] of head40.entries()) {
    let s = line.trim();
    // a title wrapped inside its bracket ("…三年行动(2024—" / "2026年)的实施意见") is read whole
    const unopened = (x: string) => (x.match(/[)）]/g)?.length ?? 0) > (x.match(/[(（]/g)?.length ?? 0);
    if (i > 0 && unopened(s) && !unopened(head40[i - 1]!) && !/[，。,；;：:]$/.test(head40[i - 1]!.trim())) s = head40[i - 1]!.trim() + s;
    if (s.length < 6 || s.length > 70 || /[，。,；;：:]/.test(s) || markerOf(s)) continue;
    if (/(?:方案|计划|要点|意见|任务|规划|措施|清单|分工|安排|办法|纲要|细则|规定|决定|分解表|分工表|任务表|计划表|台账|分解|明细表|一览表|重点事项|实事项目|情况表|统计表|汇总表|进度表)(?:\([^)]*\))?$/.test(s)) return { title: s, notice: null };
  }
  return { title: null, notice: null };
}

function findIssuer(lines: string[], notice: string | null): string | null {
  for (const l of lines.slice(0, 60)) {
    const m = /(?:发布机构|制定机关|发文机关|发文单位|发布单位)】?\s*[:：|｜]?\s*([^\s|｜]{2,30})/.exec(l);
    if (m) return m[1]!;
  }
  for (let i = 1; i < lines.length; i += 1) {
    if (!DAY_LINE.test(lines[i]!.replace(/\s+/g, ''))) continue;
    const prev = lines[i - 1]!.trim();
    if (prev.length <= 30 && ORGAN_END.test(prev) && !/[，。,]/.test(prev)) return prev;
  }
  if (notice) {
    const m = /^(.{2,40}?)关于印发/.exec(notice);
    if (m) return m[1]!;
  }
  for (const l of lines.slice(0, 60)) {
    const m = /(?:信息来源|^来源|\s来源)\s*[:：]\s*([^\s|｜]{2,30})/.exec(l);
    if (m) return m[1]!;
  }
  return null;
}

function findDocNumber(lines: string[]): string | null {
  for (const l of lines.slice(0, 60)) {
    const m = new RegExp(`(?:文\\s*号|字\\s*号|发文字号)】?\\s*[:：]?\\s*${DOC_NO.source}`).exec(l);
    if (m) return m[1]!;
  }
  for (const l of lines.slice(0, 40)) {
    const m = DOC_NO.exec(l);
    if (!m || l.replace(/\s+/g, '').length > 50 || /[，。,；;]/.test(l)) continue;
    const before = l.slice(0, m.index) + m[1]!.slice(0, 6);
    if (/[》〉]\s*[(（]?\s*$/.test(l.slice(0, m.index)) || /(?:根据|按照|依据|贯彻|落实|印发|参照|见)/.test(before)) continue;
    return m[1]!;
  }
  return null;
}

/** The posting date a web page prints ("发布时间：2031-02-24", "发布日期:2031年2月24日", a byline's "时间:2031-02-24"). */
function publishedAtOf(lines: string[]): { publishedAt?: string } {
  for (const l of lines.slice(0, 40)) {
    // a byline's bare 时间 ("作者:王某 时间:2011-03-01 08:14 来源:某报") is its posting date too
    const m = /(?:发布时间|发布日期|发稿时间|公开日期)\s*[:：|｜]\s*(\S{8,12})/.exec(l)
      ?? (/来源|作者|字号|浏览|点击/.test(l) ? /(?<![\u4e00-\u9fff])(?:时间|日期)\s*[:：]\s*(\S{8,12})/.exec(l) : null);
    const d = m ? parseWrittenDay(m[1]!) : null;
    if (d) return { publishedAt: d };
  }
  return {};
}

function findIssuedAt(lines: string[]): string | null {
  for (const l of lines.slice(0, 60)) {
    // a page's field, apart from its value by a colon, a space or the "|" of a laid-out table
    const m = /(?:成文日期|发文日期|印发日期)\s*[:：|｜]?\s*(.{8,12})/.exec(l);
    if (m) { const d = parseWrittenDay(m[1]!); if (d) return d; }
  }
  for (const l of lines) {
    const s = l.replace(/\s+/g, '');
    if (DAY_LINE.test(s)) return parseWrittenDay(s);
  }
  return null;
}

/** The plan period written in a title: "(2023-2025年)" or a single year "2022年…". */
export function planPeriodOf(title: string | null): PlanPeriod | null {
  if (!title) return null;
  const r = /((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年/.exec(title);
  if (r) return { raw: r[0].replace(/\s+/g, ''), end: `${r[2]}-12-31` };
  const y = /((?:19|20)\d{2})年(?!\d|起)/.exec(title);
  return y ? { raw: `${y[1]}年`, end: `${y[1]}-12-31` } : null;
}

/** Metadata of a document's text (before chrome removal). */
export function extractMeta(text: string): DocMeta {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const { title, notice } = findTitle(lines);
  return {
    title,
    issuer: findIssuer(lines, notice),
    docNumber: findDocNumber(lines),
    issuedAt: findIssuedAt(lines),
    planPeriod: planPeriodOf(title),
    ...publishedAtOf(lines),
    ...reportCycleOf(lines),
  };
}

/** A line asking every unit for reports on a cycle: "请各责任单位于每月25日前报送工作进展情况". */
function reportCycleOf(lines: string[]): { reportCycle?: ReportCycle } {
  for (const l of lines) {
    if (!/(?:各|责任|牵头)[^。；]{0,8}单位|请/.test(l) || !/进展|进度|情况|工作/.test(l)) continue;
    const c = readCycle(l);
    if (c) return { reportCycle: c };
  }
  return {};
}
