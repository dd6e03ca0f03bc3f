/**
 * Removes pinyin inserted after characters, as in "關(guān)於" → "關於", while keeping real
 * brackets such as 区(市), 村(居), (助理), (DRG). An annotation is a bracketed lower-case
 * syllable right after a Chinese character; toned syllables always count, toneless ones
 * only in a text that is clearly annotated (several toned ones) and when they are real
 * pinyin syllables.
 */
const TONED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;
const ANNOTATION = /([\u3400-\u9fff])[(（]([a-z\u00e0-\u00fc\u0101-\u01dc\u0144\u0148\u01f9\u1e3f]{1,7})[)）]/g;

const ANY_TONED = /[(（][a-z\u00e0-\u00fc\u0101-\u01dc]*[àáèéìíòóùúüāēěīǐōǒūǔǖǘǚǜ][a-z\u00e0-\u00fc\u0101-\u01dc]*[)）]/g;

/** Toneless pinyin syllables: initial + final (ü written as v or ü). */
const SYLLABLE = /^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:a|o|e|i|u|v|ü|ai|ei|ao|ou|an|en|ang|eng|ong|er|ia|ie|iao|iu|ian|in|iang|ing|iong|ua|uo|uai|ui|uan|un|uang|ueng|ue|ve|üe|van|ün|vn)$/;

/**
 * An annotation broken by a hard line wrap: "職\n(zé)", "(z\né)". A line never starts with
 * pinyin and a syllable never spans lines, so in an annotated text such a break goes with
 * the annotation (toned syllables only).
 */
const L = 'a-z\\u00e0-\\u00fc\\u0101-\\u01dc\\u0144\\u0148\\u01f9\\u1e3f';
const BROKEN = new RegExp(`([\\u3400-\\u9fff])?([ \\t]*(?:\\n[ \\t]*){1,2})?[(（]([${L}]*)(?:[ \\t]*(?:\\n[ \\t]*){1,2})?([${L}]*)[)）]`, 'g');

function rejoinBroken(text: string): string {
  return text.replace(BROKEN, (all, han: string | undefined, gap: string | undefined, a: string, b: string) => {
    const syl = a + b;
    const broken = Boolean(gap) || all.includes('\n');
    if (!broken || !syl || syl.length > 7 || !TONED.test(syl) || (gap && !han)) return all;
    return `${han ?? ''}(${syl})`;
  });
}

/** Removes pinyin annotations; returns the text unchanged when it has none. */
export function removePinyin(text0: string): string {
  if (!text0.includes('(') && !text0.includes('（')) return text0;
  let toned = 0;
  for (const m of text0.matchAll(ANNOTATION)) if (TONED.test(m[2]!)) { toned += 1; if (toned >= 3) break; }
  if (toned === 0 && !ANY_TONED.test(text0)) return text0;
  ANY_TONED.lastIndex = 0;
  const text = toned >= 3 ? rejoinBroken(text0) : text0;
  return text
    .replace(ANNOTATION, (all, han: string, syl: string) => (TONED.test(syl) || (toned >= 3 && SYLLABLE.test(syl)) ? han : all))
    .replace(ANY_TONED, ''); // after a damaged character ("O(shè)"): a toned syllable in brackets is never real text
}
