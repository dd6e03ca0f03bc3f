/**
 * Writes test/fixtures/import/converted/: plans as offices receive them, made from fixtures
 * whose tasks are known, so a test can check that the PDF and .doc readers find the same
 * tasks as the text and .docx readers:
 * - ruled-table.docx, built here: a 任务分工表 drawn with borders, cells centred vertically,
 *   a section row spanning the table, a 牵头单位 cell merged down over two rows, a header row
 *   repeated on every page and enough rows to run over a page break;
 * - a .pdf and a .doc of it, of synthetic/campus-safety.docx (Word's automatic numbering, a
 *   table without borders) and of five text plans, converted by LibreOffice as an office would;
 * - scanned.pdf: the first page of campus-safety.pdf rendered to a grey image (poppler's
 *   pdftoppm) and wrapped in a PDF without any text, as a scanner makes it.
 * LibreOffice (Debian libreoffice-writer-nogui) and poppler-utils are needed only here, never
 * at run time or by the tests, which read the committed files.
 * Run: npx tsx test/importer/make-converted-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import JSZip from 'jszip';

const ROOT = new URL('../fixtures/import/', import.meta.url).pathname;
const OUT = path.join(ROOT, 'converted');
/** Text plans converted to PDF and .doc: outline plans with unit brackets, wrapped lines, 责任单位 lines and (1) items. */
export const TEXT_PLANS = ['002_4dcb66f00f1ef9c8.txt', 'synthetic/rural-water-wrapped.txt', 'synthetic/river-chief-2025.txt', 'synthetic/safety-rectification.txt', 'synthetic/statistics-work-2025.txt'];

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const p = (t: string, center = false) => `<w:p>${center ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : ''}<w:r><w:rPr><w:rFonts w:eastAsia="Noto Sans CJK SC"/></w:rPr><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
const tc = (t: string, width: number, opts: { span?: number; merge?: 'restart' | 'continue' } = {}) =>
  `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${opts.span ? `<w:gridSpan w:val="${opts.span}"/>` : ''}${opts.merge ? `<w:vMerge${opts.merge === 'restart' ? ' w:val="restart"' : ''}/>` : ''}<w:vAlign w:val="center"/></w:tcPr>${p(t)}</w:tc>`;
const WIDTHS = [700, 3900, 1700, 1700, 1300];

/** 序号/重点任务/牵头单位/配合单位/完成时限, three sections, one 牵头单位 merged down over two rows. */
function ruledTableDocx(): Promise<Buffer> {
  const header = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${['序号', '重点任务', '牵头单位', '配合单位', '完成时限'].map((t, i) => tc(t, WIDTHS[i]!)).join('')}</w:tr>`;
  const section = (t: string) => `<w:tr>${tc(t, 9300, { span: 5 })}</w:tr>`;
  const row = (cells: string[], merge?: 'restart' | 'continue') => `<w:tr>${cells.map((t, i) => tc(t, WIDTHS[i]!, i === 2 && merge ? { merge } : {})).join('')}</w:tr>`;
  const units = ['区发展和改革局', '区财政局', '区住房和城乡建设局', '区交通运输局', '区农业农村局', '区卫生健康局', '区教育局', '区民政局'];
  const tasks = ['完善城乡基础设施，加快推进老旧小区改造和雨污分流管网建设，补齐公共服务短板', '推进重点项目建设，建立项目储备库，实行月调度、季通报', '优化营商环境，推行企业开办“一网通办”，压缩审批时限', '提升农村人居环境，推进农村生活垃圾分类和厕所改造', '加强基层医疗卫生服务能力建设，推进紧密型县域医共体', '扩大优质教育资源供给，新建改扩建中小学校', '健全养老服务体系，建设社区嵌入式养老服务设施'];
  const rows: string[] = [];
  let n = 0;
  ['一、基础设施', '二、产业发展', '三、民生保障'].forEach((sec, s) => {
    rows.push(section(sec));
    for (let i = 0; i < 7; i += 1) {
      n += 1;
      const month = ((n * 5) % 12) + 1;
      const merge = i === 1 ? 'restart' : i === 2 ? 'continue' : undefined;
      rows.push(row([String(n), `${tasks[(i + s) % tasks.length]}（第${n}项）`, merge === 'continue' ? '' : units[(n + s) % units.length]!, `${units[(n + 3) % units.length]}、各街道办事处`, `2025年${month}月底前`], merge));
    }
  });
  const borders = '<w:tblBorders>' + ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('') + '</w:tblBorders>';
  const body = [
    p('XX区2025年重点工作任务分工方案', true), p('一、总体要求'), p('　　坚持问题导向，压实工作责任，确保各项任务按期完成。各牵头单位要会同配合单位细化工作措施，每月向区政府督查室报送进展情况。'),
    p('二、任务分工'),
    `<w:tbl><w:tblPr><w:tblW w:w="9300" w:type="dxa"/>${borders}<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>${WIDTHS.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${header}${rows.join('')}</w:tbl>`,
    p('三、保障措施'), p('　　各单位要加强组织领导，明确分管领导和联络员，确保任务落实。'),
  ].join('');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** LibreOffice converts `files` (in `dir`) to `format` there; text files are read as UTF-8. */
function soffice(dir: string, format: 'pdf' | 'doc', files: string[]): void {
  for (const text of [true, false]) {
    const some = files.filter((f) => f.endsWith('.txt') === text).map((f) => path.join(dir, f));
    const filter = text ? ['--infilter=Text (encoded):UTF8,LF,,,'] : [];
    if (some.length) execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', ...filter, '--convert-to', format, '--outdir', dir, ...some], { stdio: 'pipe', timeout: 300_000 });
  }
}

/** A one-page PDF holding only a grey image (8 bits per pixel, Flate-compressed). */
function imageOnlyPdf(pgm: Buffer): Buffer {
  const [, w, h, , start] = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 50))!.map((v, i) => (i === 0 ? v.length : Number(v))) as number[];
  const pixels = zlib.deflateSync(pgm.subarray(start!));
  const pageW = Math.round((w! * 72) / 60);
  const pageH = Math.round((h! * 72) / 60);
  const content = Buffer.from(`q ${pageW} 0 0 ${pageH} 0 0 cm /Im1 Do Q`);
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageW} ${pageH}] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>`),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`), pixels, Buffer.from('\nendstream')]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((o, i) => {
    offsets.push(at);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    at += obj.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(xref)]);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'duban-fixtures-'));
  try {
    writeFileSync(path.join(OUT, 'ruled-table.docx'), await ruledTableDocx());
    const sources = ['converted/ruled-table.docx', 'synthetic/campus-safety.docx', ...TEXT_PLANS];
    for (const s of sources) copyFileSync(path.join(ROOT, s), path.join(tmp, path.basename(s)));
    const names = sources.map((s) => path.basename(s));
    soffice(tmp, 'pdf', names);
    soffice(tmp, 'doc', names);
    for (const n of names) {
      for (const ext of ['pdf', 'doc']) copyFileSync(path.join(tmp, n.replace(/\.\w+$/, `.${ext}`)), path.join(OUT, n.replace(/\.\w+$/, `.${ext}`)));
    }
    execFileSync('pdftoppm', ['-r', '60', '-gray', '-f', '1', '-l', '1', path.join(tmp, 'campus-safety.pdf'), path.join(tmp, 'page')]);
    writeFileSync(path.join(OUT, 'scanned.pdf'), imageOnlyPdf(readFileSync(path.join(tmp, 'page-1.pgm'))));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) await main();
