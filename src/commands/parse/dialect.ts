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
  哋: '们', 咗: '了', 冇: '没', 嘅: '的', 喺: '在', 啲: '些', 佢: '他', 嚟: '来', 睇: '看', 咩: '啥', 掂: '定', 噉: '这', 嘢: '事', 嗰: '那', 㗎: '的', 咁: '这',
};

/**
 * Words whose characters are also Mandarin (仲裁, 重点解决, 而家庭医生, 那边个别): read, the same
 * length, only where they do not straddle two Mandarin words — not after the characters in
 * `notAfter` nor before those in `notBefore`.
 */
const WORDS: Record<string, { read: string; notAfter?: string; notBefore?: string }> = {
  // Cantonese
  仲有: { read: '还有', notAfter: '伯' }, 仲未: { read: '还未' }, 仲系: { read: '还是' }, 仲要: { read: '还要' }, 仲在: { read: '还在' },
  几多: { read: '多少', notAfter: '十百千' }, 点样: { read: '怎样', notAfter: '一重', notBefore: '品本板' },
  点解: { read: '为何', notAfter: '重要难焦热亮观特优缺起终盲痛堵弱卡节试站网据地一两几这那', notBefore: '决' },
  边个: { read: '哪个', notAfter: '这那旁身两一周四北南东西左右上下里外', notBefore: '别人子体' },
  边度: { read: '哪里', notAfter: '这那旁身两一周四北南东西左右上下里外', notBefore: '假过' },
  边些: { read: '哪些', notAfter: '这那旁身两一周四北南东西左右上下里外' },
  而家: { read: '现在', notBefore: '庭属长族人里中务乡园居电具' },
  听日: { read: '明天' }, 琴日: { read: '昨天' }, 寻日: { read: '昨天', notBefore: '常' }, 系咪: { read: '是否' },
  唔该: { read: '谢谢' }, 月尾: { read: '月底' }, 年尾: { read: '年底' }, 呢个: { read: '这个' }, 几时: { read: '何时' },
  // 整 as the all-purpose verb of the south-west and north-east, 要得 as assent
  整完: { read: '做完', notAfter: '调完规修平统重齐工严休' }, 整好: { read: '做好', notAfter: '调完规修平统重齐工严休' }, 整定: { read: '搞定', notAfter: '调完规修平统重齐工严休' },
  // 利索 (north-eastern: through, neatly): 整利索了 is done
  整利索: { read: '搞定了' }, 弄利索: { read: '搞定了' }, 搞利索: { read: '搞定了' }, 办利索: { read: '搞定了' },
  要得: { read: '好的', notBefore: '到了很太住上起出着来及' }, 得嘞: { read: '好嘞' }, 莫得: { read: '没得' },
  归一: { read: '好了', notAfter: '合', notBefore: '化' }, 晓得: { read: '知道' }, 齐活: { read: '完成', notAfter: '整一', notBefore: '动泼跃' },
  // Wu: 明朝 is tomorrow; northern: 俺 is I, 昨儿/今儿/明儿 are the days; south-western 咋个 is how
  明朝: { read: '明天', notBefore: '代' }, 俺们: { read: '我们' }, 咋个: { read: '怎么' },
  // south-western 嘞个 is 这个, 噻 a sentence-final particle like 吧
  嘞个: { read: '这个' }, 噻: { read: '吧' },
  昨儿: { read: '昨天', notBefore: '童女子' }, 今儿: { read: '今天', notBefore: '童女子' }, 明儿: { read: '明天', notBefore: '童女子' },
};

const WORD_RE = new RegExp(Object.entries(WORDS).map(([w, { notAfter, notBefore }]) =>
  `${notAfter ? `(?<![${notAfter}])` : ''}${w}${notBefore ? `(?![${notBefore}])` : ''}`).join('|'), 'g');
const WORD_TEST = new RegExp(Object.keys(WORDS).join('|'));
/** Cantonese 唔 is 不 before what it negates (唔得, 唔使); alone it is a Mandarin "hmm". */
const NOT = /唔(?=[\u4e00-\u9fff])/g;

/** A character written only in Cantonese, as its Mandarin word (read before traditional → simplified: 嗰 is not 𠮶). */
export function dialectChar(ch: string): string | undefined {
  return CHARS[ch];
}

/** `s` (simplified, its dialect characters already read) with regional words read as standard Mandarin, same length. */
export function readDialect(s: string): string {
  const words = WORD_TEST.test(s) ? s.replace(WORD_RE, (w) => WORDS[w]!.read) : s;
  return words.includes('唔') ? words.replace(NOT, '不') : words;
}
