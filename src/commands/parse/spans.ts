/**
 * Spans of the normalised text already claimed by one slot, so that another rule does not
 * read them again (the `12.20` of a date is not the task `12.20`; `第3项` is not a number).
 */
export interface Span {
  start: number;
  end: number;
}

/** Does `span` overlap any of `taken`? */
export function overlaps(taken: Span[], span: Span): boolean {
  return taken.some((t) => t.start < span.end && span.start < t.end);
}

/** `s` with the `taken` spans replaced by spaces (same length, so indices stay valid). */
export function maskSpans(s: string, taken: Span[]): string {
  let out = s;
  for (const t of taken) out = out.slice(0, t.start) + ' '.repeat(t.end - t.start) + out.slice(t.end);
  return out;
}
