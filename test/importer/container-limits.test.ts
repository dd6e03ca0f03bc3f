// Hostile containers (issue: a 611 KB .docx sent the worker into an out-of-memory crash loop;
// malformed workbooks showed raw JavaScript errors). Each is built here, refused quickly with a
// Chinese sentence, and the importing process's memory stays where it was: the decompressed
// size and entry count are checked before any parser runs, and parsing runs in a child process
// that is killed past its time or memory bound.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../src/importer/index.ts';
import { readDocument } from '../../src/importer/read.ts';
import { CONTAINER_LIMITS, checkContainer } from '../../src/lib/container-limits.ts';
import { stopChildren } from '../../src/lib/child-runner.ts';
import { AppError, userError } from '../../src/lib/errors.ts';
import { render } from '../../src/render/render.ts';
import type { TemplateKey } from '../../src/render/keys.ts';

const MB = 1024 * 1024;
const FIXTURES = path.resolve(__dirname, '../fixtures/import');

afterAll(() => stopChildren());

/** Deflates `total` bytes of `fill` without ever holding them: a bomb built in a few MB of memory. */
async function deflatedFill(total: number, fill: string, raw: boolean): Promise<Buffer> {
  const z = raw ? zlib.createDeflateRaw({ level: 9 }) : zlib.createDeflate({ level: 9 });
  const chunk = Buffer.alloc(MB, fill);
  const out: Buffer[] = [];
  z.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((resolve) => z.on('end', resolve));
  for (let n = 0; n < total; n += MB) if (!z.write(chunk)) await new Promise((r) => z.once('drain', r));
  z.end();
  await done;
  return Buffer.concat(out);
}

interface Part { name: string; data: Buffer; method: 0 | 8; size: number }

/** A zip written by hand, so that sizes can be declared as a bomb declares them. */
function zipOf(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.data.length, 18); local.writeUInt32LE(p.size, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(p.method, 10);
    central.writeUInt32LE(p.data.length, 20); central.writeUInt32LE(p.size, 24); central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Math.min(parts.length, 0xffff), 8); end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const stored = (name: string, text: string): Part => ({ name, data: Buffer.from(text), method: 0, size: Buffer.byteLength(text) });
const DOCX_TYPES = stored('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

/** A .docx whose document.xml inflates to `mb` MB of whitespace inside the body. */
async function docxBomb(mb: number, declare: 'true' | 'small'): Promise<Buffer> {
  const data = await deflatedFill(mb * MB, ' ', true);
  return zipOf([DOCX_TYPES, stored('_rels/.rels', '<Relationships/>'), { name: 'word/document.xml', data, method: 8, size: declare === 'true' ? mb * MB : 1024 }]);
}

function told(e: AppError): string {
  const r = userError(e);
  return render(r.key as TemplateKey, r.data, { channel: 'console' }).text;
}

/** Imports `buf`, expecting a refusal; returns it with the time taken and how much this process's memory grew. */
async function refused(buf: Buffer, name: string, read: (b: Buffer) => Promise<unknown> = (b) => importDocument(b, { fileName: name })) {
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const err = await read(buf).then(() => null, (e: unknown) => e);
  const ms = performance.now() - t0;
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e.code).toBe('BAD_DOCUMENT');
  return { e, ms, grewMb: (process.memoryUsage().rss - rss0) / MB, text: told(e) };
}

