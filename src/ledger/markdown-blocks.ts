/**
 * The small markdown the bulletin template uses (# title, ## headings, paragraphs,
 * "- " items, **bold**, "> " signature lines) → blocks, so the same wording becomes a
 * chat message, a printable page and a .docx without being written three times.
 */
export interface Run { text: string; bold: boolean }
export type BlockType = 'title' | 'heading' | 'para' | 'item' | 'sign';
export interface Block { type: BlockType; runs: Run[] }

export function runs(line: string): Run[] {
  return line.split(/(\*\*[^*]+\*\*)/).filter(Boolean).map((s) => (s.startsWith('**') && s.endsWith('**') ? { text: s.slice(2, -2), bold: true } : { text: s, bold: false }));
}

export function toBlocks(md: string): Block[] {
  const out: Block[] = [];
  for (const raw of md.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(#{1,3})\s+(.*)$/.exec(line);
    if (m) out.push({ type: m[1] === '#' ? 'title' : 'heading', runs: runs(m[2]!) });
    else if (line.startsWith('- ')) out.push({ type: 'item', runs: runs(line.slice(2)) });
    else if (line.startsWith('>')) out.push({ type: 'sign', runs: runs(line.replace(/^>\s?/, '')) });
    else out.push({ type: 'para', runs: runs(line) });
  }
  return out;
}
