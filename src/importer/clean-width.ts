/**
 * Unifies character widths so that the parser sees one form: full-width digits, letters,
 * the full-width full stop and round brackets become ASCII (paths and unit names are
 * labelled with ASCII brackets); ideographic and no-break spaces become plain spaces.
 * Chinese punctuation (，。；：、) and the document-number brackets 〔2023〕 stay as written.
 * Enclosed numbers ⑴ and ⒈ become (1) and 1., as outline markers. Small form variants
 * (﹒ ﹑ ﹐ ﹙﹚, as in "1﹒") become the punctuation they stand for; angle brackets a page put
 * around Chinese words for round ones (各市<州>) become round ones.
 */
const MAP: Record<string, string> = {
  '（': '(', '）': ')', '．': '.', '\u3000': ' ', '\u00a0': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u200b': '', '\ufeff': '', '﹒': '.', '﹑': '、', '﹐': '，', '﹔': '；', '﹕': '：', '﹙': '(', '﹚': ')', '﹝': '〔', '﹞': '〕', '－': '-', '～': '~', '％': '%', '＋': '+', '／': '/', '＝': '=', '＜': '<', '＞': '>',
};

/** Full-width → half-width for digits, letters and a few symbols; see the module comment. */
export function unifyWidth(text: string): string {
  return text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[（）．\u3000\u00a0\u2002\u2003\u200b\ufeff－～％＋／＝＜＞﹒﹑﹐﹔﹕﹙﹚﹝﹞]/g, (c) => MAP[c] ?? c)
    // ⑴…⒇ (parenthesised digits) and ⒈…⒛ (digits with a full stop) are outline markers
    .replace(/[\u2474-\u2487]/g, (c) => `(${c.charCodeAt(0) - 0x2473})`)
    .replace(/[\u2488-\u249b]/g, (c) => `${c.charCodeAt(0) - 0x2487}.`)
    // angle brackets a page put for round ones around Chinese words ("各市<州>", "责任单位<处室>")
    .replace(/(?<=[\u4e00-\u9fff])<([\u4e00-\u9fff、，,]{1,12})>/g, '($1)')
    .replace(/\r\n?/g, '\n');
}
