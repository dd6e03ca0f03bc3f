// Readers chosen by content: a .docx (built here as a real zip), an .xlsx task table with
// merged cells, and a file whose extension lies.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../src/importer/index.ts';
import { readDocument } from '../../src/importer/read.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
const cell = (t: string) => `<w:tc>${para(t)}</w:tc>`;
const row = (...cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;

async function docx(body: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('readers', () => {
  it('reads a .docx: outline paragraphs with unit markers', async () => {
    const buf = await docx([
      para('临江县2025年农村人居环境整治工作方案'), para('一、重点任务'),
      para('(一)推进农村厕所改造。年内新改建户厕1500座。(县农业农村局牵头，各乡镇人民政府配合)'),
      para('(二)治理农村生活污水。2025年9月底前完成12个行政村污水治理。(县生态环境分局负责)'),
    ].join(''));
    const plan = await importDocument(buf, { fileName: 'plan.docx' });
    expect(plan.tasks.map((t) => [t.path, t.title, t.leadUnits, t.assistUnits, t.deadlines.filter((d) => d.kind === 'date').map((d) => d.date)])).toEqual([
      ['一.(一)', '推进农村厕所改造', ['县农业农村局'], ['各乡镇人民政府'], ['2025-12-31']],
      ['一.(二)', '治理农村生活污水', [], [], ['2025-09-30']],
    ]);
    expect(plan.doc.planPeriod).toEqual({ raw: '2025年', end: '2025-12-31' });
  });

  it('reads a task table inside a .docx', async () => {
    const buf = await docx(`${para('附件：重点任务分工表')}<w:tbl>${row('序号', '工作任务', '责任单位', '完成时限')}${row('1', '编制城市更新专项规划。', '市自然资源和规划局、市住房和城乡建设局', '2025年6月底前')}${row('2', '建立项目储备库', '市发展和改革委员会', '2025年12月')}</w:tbl>`);
    const plan = await importDocument(buf, { fileName: 'table.docx' });
    expect(plan.tasks.map((t) => [t.path, t.title, t.units, t.deadlines.map((d) => d.date)])).toEqual([
      ['1', '编制城市更新专项规划', ['市自然资源和规划局', '市住房和城乡建设局'], ['2025-06-30']],
      ['2', '建立项目储备库', ['市发展和改革委员会'], ['2025-12-31']],
    ]);
  });

  it('reads an .xlsx task table with a merged section row and a merged unit column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分工表');
    ws.addRow(['序号', '重点任务', '牵头单位', '配合单位', '完成时限']);
    ws.addRow(['一、数字政府建设']);
    ws.mergeCells('A2:E2');
    ws.addRow([1, '推进政务服务“一网通办”。', '市政务服务数据管理局', '市直有关部门', '2025年底前']);
    ws.addRow([2, '建设城市运行管理平台', '市政务服务数据管理局', '市城市管理局', '2026年6月底']);
    ws.mergeCells('C3:C4');
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const plan = await importDocument(buf, { fileName: 'tasks.bin' });
    expect(plan.tasks.map((t) => [t.path, t.pathKey, t.title, t.leadUnits, t.assistUnits, t.deadlines.map((d) => d.date)])).toEqual([
      ['一.1', '1.1', '推进政务服务“一网通办”', ['市政务服务数据管理局'], ['市直有关部门'], ['2025-12-31']],
      ['一.2', '1.2', '建设城市运行管理平台', ['市政务服务数据管理局'], ['市城市管理局'], ['2026-06-30']],
    ]);
  });

  it('picks the reader by content, not by extension', async () => {
    expect((await readDocument(Buffer.from('<html><body><p>一、任务</p></body></html>'), 'a.txt')).kind).toBe('html');
    expect((await readDocument(Buffer.from('序号,工作任务,责任单位,完成时限\n1,建设平台,市数据局,2025年底\n'), 'a.txt')).kind).toBe('csv');
    expect((await readDocument(await docx(para('一、任务')), 'a.txt')).kind).toBe('docx');
  });
});
