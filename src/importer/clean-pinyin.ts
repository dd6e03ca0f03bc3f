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

/** Removes pinyin annotations; returns the text unchanged when it has none. */
export function removePinyin(text: string): string {
  if (!text.includes('(') && !text.includes('（')) return text;
  let toned = 0;
  for (const m of text.matchAll(ANNOTATION)) if (TONED.test(m[2]!)) { toned += 1; if (toned >= 3) break; }
  if (toned === 0 && !ANY_TONED.test(text)) return text;
  ANY_TONED.lastIndex = 0;
  return text
    .replace(ANNOTATION, (all, han: string, syl: string) => (TONED.test(syl) || (toned >= 3 && SYLLABLE.test(syl)) ? han : all))
    .replace(ANY_TONED, ''); // after a damaged character ("O(shè)"): a toned syllable in brackets is never real text
}
