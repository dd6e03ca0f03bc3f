/**
 * OutboundMessage → WeCom bodies, within each route's byte limits (UTF-8 bytes, not characters).
 *
 * - Group robot webhook (https://developer.work.weixin.qq.com/document/path/99110): text ≤ 2048
 *   bytes with `mentioned_list`; markdown ≤ 4096 bytes, @ written as `<@userid>` inside the
 *   content (markdown_v2 cannot @, so it is not used).
 * - App message/send and appchat/send (path/90236, path/90248): text and markdown ≤ 2048 bytes.
 * - AI bot response_url (path/101138): markdown, usable once, so it cannot be split: longer
 *   answers are cut at a line boundary and end with "…". Stream replies (path/101031, the
 *   passive reply and each refresh) hold at most 20 480 bytes and replace the previous content,
 *   so they cannot be split either and are cut the same way.
 * Long content is split at line boundaries into several messages; a single line longer than
 * the limit is cut between code points.
 */
export const LIMITS = {
  webhookText: 2048,
  webhookMarkdown: 4096,
  appText: 2048,
  appMarkdown: 2048,
  stream: 20480,
  /** not stated for response_url; the stream limit is the documented ceiling for bot answers */
  responseUrl: 20480,
} as const;

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Splits text into chunks of at most `maxBytes`, preferring line boundaries. */
export function splitByBytes(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must hold one code point');
  const chunks: string[] = [];
  let current = '';
  const flush = () => { if (current) chunks.push(current); current = ''; };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (utf8Bytes(candidate) <= maxBytes) { current = candidate; continue; }
    flush();
    if (utf8Bytes(line) <= maxBytes) { current = line; continue; }
    for (const piece of cutLine(line, maxBytes)) chunks.push(piece);
  }
  flush();
  return chunks.filter((c) => c.trim() !== '');
}

function cutLine(line: string, maxBytes: number): string[] {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const cp of line) {
    const b = utf8Bytes(cp);
    if (bytes + b > maxBytes) { out.push(cur); cur = ''; bytes = 0; }
    cur += cp;
    bytes += b;
  }
  if (cur) out.push(cur);
  return out;
}

/** Cuts to at most `maxBytes` at a line boundary, ending with "…" when something was cut. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const room = maxBytes - utf8Bytes('\n…');
  const first = splitByBytes(text, room)[0] ?? '';
  return `${first}\n…`;
}

export type WebhookBody =
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'text'; text: { content: string; mentioned_list?: string[] } };

/** Group robot markdown; mentions go into the last chunk as `<@userid>`. */
export function encodeWebhookMarkdown(markdown: string, mention: string[] = []): WebhookBody[] {
  const tags = uniq(mention).map((id) => (id === '@all' ? '<@all>' : `<@${id}>`)).join(' ');
  const suffix = tags ? `\n${tags}` : '';
  const chunks = splitByBytes(markdown, LIMITS.webhookMarkdown - utf8Bytes(suffix));
  if (chunks.length === 0) chunks.push('');
  chunks[chunks.length - 1] += suffix;
  return chunks.filter((c) => c.trim() !== '').map((content) => ({ msgtype: 'markdown', markdown: { content } }));
}

/** Group robot text; `mentioned_list` rides on the last chunk. */
export function encodeWebhookText(text: string, mention: string[] = []): WebhookBody[] {
  const chunks = splitByBytes(text, LIMITS.webhookText);
  const ids = uniq(mention);
  return chunks.map((content, i) => ({
    msgtype: 'text',
    text: { content, ...(i === chunks.length - 1 && ids.length ? { mentioned_list: ids } : {}) },
  }));
}

export type AppBody = { msgtype: 'markdown'; markdown: { content: string } } | { msgtype: 'text'; text: { content: string } };

/** App markdown (message/send, appchat/send), split to 2048 bytes. */
export function encodeAppMarkdown(markdown: string): AppBody[] {
  return splitByBytes(markdown, LIMITS.appMarkdown).map((content) => ({ msgtype: 'markdown', markdown: { content } }));
}

/** App text, split to 2048 bytes. */
export function encodeAppText(text: string): AppBody[] {
  return splitByBytes(text, LIMITS.appText).map((content) => ({ msgtype: 'text', text: { content } }));
}

/** The one response_url body an answer gets. */
export function encodeResponseUrlMarkdown(markdown: string): { msgtype: 'markdown'; markdown: { content: string } } {
  return { msgtype: 'markdown', markdown: { content: truncateBytes(markdown, LIMITS.responseUrl) } };
}

/**
 * A stream reply: passive reply (callback mode) or long-connection aibot_respond_msg body.
 * `finish: false` keeps the stream open (WeCom refreshes it), `finish: true` ends it.
 */
export function encodeStreamReply(streamId: string, content: string, finish = true): { msgtype: 'stream'; stream: { id: string; finish: boolean; content: string } } {
  return { msgtype: 'stream', stream: { id: streamId, finish, content: truncateBytes(content, LIMITS.stream) } };
}

function uniq(ids: string[]): string[] {
  return [...new Set(ids.filter(Boolean))];
}
