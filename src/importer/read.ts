/**
 * Picks the reader by content, not only by extension: a .docx or .xlsx is a zip holding
 * word/ or xl/ parts, HTML starts with markup, a CSV has separated header cells; anything
 * else is plain text in UTF-8 or GB18030. Old .doc, PDF and unknown zips are refused.
 */
import mammoth from 'mammoth';
import { AppError } from '../lib/errors.ts';
import type { RawDocument } from './types.ts';
import { decodeText } from './read-text.ts';
import { looksLikeHtml, readHtml } from './read-html.ts';
import { looksLikeCsv, parseCsv, readXlsx } from './read-sheet.ts';
import { textTables } from './read-text-tables.ts';
import { tableTasks } from './extract-table-tasks.ts';
import { isChromeLine } from './clean-chrome.ts';

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** Tables as text, a merged cell (repeated in each column it covers) written once. */
function tableText(tables: string[][][]): string {
  return tables.map((t) => t.map((r) => r.filter((c, i) => i === 0 || c !== r[i - 1]).join('\t')).join('\n')).join('\n\n');
}

/**
 * A page or .docx without a task table of its own may still hold one typed as text (cells
 * apart by tabs, "|" or one per paragraph): read its text for tables as a .txt is read. One
 * paragraph per line leaves blank lines between all of them, which say nothing there.
 */
function withTextTables(doc: { text: string; tables: string[][][] }): { text: string; tables: string[][][] } {
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
    const { value } = await mammoth.convertToHtml({ buffer: buf });
    return { kind: 'docx', ...withTextTables(readHtml(value, { numberLists: true })) };
  }
  if (names.includes('xl/workbook.xml')) {
    const tables = await readXlsx(buf);
    return { kind: 'xlsx', text: tableText(tables), tables };
  }
  throw new AppError('BAD_DOCUMENT', { reason: 'zip' });
}

/** Reads a document's bytes into text and tables. */
export async function readDocument(buf: Buffer, fileName = ''): Promise<RawDocument> {
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    try {
      return await readZip(buf);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('BAD_DOCUMENT', { reason: 'unreadable', cause: (e as Error).message });
    }
  }
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0])) throw new AppError('BAD_DOCUMENT', { reason: 'doc' });
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46])) throw new AppError('BAD_DOCUMENT', { reason: 'pdf' });
  const text = decodeText(buf);
  if (looksLikeHtml(text)) return { kind: 'html', ...withTextTables(readHtml(text)) };
  if (/\.csv$/i.test(fileName) || looksLikeCsv(text)) {
    const rows = parseCsv(text);
    return { kind: 'csv', text: tableText([rows]), tables: [rows] };
  }
  return { kind: 'txt', text, tables: textTables(text) };
}
