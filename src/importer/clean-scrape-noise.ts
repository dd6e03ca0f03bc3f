/**
 * Text a forum or a copy-protected page salted against scraping: each line of Chinese ends in a
 * run of random ASCII ("2教育设施提升 -~1~I", "三,社会保障提标工程 L_T5nD^D"), and stray lines hold
 * nothing else ("e2", "Ss,"). The runs are removed so that the outline can be read; a line of
 * such a text whose items lost their stop ("1开展…", "2教育设施提升") is numbered again
 * ("1、开展…") where the lines count up from 1, one after another, or where one such line stands
 * right under a heading.
 */

/** A run of ASCII after a space that mixes letters or figures with symbols: no word, no number, no URL. */
const NOISE = /[ \t]+(?=[!-~]*[A-Za-z0-9])(?=[!-~]*[!-/:-@[-`{-~])[!-~]{3,12}[ \t]*$/;
/** A line that is only such a run (two to four characters, one of them a letter). */
const NOISE_LINE = /^\s*(?=[!-~]*[A-Za-z])[!-~]{1,4}\s*$/;
const HAN = /[\u4e00-\u9fff]/;
const HEADING = /^\s*[一二三四五六七八九十]{1,3}[、,，.]/;

/** How many lines of Chinese end in noise: below three a text is no salted one. */
const SALTED = 3;

export function dropScrapeNoise(text: string): string {
  const lines = text.split('\n');
  const salted = lines.filter((l) => HAN.test(l) && NOISE.test(l)).length;
  if (salted < SALTED) return text;
  const kept = lines
    .map((l) => (HAN.test(l) ? l.replace(NOISE, '').replace(NOISE, '') : l))
    .filter((l) => !NOISE_LINE.test(l));
  return numberBareItems(kept).join('\n');
}

/** "1开展…", "2教育…", "3…": lines counting up from 1 whose number runs into the item, given back their stop. */
function numberBareItems(lines: string[]): string[] {
  const out = [...lines];
  const bare = /^(\s*)(\d{1,2})(?=[\u4e00-\u9fff])/;
  for (let i = 0; i < out.length; i += 1) {
    const m = bare.exec(out[i]!);
    if (!m || m[2] !== '1') continue;
    // the run: 1, 2, 3 … on the lines that follow (other lines between are the items' text)
    const run = [i];
    for (let j = i + 1, next = 2; j < out.length; j += 1) {
      const n = bare.exec(out[j]!);
      if (n && Number(n[2]) === next) { run.push(j); next += 1; } else if (n || HEADING.test(out[j]!) || /^\s*\d{1,2}[、.．]/.test(out[j]!)) break;
    }
    // one item alone counts when a heading stands right above it ("八,城市品质跃升工程" / "1开展…")
    const above = out.slice(0, i).reverse().find((l) => l.trim());
    if (run.length < 2 && !(above && HEADING.test(above))) continue;
    for (const j of run) out[j] = out[j]!.replace(bare, '$1$2、');
    i = run[run.length - 1]!;
  }
  return out;
}
