/**
 * HTML (a page saved from a government site, or mammoth's rendering of a .docx) → running
 * text plus the tables as cell grids. Block elements become line breaks, table cells are
 * kept apart so a task table (序号/任务/牵头单位/完成时限) can be read by columns.
 */
const ENTITIES: Record<string, string> = {
  nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', times: '×', ensp: ' ', emsp: ' ', thinsp: ' ',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

const BLOCK = /<\/?(?:p|div|br|li|h[1-6]|tr|section|article|table|tbody|thead|ul|ol|dd|dt|blockquote|pre|header|footer|title|center)\b[^>]*>/gi;

/** Text of an HTML fragment: tags dropped, blocks as lines, entities decoded. */
export function htmlText(html: string): string {
  return decodeEntities(
    html
      .replace(BLOCK, '\n')
      .replace(/<\/t[dh]>/gi, '\t')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** Innermost tables of a page as rows of cell texts. */
function tablesOf(html: string): string[][][] {
  const out: string[][][] = [];
  for (const t of html.matchAll(/<table\b[^>]*>((?:(?!<table\b)[\s\S])*?)<\/table>/gi)) {
    const rows: string[][] = [];
    for (const r of t[1]!.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)) {
      const cells: string[] = [];
      for (const c of r[1]!.matchAll(/<t[dh]\b([^>]*)>([\s\S]*?)<\/t[dh]>/gi)) {
        const text = htmlText(c[2]!).replace(/\s*\n\s*/g, '\n').trim();
        const span = Number(/colspan\s*=\s*["']?(\d+)/i.exec(c[1]!)?.[1] ?? 1);
        for (let i = 0; i < Math.min(span, 20); i += 1) cells.push(text);
      }
      if (cells.some(Boolean)) rows.push(cells);
    }
    if (rows.length) out.push(rows);
  }
  return out;
}

/** Whether a decoded text is HTML rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  return /^<(?:!doctype\s+html|html|head|body|meta)/.test(head) || (text.match(/<\/(?:p|div|td|span)>/gi)?.length ?? 0) >= 5;
}

/** Page → text and tables; scripts, styles and comments are dropped first. */
export function readHtml(html: string): { text: string; tables: string[][][] } {
  const clean = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1>/gi, '');
  return { text: htmlText(clean), tables: tablesOf(clean) };
}
