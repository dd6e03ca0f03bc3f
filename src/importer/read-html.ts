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

const LIST_MARK = [(n: number) => `${n}.`, (n: number) => `(${n})`, (n: number) => `${n})`, (n: number) => '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'[n - 1] ?? `${n}.`];

/**
 * Writes the numbers of <ol> items into the text. A .docx whose outline uses Word's
 * automatic numbering reaches us through mammoth as <ol><li>, without the numbers; nesting
 * depth chooses the marker (1. → (1) → 1) → ①). Items that already start with a number keep it.
 * Only for .docx: a web page's <ol> is as often a menu or a breadcrumb trail.
 */
export function numberLists(html: string): string {
  if (!/<ol\b/i.test(html)) return html;
  const stack: { ordered: boolean; n: number }[] = [];
  let out = '';
  let from = 0;
  for (const m of html.matchAll(/<(\/?)(ol|ul|li)\b([^>]*)>/gi)) {
    const end = m.index! + m[0].length;
    out += html.slice(from, end);
    from = end;
    const [, close, tag] = m;
    const t = tag!.toLowerCase();
    if (t !== 'li') {
      if (close) stack.pop();
      else stack.push({ ordered: t === 'ol', n: Number(/start\s*=\s*["']?(\d+)/i.exec(m[3]!)?.[1] ?? 1) - 1 });
      continue;
    }
    const list = stack[stack.length - 1];
    if (close || !list?.ordered) continue;
    list.n += 1;
    const text = html.slice(end, end + 200).replace(/<(?!\/?(?:ol|ul|li)\b)[^>]*>/gi, '').trimStart();
    if (/^(?:[一二三四五六七八九十]+[、.]|[(（]|\d+[.、)．]|[①-⑳])/.test(text)) continue;
    const depth = stack.filter((l) => l.ordered).length;
    const lead = /^(?:\s*<(?!\/?(?:ol|ul|li)\b)[^>]*>)*/i.exec(html.slice(end))![0];
    out += lead + LIST_MARK[Math.min(depth, LIST_MARK.length) - 1]!(list.n);
    from = end + lead.length;
  }
  return out + html.slice(from);
}

/** Text of an HTML fragment: tags dropped, blocks as lines, entities decoded. */
export function htmlText(html: string, opts: { numberLists?: boolean } = {}): string {
  return decodeEntities(
    (opts.numberLists ? numberLists(html) : html)
      .replace(BLOCK, '\n')
      .replace(/<\/t[dh]>/gi, '\t')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/**
 * Innermost tables of a page as rows of cell texts. A cell spanning rows (rowspan: one 牵头单位
 * written for several tasks) is repeated in each row it covers, and one spanning columns in
 * each column, so every row has its cells at the header's positions.
 */
function tablesOf(html: string): string[][][] {
  const out: string[][][] = [];
  for (const t of html.matchAll(/<table\b[^>]*>((?:(?!<table\b)[\s\S])*?)<\/table>/gi)) {
    const rows: string[][] = [];
    const carry: { text: string; left: number }[] = [];
    for (const r of t[1]!.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)) {
      const cells: string[] = [];
      const fill = () => {
        while (carry[cells.length]?.left) { const c = carry[cells.length]!; c.left -= 1; cells.push(c.text); }
      };
      for (const c of r[1]!.matchAll(/<t[dh]\b([^>]*)>([\s\S]*?)<\/t[dh]>/gi)) {
        fill();
        const text = htmlText(c[2]!).replace(/\s*\n\s*/g, '\n').trim();
        const span = Math.min(Number(/colspan\s*=\s*["']?(\d+)/i.exec(c[1]!)?.[1] ?? 1), 20);
        const down = Math.min(Number(/rowspan\s*=\s*["']?(\d+)/i.exec(c[1]!)?.[1] ?? 1), 500);
        for (let i = 0; i < span; i += 1) {
          if (down > 1) carry[cells.length] = { text, left: down - 1 };
          cells.push(text);
        }
      }
      fill();
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
export function readHtml(html: string, opts: { numberLists?: boolean } = {}): { text: string; tables: string[][][] } {
  const clean = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1>/gi, '');
  return { text: htmlText(clean, opts), tables: tablesOf(clean) };
}
