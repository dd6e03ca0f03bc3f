/**
 * Picks the reader by content, not only by extension: a .docx or .xlsx is a zip holding
 * word/ or xl/ parts, a PDF starts with %PDF, an old Word .doc is an OLE compound file with a
 * WordDocument stream, HTML starts with markup, a CSV has separated header cells; anything
 * else is plain text in UTF-8 or GB18030. Old .xls and unknown zips are refused.
 * This runs inside the bounded parser process (read-worker.ts): call readDocument (read.ts).
 */
import mammoth from 'mammoth';
import { AppError } from '../lib/errors.ts';
import { containerKind } from '../lib/container-limits.ts';
import type { RawDocument } from './types.ts';
import { readPdf } from './read-pdf.ts';
import { readDoc, isWordDocument } from './read-doc.ts';
import { decodeText } from './read-text.ts';
import { looksLikeHtml, readHtml } from './read-html.ts';
import { looksLikeCsv, parseCsv, readXlsx } from './read-sheet.ts';
import { textTables } from './read-text-tables.ts';
import { tableTasks } from './extract-table-tasks.ts';
import { isChromeLine } from './clean-chrome.ts';

/** Tables as text, a merged cell (repeated in each column it covers) written once. */
function tableText(tables: string[][][]): string {
  return tables.map((t) => t.map((r) => r.filter((c, i) => i === 0 || c !== r[i - 1]).join('\t')).join('\n')).join('\n\n');
}

/**
 * A page or .docx without a task table of its own may still hold one typed as text (cells
 * apart by tabs, "|" or one per paragraph): read its text for tables as a .txt is read. One
 * paragraph per line leaves blank lines between all of them, which say nothing there.
 */
export function withTextTables(doc: { text: string; tables: string[][][] }): { text: string; tables: string[][][] } {
  if (doc.tables.some((t) => tableTasks(t).length)) return doc;
  const lines = doc.text.split('\n');
  const filled = lines.filter((l) => l.trim());
  const spaced = filled.length >= 8 && lines.filter((l, i) => l.trim() && !(lines[i + 1] ?? '').trim()).length >= filled.length * 0.8;
  const found = textTables((spaced ? filled : lines).filter((l) => !isChromeLine(l)).join('\n'));
  return found.length ? { text: doc.text, tables: [...doc.tables, ...found] } : doc;
}

async function readZip(buf: Buffer): Promise<RawDocument> {
  const names = buf.toString('latin1');
  if (names.includes('word/document.xml')) {
    // images are not read at all: a plan's text is what matters, and a photo's bytes would become a base64 string
    const { value } = await mammoth.convertToHtml({ buffer: buf }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
    return { kind: 'docx', ...withTextTables(readHtml(value, { numberLists: true })) };
  }
  if (names.includes('xl/workbook.xml')) {
    const tables = await readXlsx(buf);
    return { kind: 'xlsx', text: tableText(tables), tables };
  }
  throw new AppError('BAD_DOCUMENT', { reason: 'zip' });
}

async function readContainer(buf: Buffer): Promise<RawDocument | null> {
  const kind = containerKind(buf);
  if (kind === 'zip') return readZip(buf);
  if (kind === 'pdf') return { kind: 'pdf', ...withTextTables(await readPdf(buf)) };
  if (kind === 'ole') {
    if (!isWordDocument(buf)) throw new AppError('BAD_DOCUMENT', { reason: 'xls' });
    return { kind: 'doc', ...withTextTables(await readDoc(buf)) };
  }
  return null;
}

/**
 * Reads a document's bytes into text and tables, in this process and without bounds: only
 * the parser process calls it. A library's own exception becomes BAD_DOCUMENT unreadable.
 */
export async function readByContent(buf: Buffer, fileName = ''): Promise<RawDocument> {
  try {
    const doc = await readContainer(buf);
    if (doc) return doc;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_DOCUMENT', { reason: 'unreadable', cause: `${(e as Error)?.name}: ${(e as Error)?.message}` });
  }
  const text = decodeText(buf);
  if (looksLikeHtml(text)) return { kind: 'html', ...withTextTables(readHtml(text)) };
  if (/\.csv$/i.test(fileName) || looksLikeCsv(text)) {
    const rows = parseCsv(text);
    return { kind: 'csv', text: tableText([rows]), tables: [rows] };
  }
  return { kind: 'txt', text, tables: textTables(text) };
}
