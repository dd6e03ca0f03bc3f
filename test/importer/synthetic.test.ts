// Generalisation beyond the health-care seeds: documents written for these tests in other
// domains and formats, each with a hand-written gold file: 生态环境 text with mixed markers,
// an 教育 web page in GB18030, an 应急管理 CSV task table, a 营商环境 notice whose own points
// are not tasks; then a 双减 page with chrome and 责任单位/完成时限 lines, a 河湖长制 要点
// numbered 1–20 across sections, a 乡村振兴 tab-separated table pasted from Word, a 安全生产
// plan nested down to (1) and ① with a 20__ placeholder, and a 城市管理 page whose preamble
// makes the first listed unit the lead; then a 政务服务 page whose table merges unit cells
// across rows, a 高标准农田 table laid out with spaces, and a 食品安全 安排 with bare unit
// brackets, "…落实" and a unit with its second name in brackets; then a 文化旅游 web table
// copied one cell per line, a 稳就业 plan in 第一/二/三部分 whose 责任单位 values mark roles, a
// flat 营商环境 措施 list after a notice with points of its own, and a 城市更新 .xlsx whose
// 牵头单位 cells are merged down and one 完成时限 is a date cell, and a 农村供水 方案 copied
// out of a PDF, hard-wrapped at the page width; then a 养老服务 方案 with 牵头/配合/完成时限
// fields on one line and a 时间安排 section, a 督办清单 of 承办单位/协办单位/办结时限 items, and
// a 大气 page laid out in a table, with <span>-split items, "(X负责，Y指导)" and a project table;
// then a 防汛抗旱 page written after the fixes as a held-out check, with a "|" table annex, and
// a 森林防火 方案 typed in a hurry (一． (一)、 1． '.' for '。', "责任单位:"), and a 校园安全
// .docx with Word's automatic numbering and a merged 牵头单位 cell; two more held-out checks:
// a 营商环境 "十大行动" 方案 and a 村庄清洁 CSV with wrapped quoted cells and （一） section rows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../src/importer/index.ts';
import { toEvalJson } from '../../src/importer/format.ts';
import { scoreImport, type ScoredTask } from './score.ts';

/** Gold keeps names as written (full-width brackets); the importer unifies them, as the scorer does. */
const ascii = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replace(/（/g, '(').replace(/）/g, ')'));
const DIR = path.resolve(__dirname, '../fixtures/import/synthetic');
interface Gold { doc: Record<string, unknown>; tasks: (ScoredTask & { leadUnits: string[]; assistUnits: string[]; recurring: string | null })[] }

describe.each([
  ['eco-air-2024.txt'], ['edu-balance.html'], ['emergency-tasks.csv'], ['business-env-notice.txt'],
  ['edu-double-reduction.txt'], ['river-chief-2025.txt'], ['farmland-table.txt'], ['safety-rectification.txt'], ['city-management.txt'],
  ['gov-service-table.html'], ['farmland-space-table.txt'], ['food-safety.txt'],
  ['culture-tourism-cells.txt'], ['employment-plan.txt'], ['business-measures.txt'], ['urban-renewal.xlsx'],
  ['rural-water-wrapped.txt'], ['elderly-care.txt'], ['supervision-list.txt'],
  ['air-quality-page.html'], ['flood-control.txt'], ['forestry-fire.txt'],
  ['campus-safety.docx'], ['business-ten-actions.txt'], ['village-clean-tasks.csv'],
])('%s', (file) => {
  const gold = JSON.parse(readFileSync(path.join(DIR, file.replace(/\.\w+$/, '.gold.json')), 'utf8')) as Gold;
  const load = async () => toEvalJson(await importDocument(readFileSync(path.join(DIR, file)), { fileName: file }));

  it('finds every task with exactly its units and dates (section 10 scoring)', async () => {
    const s = scoreImport(gold.tasks, (await load()).tasks);
    expect({ misses: s.misses, extras: s.extras, unitErrors: s.unitErrors, deadlineErrors: s.deadlineErrors }).toEqual({ misses: [], extras: [], unitErrors: [], deadlineErrors: [] });
  });

  it('keeps lead and assist roles, recurrence and the document metadata', async () => {
    const json = await load();
    expect(ascii(json.doc)).toEqual(ascii(gold.doc));
    expect(ascii(json.tasks.map((t) => ({ path: t.path, lead: t.leadUnits, assist: t.assistUnits, recurring: t.recurring }))))
      .toEqual(ascii(gold.tasks.map((t) => ({ path: t.path, lead: t.leadUnits, assist: t.assistUnits, recurring: t.recurring }))));
  });
});
