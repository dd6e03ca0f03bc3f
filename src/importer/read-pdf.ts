/**
 * PDF with a text layer → text and tables, through Mozilla's pdf.js (pdfjs-dist, legacy build
 * for Node 20; pure JavaScript, no poppler). pdf.js gives positioned pieces of text and the
 * drawing operators; this file collects, per page, the pieces and the straight ruling lines
 * (table borders), and read-pdf-layout.ts rebuilds reading order, paragraphs and table rows
 * from them. A PDF whose pages carry no text (a scan) is refused as such: nothing to read.
 * Runs in the bounded parser process (read-worker.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../lib/errors.ts';
import { layoutPdf, type PdfPage, type PdfRule, type PdfText } from './read-pdf-layout.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** Fewer visible characters than this in the whole file: a scan (or only a signature and page numbers). */
const MIN_TEXT_CHARS = 20;

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Straight axis-aligned segments of a path (lines, and the edges of rectangles), in page space. */
function pathRules(data: ArrayLike<number>, ctm: Matrix, DRAW_MOVE: number, DRAW_LINE: number, DRAW_CLOSE: number): PdfRule[] {
  const out: PdfRule[] = [];
  let start: [number, number] | null = null;
  let at: [number, number] | null = null;
  const edge = (a: [number, number], b: [number, number]) => {
    if (Math.abs(a[1] - b[1]) < 1.5 || Math.abs(a[0] - b[0]) < 1.5) out.push({ x0: Math.min(a[0], b[0]), y0: Math.min(a[1], b[1]), x1: Math.max(a[0], b[0]), y1: Math.max(a[1], b[1]) });
  };
  for (let k = 0; k < data.length;) {
    const op = data[k++];
    if (op === DRAW_MOVE) { at = start = apply(ctm, data[k]!, data[k + 1]!); k += 2; }
    else if (op === DRAW_LINE) { const p = apply(ctm, data[k]!, data[k + 1]!); if (at) edge(at, p); at = p; k += 2; }
    else if (op === DRAW_CLOSE) { if (at && start) edge(at, start); at = start; }
    else k += op === 2 ? 6 : 4; // curves: not rules
  }
  return out;
}

/** Rules drawn on a page: stroked lines and rectangle edges, and filled rectangles thin enough to be lines. */
async function pageRules(pdfjs: PdfJs, page: Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>): Promise<PdfRule[]> {
  const { OPS } = pdfjs;
  const ops = await page.getOperatorList();
  const rules: PdfRule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const painted = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  for (let i = 0; i < ops.fnArray.length; i += 1) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (fn === OPS.constructPath && painted.has(args[0] as number)) {
      const data = (args[1] as (ArrayLike<number> | null)[])[0];
      if (!data) continue;
      const segs = pathRules(data, ctm, 0, 1, 4);
      const box = segs.length === 4 ? { x0: Math.min(...segs.map((s) => s.x0)), y0: Math.min(...segs.map((s) => s.y0)), x1: Math.max(...segs.map((s) => s.x1)), y1: Math.max(...segs.map((s) => s.y1)) } : null;
      // a filled rectangle 0.5 pt high is how many writers draw a table border
      if (box && box.y1 - box.y0 < 2.5) rules.push({ x0: box.x0, x1: box.x1, y0: (box.y0 + box.y1) / 2, y1: (box.y0 + box.y1) / 2 });
      else if (box && box.x1 - box.x0 < 2.5) rules.push({ x0: (box.x0 + box.x1) / 2, x1: (box.x0 + box.x1) / 2, y0: box.y0, y1: box.y1 });
      else rules.push(...segs);
    }
  }
  return rules;
}

/** Reads the text pieces (and, for pages with text, the ruling lines) of every page. */
async function readPages(pdfjs: PdfJs, data: Uint8Array): Promise<PdfPage[]> {
  const task = pdfjs.getDocument({
    data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false,
    cMapUrl: `${pdfjsDir}/cmaps/`, cMapPacked: true, standardFontDataUrl: `${pdfjsDir}/standard_fonts/`,
  });
  const doc = await task.promise;
  try {
    const pages: { texts: PdfText[]; page: Awaited<ReturnType<typeof doc.getPage>> }[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const texts: PdfText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str) continue;
        const [a, b, , , x, y] = item.transform as Matrix;
        texts.push({ str: item.str, x, y, w: item.width, size: Math.hypot(a, b) || item.height || 10 });
      }
      pages.push({ texts, page });
    }
    const visible = pages.reduce((n, p) => n + p.texts.reduce((m, t) => m + t.str.replace(/\s/g, '').length, 0), 0);
    if (visible < MIN_TEXT_CHARS) throw new AppError('BAD_DOCUMENT', { reason: 'scanned', pages: doc.numPages, chars: visible });
    const out: PdfPage[] = [];
    for (const { texts, page } of pages) {
      const [, , width, height] = page.view;
      out.push({ width: width!, height: height!, texts, rules: texts.length ? await pageRules(pdfjs, page) : [] });
      page.cleanup();
    }
    return out;
  } finally {
    await task.destroy();
  }
}

/** A PDF's text and tables; AppError BAD_DOCUMENT scanned when it has no text layer, password when it is locked. */
export async function readPdf(buf: Buffer): Promise<{ text: string; tables: string[][][] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  try {
    return layoutPdf(await readPages(pdfjs, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice()));
  } catch (e) {
    if ((e as Error)?.name === 'PasswordException') throw new AppError('BAD_DOCUMENT', { reason: 'password' });
    throw e;
  }
}
