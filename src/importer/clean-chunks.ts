/**
 * Text that a document-sharing site served in numbered chunks of one fixed length: "1、…",
 * "2、…", "3、…", each chunk cut at the same width, inside a word if need be ("…争取项目资" /
 * "3、金建设…"). The numbers are the site's, not the plan's: written items never all have
 * one and the same length. Such chunks are joined back into the one line they were cut from
 * (splitSquashed then restores its paragraphs).
 */

/** Shortest chunk width read as a site's: a written item of 120 characters exactly repeated is no accident either way. */
const MIN_WIDTH = 120;
const CHUNK = /^(\d{1,3})、/;

/** The run of chunk lines starting at line `from` (blank lines between skipped), or null. */
function chunkRun(lines: string[], from: number): number[] | null {
  const run: number[] = [];
  for (let i = from; i < lines.length; i += 1) {
    const s = lines[i]!.trim();
    if (!s) continue;
    const m = CHUNK.exec(s);
    if (!m || Number(m[1]) !== run.length + 1) break;
    run.push(i);
  }
  if (run.length < 2) return null;
  const width = lines[run[0]!]!.trim().length;
  const last = lines[run[run.length - 1]!]!.trim().length;
  // the last chunk, cut off where the page's stored text ends, may run a few characters past the width
  const aboutWidth = Math.abs(last - width) <= Math.max(3, width * 0.02);
  // two full chunks at least, or a first one cut inside a sentence ("…3、重点任" / "2、务在…"):
  // one line and a shorter one are a list of two items as well; two long lines of one width are not
  if (run.length === 2 && /[。；;！!？?)）\]】”]$/.test(lines[run[0]!]!.trim()) && !(aboutWidth && width >= 2 * MIN_WIDTH)) return null;
  if (width < MIN_WIDTH) return null;
  // every chunk but the last has the site's width; the last holds what is left
  const full = run.slice(0, -1).every((i) => lines[i]!.trim().length === width);
  return full && (last <= width || aboutWidth) ? run : null;
}

/** Joins a text's fixed-width numbered chunks back into one line; other text is returned as is. */
export function joinChunks(text: string): string {
  if (!/(?:^|\n)\s*1、/.test(text)) return text;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    if (!/^\s*1、/.test(lines[i]!)) continue;
    const run = chunkRun(lines, i);
    if (!run) continue;
    const joined = run.map((k) => lines[k]!.trim().replace(CHUNK, '')).join('');
    return [...lines.slice(0, i), joined, ...lines.slice(run[run.length - 1]! + 1)].join('\n');
  }
  return text;
}
