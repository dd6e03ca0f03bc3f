// The synthetic text documents as they also arrive: with CRLF line ends, in GB18030, with
// half-width colons and brackets, without paragraph indents, and copied out of a PDF that
// breaks every line at the page width (inside unit names, dates and brackets). Each variant
// must score exactly as the document itself does (section 10: every task, units, dates).
// Then the same text as a web page and as a .docx, a paragraph per line and tab-separated
// rows as a real table (its section rows inside it), as a page or Word keeps them.
// Tables laid out with runs of spaces are left out of the hard-wrap variants: a PDF wraps
// such a table inside its cells, not across the row.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../src/importer/index.ts';
import { toEvalJson } from '../../src/importer/format.ts';
import { scoreImport } from './score.ts';

const DIR = path.resolve(__dirname, '../fixtures/import/synthetic');
const DOCS = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
const SPACE_TABLES = new Set(['farmland-space-table.txt']);

/** Display width as a PDF lays text out: Han and full-width forms 1, ASCII ½. */
const charWidth = (c: string) => (c.charCodeAt(0) < 0x80 ? 0.5 : 1);

/** Breaks every line at `width`, wherever that falls; tab-separated table rows stay whole. */
function hardWrap(text: string, width: number): string {
  return text.split('\n').map((line) => {
    if (line.includes('\t')) return line;
    const out: string[] = [];
    let cur = '';
    let w = 0;
    for (const c of line) {
      if (w + charWidth(c) > width) { out.push(cur); cur = ''; w = 0; }
      cur += c;
      w += charWidth(c);
    }
    out.push(cur);
    return out.join('\n');
  }).join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const SECTION_ROW = /^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/;

/** Lines as blocks: a paragraph, or a table of the tab-separated rows (with their section rows). */
function blocks(text: string): ({ p: string } | { rows: string[][] })[] {
  const out: ({ p: string } | { rows: string[][] })[] = [];
  for (const line of text.split('\n')) {
    const last = out[out.length - 1];
    if (line.includes('\t')) {
      if (last && 'rows' in last) last.rows.push(line.split('\t'));
      else out.push({ rows: [line.split('\t')] });
    } else if (last && 'rows' in last && SECTION_ROW.test(line.trim())) last.rows.push([line.trim()]);
    else out.push({ p: line });
  }
  return out;
}

function asPage(text: string): Buffer {
  const body = blocks(text).map((b) => ('p' in b ? `<p>${esc(b.p)}</p>`
    : `<table border="1">${b.rows.map((r) => `<tr>${r.length === 1 ? `<td colspan="6">${esc(r[0]!)}</td>` : r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`));
  return Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面</title></head><body>${body.join('\n')}</body></html>`);
}

async function asDocx(text: string): Promise<Buffer> {
  const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
  const body = blocks(text).map((b) => ('p' in b ? para(b.p)
    : `<w:tbl>${b.rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${para(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`));
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const VARIANTS: [string, (t: string) => Buffer | Promise<Buffer>, (f: string) => boolean][] = [
  ['CRLF line ends', (t) => Buffer.from(t.replace(/\n/g, '\r\n')), () => true],
  ['GB18030', (t) => iconv.encode(t, 'gb18030'), () => true],
  ['half-width colons and brackets', (t) => Buffer.from(t.replace(/：/g, ':').replace(/；/g, ';').replace(/（/g, '(').replace(/）/g, ')')), () => true],
  ['no paragraph indents', (t) => Buffer.from(t.replace(/^[ \u3000]+/gm, '')), () => true],
  ['hard-wrapped at 38', (t) => Buffer.from(hardWrap(t, 38)), (f) => !SPACE_TABLES.has(f)],
  ['hard-wrapped at 46', (t) => Buffer.from(hardWrap(t, 46)), (f) => !SPACE_TABLES.has(f)],
  ['a web page', asPage, () => true],
  ['a .docx', asDocx, () => true],
  ['a .docx converted from a PDF (a paragraph per line)', (t) => asDocx(hardWrap(t, 40)), (f) => !SPACE_TABLES.has(f)],
];

describe.each(DOCS)('%s', (file) => {
  const gold = JSON.parse(readFileSync(path.join(DIR, file.replace(/\.txt$/, '.gold.json')), 'utf8')) as { tasks: Parameters<typeof scoreImport>[0] };
  const text = readFileSync(path.join(DIR, file), 'utf8');
  it.each(VARIANTS.filter(([, , applies]) => applies(file)).map(([name, make]) => [name, make] as const))('%s', async (_name, make) => {
    const s = scoreImport(gold.tasks, toEvalJson(await importDocument(await make(text), { fileName: file })).tasks);
    expect({ misses: s.misses, unitErrors: s.unitErrors, deadlineErrors: s.deadlineErrors }).toEqual({ misses: [], unitErrors: [], deadlineErrors: [] });
  });
});
