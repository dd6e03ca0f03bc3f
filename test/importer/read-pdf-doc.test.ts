// The formats offices receive besides text and .docx: PDF with a text layer and old Word .doc.
// The fixtures in test/fixtures/import/converted/ were made by LibreOffice from plans whose
// tasks are known (make-converted-fixtures.ts), so each PDF and .doc must give the same tasks,
// units and deadlines as its source. A scan (an image-only PDF) is refused as such.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importDocument, type ImportedPlan } from '../../src/importer/index.ts';
import { layoutPdf } from '../../src/importer/read-pdf-layout.ts';
import { stopChildren } from '../../src/lib/child-runner.ts';
import { AppError, userError } from '../../src/lib/errors.ts';
import { render } from '../../src/render/render.ts';
import type { TemplateKey } from '../../src/render/keys.ts';
import { TEXT_PLANS } from './make-converted-fixtures.ts';

const DIR = path.resolve(__dirname, '../fixtures/import');
afterAll(() => stopChildren());

const read = (file: string) => importDocument(readFileSync(path.join(DIR, file)), { fileName: path.basename(file) });
/** What a user checks after an import: each task's number, title, lead and other units, and deadline days. */
const tasksOf = (p: ImportedPlan) => p.tasks.map((t) => ({ path: t.path, title: t.title, lead: t.leadUnits, units: t.units, dates: t.deadlines.map((d) => d.date) }));
const converted = (source: string, ext: 'pdf' | 'doc') => `converted/${path.basename(source).replace(/\.\w+$/, `.${ext}`)}`;

const CASES = [...TEXT_PLANS.flatMap((f) => [[f, 'pdf'], [f, 'doc']] as const), ['converted/ruled-table.docx', 'pdf'] as const];

describe.each(CASES)('%s', (source, ext) => {
  it(`as .${ext} gives the same tasks, units and deadlines`, async () => {
    const want = tasksOf(await read(source));
    expect(want.length).toBeGreaterThan(5);
    expect(tasksOf(await read(converted(source, ext)))).toEqual(want);
  });
});

describe('what the formats cannot carry', () => {
  it('a PDF keeps Word\'s automatic numbers; a table without borders cannot show a merged cell', async () => {
    const docx = tasksOf(await read('synthetic/campus-safety.docx'));
    const pdf = tasksOf(await read('converted/campus-safety.pdf'));
    expect(pdf.map(({ path, title, dates }) => ({ path, title, dates }))).toEqual(docx.map(({ path, title, dates }) => ({ path, title, dates })));
    // 校车安全专项检查: its 牵头单位 is the cell above, merged down; printed once, without rules, it reads as empty
    expect(pdf.filter((t) => t.path !== '2')).toEqual(docx.filter((t) => t.path !== '2'));
  });

  it('a ruled table over two pages reads the same from a .doc, but for the 牵头单位 cells merged down, which a .doc writes once', async () => {
    const docx = tasksOf(await read('converted/ruled-table.docx'));
    const doc = tasksOf(await read('converted/ruled-table.doc'));
    const merged = ['一.3', '二.10', '三.17'];
    expect(doc.filter((t) => !merged.includes(t.path))).toEqual(docx.filter((t) => !merged.includes(t.path)));
    expect(doc.filter((t) => merged.includes(t.path)).map((t) => t.lead)).toEqual([[], [], []]);
  });

  it('an old .doc keeps tables but not Word\'s automatic list numbers, which are formatting, not text', async () => {
    const doc = tasksOf(await read('converted/campus-safety.doc'));
    expect(doc.filter((t) => /^\d$/.test(t.path)).map((t) => t.title)).toEqual(['消防设施更新改造', '校车安全专项检查', '防溺水安全教育']);
    expect(doc.some((t) => t.title === '开展校舍安全隐患排查')).toBe(false);
  });
});

describe('scans', () => {
  it('an image-only PDF is refused as a scan, in words the user can act on', async () => {
    const e = await read('converted/scanned.pdf').then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).detail).toMatchObject({ reason: 'scanned', pages: 1 });
    const r = userError(e);
    expect(render(r.key as TemplateKey, r.data, { channel: 'console' }).text).toBe('无法导入：这是扫描件（图片），没有可读取的文字。请提供带文字的 PDF、Word 或文本版本。');
  });
});

describe('PDF layout', () => {
  const t = (str: string, x: number, y: number, size = 10) => ({ str, x, y, w: [...str].length * size, size });
  const rule = (x0: number, y0: number, x1: number, y1: number) => ({ x0, y0, x1, y1 });

  it('joins a paragraph wrapped at the right margin, keeps a numbered item apart and drops the page number', () => {
    const page = {
      width: 600, height: 800, rules: [],
      texts: [t('一、重点任务', 50, 700), t('（一）推进农村厕所改造，年内新改建户厕1500座（县农', 50, 685), t('业农村局负责）', 50, 670), t('（二）治理生活污水。', 50, 655), t('— 1 —', 280, 40)],
    };
    page.texts[1]!.w = 500; // runs to the margin
    expect(layoutPdf([page]).text).toBe('一、重点任务\n（一）推进农村厕所改造，年内新改建户厕1500座（县农业农村局负责）\n（二）治理生活污水。');
  });

  it('reads a ruled row by its cells: a date centred beside a wrapped task stays in that row', () => {
    const xs = [50, 80, 300, 420, 520];
    const rules = [...[700, 680, 630].map((y) => rule(50, y, 520, y)), ...xs.map((x) => rule(x, 630, x, 700))];
    const texts = [t('序号', 52, 686), t('重点任务', 82, 686), t('牵头单位', 302, 686), t('完成时限', 422, 686),
      t('1', 52, 652), t('推进政务服务“一网通办”，年底前', 82, 665), t('实现全覆盖', 82, 650), t('市数据局', 302, 652), t('2025年6月底前', 422, 656)];
    texts[5]!.w = 210;
    expect(layoutPdf([{ width: 600, height: 800, rules, texts }]).tables).toEqual([[
      ['序号', '重点任务', '牵头单位', '完成时限'],
      ['1', '推进政务服务“一网通办”，年底前实现全覆盖', '市数据局', '2025年6月底前'],
    ]]);
  });
});
