// The five real seed documents, scored with section 10 of the labelling rules against
// expectations stated from the documents (002: the hand-labelled gold file).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../src/importer/index.ts';
import { toEvalJson } from '../../src/importer/format.ts';
import { scoreImport, type ScoredTask } from './score.ts';
import { seed000, seed001, seed003, seed004 } from './seed-expectations.ts';

const FIX = path.resolve(__dirname, '../fixtures/import');
const load = (name: string) => importDocument(readFileSync(path.join(FIX, name)), { fileName: name });

const cases: [string, string, () => ScoredTask[]][] = [
  ['000', '000_9471919368178626.txt', () => seed000],
  ['001', '001_2557aef30e3b0a09.txt', () => seed001],
  ['002', '002_4dcb66f00f1ef9c8.txt', () => (JSON.parse(readFileSync(path.join(FIX, '002_4dcb66f00f1ef9c8.gold.json'), 'utf8')) as { tasks: ScoredTask[] }).tasks],
  ['003', '003_7e0141a670851b08.txt', () => seed003],
  ['004', '004_985c6f62a75299a8.txt', () => seed004],
];

describe('seed documents, task by task', () => {
  it.each(cases)('seed %s: every task found with its units and dates, nothing extra', async (_id, file, gold) => {
    const plan = await load(file);
    const s = scoreImport(gold(), toEvalJson(plan).tasks);
    expect({ misses: s.misses, extras: s.extras, unitErrors: s.unitErrors, deadlineErrors: s.deadlineErrors }).toEqual({ misses: [], extras: [], unitErrors: [], deadlineErrors: [] });
  });

  it('002: metadata from the notice, plan period as the inferred fallback only', async () => {
    const plan = await load('002_4dcb66f00f1ef9c8.txt');
    expect(plan.doc).toEqual({
      title: '佛山市高明区深化医药卫生体制改革重点工作任务(2023-2025年)',
      issuer: '佛山市高明区人民政府办公室',
      docNumber: '明府办函〔2023〕4号',
      issuedAt: '2023-02-24',
      planPeriod: { raw: '2023-2025年', end: '2025-12-31' },
    });
    const json = toEvalJson(plan);
    const t = json.tasks.find((x) => x.path === '一.(二)')!;
    expect(t.deadlines).toEqual([{ raw: '2023-2025年', date: '2025-12-31', inferred: true }]);
    const stated = json.tasks.find((x) => x.path === '二.(一)')!;
    expect(stated.deadlines).toEqual([{ raw: '到2023年底', date: '2023-12-31' }]);
    expect(json.tasks.find((x) => x.path === '一.(一)')!.recurring).toBe('yearly');
    expect(json.tasks.find((x) => x.path === '二.(三)')!.targets).toContain('每万人配置1—2台AED');
  });

  it('000: metadata from the page header, recurring cycles, damaged date normalised', async () => {
    const plan = await load('000_9471919368178626.txt');
    expect(plan.doc).toMatchObject({ title: '开鲁县深化医药卫生体制改革实施方案', issuer: '开鲁县人民政府办公室', docNumber: '开政办字〔2024〕31号', issuedAt: '2024-10-14', planPeriod: null });
    const by = (p: string) => plan.tasks.find((t) => t.path === p)!;
    expect(by('二.26').recurring).toBe('monthly');
    expect(by('二.13').recurring).toBe('yearly');
    expect(by('二.25').deadlines[0]).toMatchObject({ raw: '20256月底前', date: '2025-06-30' });
  });

  it('001: placeholders keep their raw text, with a null date and a warning', async () => {
    const plan = await load('001_2557aef30e3b0a09.txt');
    const t = plan.tasks[0]!;
    expect(t.deadlines[0]).toEqual({ raw: '20__年10月底', date: null, kind: 'unknown' });
    expect(t.warnings.some((w) => w.includes('20__年10月底'))).toBe(true);
    expect(plan.doc.docNumber).toBeNull();
  });

  it('003: lost characters warn at document level; the duplicated plan is read once', async () => {
    const plan = await load('003_7e0141a670851b08.txt');
    expect(plan.warnings.join()).toMatch(/字符丢失/);
    expect(plan.doc).toMatchObject({ title: '2022年全市卫生健康工作要点', docNumber: '定卫办发〔2022〕13号', issuedAt: '2022-02-27' });
    expect(plan.tasks.filter((t) => t.pathKey === '2.11')).toHaveLength(1);
  });

  it('004: traditional text with pinyin comes out simplified, real brackets kept, damaged tasks warned', async () => {
    const plan = await load('004_985c6f62a75299a8.txt');
    expect(plan.tasks[0]!.title).toBe('发挥区(市)医疗卫生机构龙头作用');
    expect(plan.tasks[0]!.text).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)/);
    expect(plan.tasks[0]!.warnings.join()).toMatch(/字符丢失/);
    expect(plan.tasks[4]!.deadlines.map((d) => d.date)).toEqual([null, null]);
  });
});
