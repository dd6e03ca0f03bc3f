/**
 * Old Word .doc (Word 97–2003, an OLE compound file) → text and tables, through word-extractor
 * (pure JavaScript). It gives the body text with a paragraph per line and each table cell
 * ended by a tab, so a row is a line ending in a tab; a cell holding several paragraphs
 * breaks its row over lines, which are put back together here. Word's automatic list numbers
 * are not in a .doc's text (they are formatting) and so are not read.
 * Runs in the bounded parser process (read-worker.ts).
 */
import WordExtractor from 'word-extractor';

const WORD_STREAM = Buffer.from('WordDocument', 'utf16le');

/** Whether an OLE compound file is a Word document (an old .xls or .ppt is not). */
export function isWordDocument(buf: Buffer): boolean {
  return buf.includes(WORD_STREAM);
}

/** Lines a cell's paragraphs may break one row over. */
const MAX_CELL_LINES = 8;

/**
 * word-extractor's body text → running text and tables. A line ending in a tab ends a table
 * row; a line holding a tab, followed within a few lines by one ending in a tab, starts a row
 * whose cells hold several paragraphs.
 */
export function docLayout(body: string): { text: string; tables: string[][][] } {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const tables: string[][][] = [];
  let table: string[][] | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    let end = i;
    if (lines[i]!.includes('\t') && !lines[i]!.endsWith('\t')) {
      end = lines.slice(i, i + MAX_CELL_LINES).findIndex((l) => l.endsWith('\t')) + i;
      if (end < i) end = i;
    }
    const row = lines.slice(i, end + 1).join('\n');
    if (!row.endsWith('\t')) { table = null; out.push(row); continue; }
    const cells = row.slice(0, -1).split('\t').map((c) => c.replace(/\s*\n\s*/g, '\n').trim());
    if (!table) { table = []; tables.push(table); }
    table.push(cells);
    out.push(cells.map((c) => c.replace(/\n/g, '')).join('\t'));
    i = end;
  }
  return { text: out.join('\n'), tables: tables.map((t) => t.filter((r) => r.some(Boolean))).filter((t) => t.length) };
}

/** A .doc's text and tables. */
export async function readDoc(buf: Buffer): Promise<{ text: string; tables: string[][][] }> {
  const doc = await new WordExtractor().extract(buf);
  return docLayout(doc.getBody({ filterUnicode: false }));
}
