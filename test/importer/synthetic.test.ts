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
// a 营商环境 "十大行动" 方案 and a 村庄清洁 CSV with wrapped quoted cells and （一） section rows;
// then a second blind round, labelled before the importer was run on them: a 养老服务 方案 with
// (牵头单位：…；配合单位：…) tails, a 农村公路 要点 with 责任单位/完成时限 lines and (1) sub-items,
// a 水旱灾害防御 web page copied as text with its chrome, a 人口抽样调查 方案 whose tasks are a
// tab-separated 附件 table with phase rows, a two-year 提振消费 方案, a 数字政府 要点 down to ①
// under a "列第一位的为牵头单位，其他为配合单位" rule, a 退役军人 清单 in 1、 and (一), a 就业创业
// 方案 with headings alone on their line and (1)–(3) sentences under one unit line, and a 食品安全
// 安排 whose 附件 table merges its 重点任务 cell over the rows of 具体措施, a 医疗废物 方案 with
// 责任单位 and 完成时限 in one bracket, a 传染病防控 计划 of 目标/主要措施/责任单位/时间安排 blocks,
// a 道路交通安全 page whose table has colspan section rows, 序号 restarting and rowspan cells, and
// a 质量强县 要点 with 【】 brackets, a unit named again in 〔〕, 今年/明年 and 7—9月, and a 社会救助
// 分工方案 in 1) items with inline 牵头单位/责任单位/完成时限 and a unit list wrapped after a 、, and
// a 统计 要点 whose units are 股 of the bureau and whose (一) carries the bracket for its 1.–3., and an
// 人居环境 方案 whose unit brackets stand on their own line and whose （一） first appears in 保障措施;
// then a third blind round: a 城市内涝 web page with (A牵头，B配合，…完成) tails, a 燃气安全 方案 with
// 牵头单位/责任单位/完成时限 lines and a unit "各乡镇人民政府（街道办事处）", a 医保基金 tab-separated
// 分解表 with section rows, a 村级集体经济 意见 in traditional characters with pinyin and lost
// characters, a 秸秆禁烧 方案 with (责任单位：…；配合单位：…) and a unit with a lost character, a 全民健身
// 计划 under "列第一位的为牵头单位，下同", a 殡葬改革 方案 whose tasks are (1)–(3) under 1., and a
// 物业管理 方案 copied out of a PDF whose brackets open with "A、B分别牵头；协同配合单位：…".
// then a fourth blind round: a 冬春火灾防控 notice page with 牵头单位/配合单位/完成时限 on one line
// and 春节前, a 校园食品安全 方案 whose brackets close with 每季度/长期坚持, a 重点人群健康管理 tab
// table with 每季度/每月/长期坚持 cells, a 驻村帮扶 要点 with 20__年 and (责任单位：…；完成时限：…),
// a 老旧小区改造 方案 with 汛期前 and a 保障措施 item carrying a 责任单位 line, and a 根治欠薪 方案
// under "列第一位的为牵头单位" whose bare unit brackets end in 春节前 / 长期坚持 and name a 县检察院.
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
  ['elderly-service-2025.txt'], ['rural-road-2025.txt'], ['water-disaster-page.txt'], ['census-sample-table.txt'],
  ['consumption-boost.txt'], ['digital-gov-2025.txt'], ['veterans-service.txt'], ['employment-startup-2025.txt'],
  ['food-safety-table-2025.txt'], ['medical-waste-2025.txt'], ['disease-control-plan.txt'],
  ['road-safety-table.html'], ['quality-county-2025.txt'], ['social-assistance-division.txt'],
  ['statistics-work-2025.txt'], ['rural-toilet-2025.txt'],
  ['urban-waterlogging-2025.txt'], ['gas-safety-2024.txt'], ['medical-insurance-fund-2025.txt'], ['rural-collective-economy.txt'],
  ['straw-burning-2025.txt'], ['fitness-for-all.txt'], ['funeral-reform-2024.txt'], ['property-management.txt'],
  ['winter-fire-2025.txt'], ['campus-food-2025.txt'], ['health-key-groups-2025.txt'], ['village-assistance-2025.txt'],
  ['old-community-2025.txt'], ['migrant-wage-2025.txt'],
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
