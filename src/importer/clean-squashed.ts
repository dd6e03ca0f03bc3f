/**
 * Text whose paragraph breaks were lost: a page or a document-sharing site's preview that runs
 * a whole plan into one line ("…方案一、加快推进…(一)扩大…。1、…"), or that marks each
 * break with a stray "Р" (a converter's paragraph sign). Such a line is broken again before
 * each outline marker that follows a sentence end, so that the outline can be read. Lines of
 * ordinary length are left alone: an enumeration inside a paragraph stays inside it.
 */

/**
 * A line this long that holds a 一、 heading and three more headings or numbered items (一、,
 * (一), 1.) after sentence ends is a squashed text (a line of 300 characters or more, with four);
 * a long paragraph with one "(一)" inside is not.
 */
const SQUASHED_LINE = 800;
const HEADING_AFTER_STOP = /(?:[。；;)）]|\s)\s*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}(?:、|\.(?![\d%])))/g;
const SHORTER_LINE = 300;
/** A text this long on one line is squashed even with only two headings after sentence ends. */
const WHOLE_TEXT = 500;
const squashed = (line: string) => {
  if (line.length < SHORTER_LINE) return false;
  // items that count up after sentence ends (…。1、…。2、…。3、…。4、…) are a list on one line, headed by 一、 or not
  if (countsUp(line) >= COUNTED_ITEMS) return true;
  if (!/[一二三四五六七八九十]{1,3}、/.test(line)) return false;
  // a text's own 一、 and 二、 after sentence ends, with a (一) under them, is a text on one line
  if (/[。；;]\s*一、/.test(line) && /[。；;]\s*二、/.test(line) && /\(一\)/.test(line)) return true;
  // or its 一、 after a sentence end with (一) and (二) under it (a text cut before its 二、)
  if (/[。；;]\s*一、.*\(一\).*[。；;)）〕]\s*\(二\)/.test(line)) return true;
  // a shorter line needs one marker more: a paragraph may enumerate three points
  return (line.match(HEADING_AFTER_STOP)?.length ?? 0) >= (line.length >= SQUASHED_LINE ? 3 : 4);
};
/** Items numbered one after another after sentence ends that make a line a list. */
const COUNTED_ITEMS = 5;
const NUMBER_AFTER_STOP = /(?<=[。；;])\s*(\d{1,2})(?:、|\.(?![\d%]))\s*(?=[\u4e00-\u9fff])/g;

/** The longest run of item numbers counting up by one after sentence ends ("。1、…。2、…。3、"). */
function countsUp(line: string): number {
  let best = 0;
  let run = 0;
  let last = -1;
  for (const m of line.matchAll(NUMBER_AFTER_STOP)) {
    const n = Number(m[1]);
    run = n === last + 1 ? run + 1 : 1;
    last = n;
    best = Math.max(best, run);
  }
  return best;
}

const BREAK_BEFORE = /(?:(?<=[。；;)）!！:：])\s*|\s+|(?<=(?:方案|意见|要点|计划|清单|细则))(?=一、)|(?<=[\u4e00-\u9fff])(?=\([一二三四五六七八九十]{1,3}\)))(?=(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}(?:、|\.(?!\d))|第[一二三四五六七八九十]{1,2}(?:阶段|部分)))/g;
/**
 * A section heading run into its first item with no stop between ("二、主要任务1、创建…",
 * "(一)市容环境整治提升行动1.开展…", "(二)乙行动5.打造…"): a heading is short and ends at
 * the item that begins its section — numbered 1, or, where the text numbers its items through
 * the whole document, the number after the last item before it (a few may be skipped) — which
 * begins on a line of its own.
 */
const ITEM_AFTER_HEADING = /(?<=(?:(?:^|[。；;！!])\s*[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))[\u4e00-\u9fff“”、]{2,24})(?=(\d{1,2})(?:、|\.(?!\d))\s*[\u4e00-\u9fff*＊X×])/g;
/** An item number at a break: after a stop or a closing bracket ("…等)4.推进…"). */
const ITEM_AT_BREAK = /(?<=[。；;)）])\s*(\d{1,2})(?:、|\.(?!\d))\s*[\u4e00-\u9fff]/g;
/** How far the numbering through a document may skip at a section's first item. */
const SKIPPED_ITEMS = 3;

function breakBeforeFirstItems(line: string): string {
  const atBreak = [...line.matchAll(ITEM_AT_BREAK)].map((m) => ({ at: m.index!, num: Number(m[1]), heading: false }));
  const afterHeading = [...line.matchAll(ITEM_AFTER_HEADING)].map((m) => ({ at: m.index!, num: Number(m[1]), heading: true }));
  // walked in order, the items taken so far tell which number a section's first item may have
  const breaks = new Set<number>();
  let last = 0;
  for (const item of [...atBreak, ...afterHeading].sort((a, b) => a.at - b.at)) {
    if (!item.heading) { last = item.num; continue; }
    if (item.num === 1 || (last > 0 && item.num > last && item.num <= last + SKIPPED_ITEMS)) {
      breaks.add(item.at);
      last = item.num;
    }
  }
  return line.replace(ITEM_AFTER_HEADING, (_, _num: string, at: number) => (breaks.has(at) ? '\n' : ''));
}

/** A page counter run into the text: "第1页共8页". */
const PAGE_MARK = /第\s*\d{1,3}\s*页\s*[,，/]?\s*共\s*\d{1,3}\s*页/g;

/** Restores the line breaks of a squashed text; see the module comment. */
export function splitSquashed(text: string): string {
  // "Р" (Cyrillic Er) between Chinese text stands for a lost paragraph break
  const marked = /[\u4e00-\u9fff。；）)]Р[\u4e00-\u9fff(（\d]/.test(text) ? text.replace(/(?<=[\u4e00-\u9fff。；：:，,）)!！])Р(?=\S)/g, '\n') : text;
  const lines = marked.split('\n');
  // a whole text on one line (a page that lost every break) is squashed with two headings
  const whole = lines.filter((l) => l.trim()).length === 1;
  return lines.map((line) => {
    if (!squashed(line) && !(whole && line.length >= WHOLE_TEXT && (line.match(HEADING_AFTER_STOP)?.length ?? 0) >= 2)) return line;
    // "2 .开展…": an item number set apart from its stop by a space
    const joined = line.replace(PAGE_MARK, '').replace(/(?<=[)）。；;])\s*(\d{1,2})\s+\.(?=[\u4e00-\u9fff])/g, '$1.');
    return breakBeforeFirstItems(joined).replace(BREAK_BEFORE, '\n');
  }).join('\n');
}
