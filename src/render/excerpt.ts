/**
 * Long texts are stored whole but shown bounded where people read them (answers, notices, the
 * task card, the ledger's 最新进展): the first EXCERPT_CHARS characters and a marker; the trail
 * (全程留痕) keeps the full text.
 */
export const EXCERPT_CHARS = 300;

export function excerpt(text: string | null | undefined, max = EXCERPT_CHARS): { text: string | null; cut: boolean } {
  if (!text) return { text: text ?? null, cut: false };
  const chars = [...text];
  if (chars.length <= max) return { text, cut: false };
  return { text: chars.slice(0, max).join('').trimEnd(), cut: true };
}
