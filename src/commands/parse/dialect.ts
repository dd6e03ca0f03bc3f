/**
 * Regional speech as officials type it — Cantonese (我哋仲有幾多項未搞掂？, 點樣報？) and the
 * 整/要得 of south-western and north-eastern Mandarin (整完了, 要得): the function words and
 * pro-verbs — a closed class — read as their standard equivalents of the same length, so the
 * rules written for Mandarin apply. Content words are the same everywhere and are left alone.
 * Read during normalisation; every replacement keeps the length, so the way back to the
 * message as written is unchanged.
 */

/** One character that exists only in Cantonese writing → its Mandarin word. */
const CHARS: Record<string, string> = {
  哋: '们', 咗: '了', 冇: '没', 嘅: '的', 喺: '在', 啲: '些', 佢: '他', 唔: '不', 嚟: '来', 睇: '看', 咩: '啥', 掂: '定', 噉: '这', 嘢: '事', 嗰: '那', 㗎: '的', 咁: '这',
};

/** Two-character words whose characters are also Mandarin (仲裁, 点名): read only as a pair. */
const PAIRS: Record<string, string> = {
  仲有: '还有', 仲未: '还未', 仲系: '还是', 仲要: '还要', 仲在: '还在', 几多: '多少', 点样: '怎样', 点解: '为何', 边个: '哪个', 边度: '哪里', 边些: '哪些', 而家: '现在', 听日: '明天', 琴日: '昨天', 寻日: '昨天', 系咪: '是否', 月尾: '月底', 年尾: '年底',
  // 整 as the all-purpose verb, 要得 as assent
  整完: '做完', 整好: '做好', 整定: '搞定', 要得: '好的', 得嘞: '好嘞', 莫得: '没得', 归一: '好了', 晓得: '知道',
  // Wu: 明朝 is tomorrow; Cantonese 呢个 is this one
  明朝: '明天', 呢个: '这个',
  // northern: 俺 is I, 昨儿/今儿/明儿 are the days; south-western 咋个 is how; Cantonese 几时 is when
  俺们: '我们', 昨儿: '昨天', 今儿: '今天', 明儿: '明天', 咋个: '怎么', 几时: '何时',
};

/** 整 is the verb only where it does not end a word of its own (调整完成, 完整, 规整). */
const AS_WRITTEN = (w: string) => (w.startsWith('整') ? `(?<![调完规修平统重齐工严休])${w}` : w);
const PAIR_RE = new RegExp(Object.keys(PAIRS).map(AS_WRITTEN).join('|'), 'g');
const PAIR_TEST = new RegExp(Object.keys(PAIRS).map(AS_WRITTEN).join('|'));

/** A character written only in Cantonese, as its Mandarin word (read before traditional → simplified: 嗰 is not 𠮶). */
export function dialectChar(ch: string): string | undefined {
  return CHARS[ch];
}

/** `s` (simplified, its dialect characters already read) with regional words read as standard Mandarin, same length. */
export function readDialect(s: string): string {
  if (!PAIR_TEST.test(s)) return s;
  return s.replace(PAIR_RE, (w) => PAIRS[w]!);
}