describe('container limits', () => {
  it('a 600 KB .docx that inflates to 600 MB is refused in seconds, this process growing by no more than a few MB', async () => {
    const bomb = await docxBomb(600, 'true');
    expect(bomb.length).toBeLessThan(1 * MB);
    const r = await refused(bomb, 'bomb.docx');
    expect(r.e.detail).toMatchObject({ reason: 'too_complex', limit: 'bytes' });
    expect(r.text).toMatch(/^无法导入：文件内容过于庞大或复杂/);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.grewMb).toBeLessThan(150);
  });

  it('a bomb that declares a small size is measured by what it really inflates to', async () => {
    const r = await refused(await docxBomb(300, 'small'), 'lying.docx');
    expect(r.e.detail).toMatchObject({ reason: 'too_complex', limit: 'bytes' });
    expect(r.grewMb).toBeLessThan(150);
  });

  it('an .xlsx whose sheet inflates to 400 MB is refused', async () => {
    const sheet = await deflatedFill(400 * MB, 'A', true);
    const xlsx = zipOf([DOCX_TYPES, stored('xl/workbook.xml', '<workbook/>'), { name: 'xl/worksheets/sheet1.xml', data: sheet, method: 8, size: 400 * MB }]);
    const r = await refused(xlsx, 'bomb.xlsx');
    expect(r.e.detail).toMatchObject({ reason: 'too_complex', limit: 'bytes' });
    expect(r.text).toMatch(/过于庞大或复杂/);
    expect(r.grewMb).toBeLessThan(150);
  });

  it('a zip of 60,000 empty parts is refused by its count, before any is read', async () => {
    const parts = [DOCX_TYPES, stored('word/document.xml', '<w:document/>'), ...Array.from({ length: 60_000 }, (_, i) => stored(`word/media/x${i}.xml`, ''))];
    const r = await refused(zipOf(parts), 'many.docx');
    expect(r.e.detail).toMatchObject({ reason: 'too_complex', limit: 'entries', max: CONTAINER_LIMITS.entries });
    expect(r.ms).toBeLessThan(5_000);
  });

  it('a PDF whose page stream inflates to 300 MB is refused', async () => {
    const stream = await deflatedFill(300 * MB, '0', false);
    const pdf = Buffer.concat([Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n%%EOF\n')]);
    const r = await refused(pdf, 'bomb.pdf');
    expect(r.e.detail).toMatchObject({ reason: 'too_complex', limit: 'bytes' });
    expect(r.grewMb).toBeLessThan(150);
  });

  it('a truncated .xlsx and one with broken XML get a Chinese sentence, not a JavaScript error', async () => {
    const good = readFileSync(path.join(FIXTURES, 'synthetic/urban-renewal.xlsx'));
    const cut = await refused(good.subarray(0, Math.floor(good.length / 2)), 'cut.xlsx');
    const zip = await JSZip.loadAsync(good);
    zip.file('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row><row');
    zip.file('xl/workbook.xml', '<workbook><sheets><sheet name="任务" sheetId="1" r:id="rId1"');
    const broken = await refused(await zip.generateAsync({ type: 'nodebuffer' }), 'broken.xlsx');
    for (const r of [cut, broken]) {
      expect(r.e.detail.reason).toBe('unreadable');
      expect(r.text).toBe('无法导入：文件已损坏或格式不正确，无法读取。请用 Word/WPS 打开后另存一份再发送。');
      expect(r.text).not.toMatch(/Error|undefined|[A-Za-z]{6,}/);
    }
  });

  it('the edited-ledger reader goes through the same gate', async () => {
    await expect(checkContainer(await docxBomb(300, 'small'))).rejects.toMatchObject({ code: 'BAD_DOCUMENT', detail: { reason: 'too_complex' } });
  });
});

/** A real workbook big enough that exceljs needs seconds and hundreds of MB to read it (within the size limits). */
async function heavyWorkbook(): Promise<Buffer> {
  const rows: string[] = [];
  for (let r = 1; r <= 40_000; r += 1) rows.push(`<row r="${r}">${['A', 'B', 'C', 'D', 'E'].map((c) => `<c r="${c}${r}" t="inlineStr"><is><t>第${r}项任务${c}</t></is></c>`).join('')}</row>`);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('任务');
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('parse bounds (a child process, killed past its time or memory)', () => {
  it('a parse over its time budget is stopped and refused with reason timeout; the next document reads normally', async () => {
    const heavy = await heavyWorkbook();
    const normal = readFileSync(path.join(FIXTURES, 'synthetic/urban-renewal.xlsx'));
    await readDocument(normal, 'warm.xlsx'); // the parser process is up: the budget measures parsing only
    const budget = 500; // reading the 200,000 cells takes exceljs several seconds
    const r = await refused(heavy, 'heavy.xlsx', (b) => readDocument(b, 'heavy.xlsx', { ...CONTAINER_LIMITS, ms: budget }));
    expect(r.e.detail).toMatchObject({ reason: 'timeout', max: budget });
    expect(r.text).toMatch(/文件读取超时/);
    expect(r.ms).toBeLessThan(budget + 5_000);
    expect((await readDocument(normal, 'again.xlsx')).tables[0]!.length).toBeGreaterThan(5);
  });

  it('a parse that would hold more than its memory bound is killed and refused as too complex', async () => {
    const r = await refused(await heavyWorkbook(), 'heavy.xlsx', (b) => readDocument(b, 'heavy.xlsx', { ...CONTAINER_LIMITS, memoryMb: 200 }));
    expect(r.e.detail).toMatchObject({ reason: 'too_complex', limit: 'memoryMb' });
    expect(r.grewMb).toBeLessThan(150);
  });
});
