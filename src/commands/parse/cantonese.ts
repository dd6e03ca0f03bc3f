/**
 * Cantonese as officials in Guangdong type it (我哋仲有幾多項未搞掂？, 點樣報？): its function
 * words — a closed class — read as their Mandarin equivalents of the same length, so the
 * rules written for Mandarin apply. Content words are the same in both and are left alone.
 * Applied to the normalised (simplified) text; every replacement keeps the length, so the
 * way back to the message as written is unchanged.
 */

/** One character that exists only in Cantonese writing → its Mandarin word. */
const CHARS: Record<string, string> = {
  哋: '们', 咗: '了', 冇: '没', 嘅: '的', 喺: '在', 啲: '些', 佢: '他', 唔: '不', 嚟: '来', 睇: '看', 咩: '啥', 掂: '定', 噉: '这', 嘢: '事',
};

/** Two-character words whose characters are also Mandarin (仲裁, 点名): read only as a pair. */
const PAIRS: Record<string, string> = {
  仲有: '还有', 仲未: '还未', 仲系: '还是', 仲要: '还要', 仲在: '还在', 几多: '多少', 点样: '怎样', 点解: '为何', 边个: '哪个', 边度: '哪里', 边些: '哪些', 而家: '现在', 听日: '明天', 琴日: '昨天', 寻日: '昨天', 系咪: '是否',
};

const CHAR_RE = new RegExp(`[${Object.keys(CHARS).join('')}]`, 'g');
const PAIR_RE = new RegExp(Object.keys(PAIRS).filter((k) => k.length === 2).join('|'), 'g');
const ONLY_CANTONESE = new RegExp(`[${Object.keys(CHARS).join('')}]|几多|点样|点解|边个|边度|而家|系咪`);

/** `s` with Cantonese function words read as Mandarin (same length); untouched when none is there. */
export function readCantonese(s: string): string {
  if (!ONLY_CANTONESE.test(s) && !/仲[有未系要在]/.test(s)) return s;
  return s.replace(CHAR_RE, (c) => CHARS[c]!).replace(PAIR_RE, (w) => PAIRS[w]!);
}
