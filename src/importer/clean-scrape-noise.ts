/**
 * Text a forum or a copy-protected page salted against scraping: each line of Chinese ends in a
 * run of random ASCII ("2教育设施提升 -~1~I", "三,社会保障提标工程 L_T5nD^D"), and stray lines hold
 * nothing else ("e2", "Ss,"). The runs are removed so that the outline can be read (its items,
 * which lost their stop, are numbered again by clean-bare-items.ts).
 */

/** A run of ASCII after a space that mixes letters or figures with symbols: no word, no number, no URL. */
const NOISE = /[ \t]+(?=[!-~]*[A-Za-z0-9])(?=[!-~]*[!-/:-@[-`{-~])[!-~]{3,12}[ \t]*$/;
/** A line that is only such a run (two to four characters, one of them a letter). */
const NOISE_LINE = /^\s*(?=[!-~]*[A-Za-z])[!-~]{1,4}\s*$/;
const HAN = /[\u4e00-\u9fff]/;

/** How many lines of Chinese end in noise: below three a text is no salted one. */
const SALTED = 3;

export function dropScrapeNoise(text: string): string {
  const lines = text.split('\n');
  const salted = lines.filter((l) => HAN.test(l) && NOISE.test(l)).length;
  if (salted < SALTED) return text;
  const kept = lines
    .map((l) => (HAN.test(l) ? l.replace(NOISE, '').replace(NOISE, '') : l))
    .filter((l) => !NOISE_LINE.test(l));
  return kept.join('\n');
}
