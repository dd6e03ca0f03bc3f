/**
 * OutboundMessage → DingTalk bodies, each within the markdown length limit.
 *
 * - sessionWebhook / custom robot webhook: `{ msgtype: 'markdown', markdown: { title, text }, at }`
 *   (https://open.dingtalk.com/document/orgapp/robot-message-types-and-data-format). An @ only
 *   shows when the id is both in `at.atUserIds` / `at.atMobiles` and written as `@id` in the text.
 * - Robot OpenAPI: `msgKey` + `msgParam` as a JSON string: sampleMarkdown {title, text},
 *   sampleText {content}, sampleFile {mediaId, fileName, fileType}
 *   (https://open.dingtalk.com/document/orgapp/types-of-messages-sent-by-robots). These sends
 *   cannot @ anyone: the rendered text already names the people it concerns.
 */
import type { MsgKey } from './types.ts';

/** sampleMarkdown is documented as "最大5000字"; the renderer aims at 4000 bytes; stay under both. */
export const MARKDOWN_MAX_BYTES = 4000;
const TITLE_MAX_CHARS = 20;

export interface SessionBody {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
  at: { atUserIds: string[]; atMobiles?: string[]; isAtAll: false };
}

export interface OpenApiMessage {
  msgKey: MsgKey;
  /** JSON string, as the API requires */
  msgParam: string;
}

/** Splits at line breaks (or inside an over-long line) so every part fits `maxBytes` UTF-8. */
export function splitMarkdown(md: string, maxBytes = MARKDOWN_MAX_BYTES): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of md.split('\n')) {
    for (const piece of hardSplit(line, maxBytes)) {
      const joined = current ? `${current}\n${piece}` : piece;
      if (Buffer.byteLength(joined) <= maxBytes) { current = joined; continue; }
      if (current.trim()) parts.push(current);
      current = piece;
    }
  }
  if (current.trim() || parts.length === 0) parts.push(current);
  return parts;
}

function hardSplit(line: string, maxBytes: number): string[] {
  if (Buffer.byteLength(line) <= maxBytes) return [line];
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (Buffer.byteLength(cur + ch) > maxBytes) { out.push(cur); cur = ''; }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** The notification title: the first non-empty line without markdown marks. */
export function titleOf(md: string): string {
  const first = md.split('\n').map((l) => l.replace(/^[\s#>*\-+]+|[*_`]+/g, '').trim()).find((l) => l) ?? '';
  return [...first].slice(0, TITLE_MAX_CHARS).join('') || '-';
}

const MOBILE = /^1\d{10}$/;

/** Markdown bodies for a session webhook or a custom robot webhook; mentions go on the first part. */
export function encodeWebhookMarkdown(markdown: string, mention: string[] = []): SessionBody[] {
  const atUserIds = mention.filter((m) => !MOBILE.test(m));
  const atMobiles = mention.filter((m) => MOBILE.test(m));
  const tag = mention.map((m) => `@${m}`).join(' ');
  const reserve = tag ? Buffer.byteLength(tag) + 2 : 0;
  return splitMarkdown(markdown, MARKDOWN_MAX_BYTES - reserve).map((part, i) => {
    const withAt = i === 0 && tag ? `${part}\n\n${tag}` : part;
    const at = i === 0 ? { atUserIds, ...(atMobiles.length ? { atMobiles } : {}), isAtAll: false as const } : { atUserIds: [], isAtAll: false as const };
    return { msgtype: 'markdown' as const, markdown: { title: titleOf(markdown), text: withAt }, at };
  });
}

/** OpenAPI sampleMarkdown messages, split to fit. */
export function encodeOpenApiMarkdown(markdown: string): OpenApiMessage[] {
  const title = titleOf(markdown);
  return splitMarkdown(markdown).map((text) => ({ msgKey: 'sampleMarkdown' as const, msgParam: JSON.stringify({ title, text }) }));
}

/** OpenAPI sampleText, for routes that show markdown badly. */
export function encodeOpenApiText(text: string): OpenApiMessage[] {
  return splitMarkdown(text).map((content) => ({ msgKey: 'sampleText' as const, msgParam: JSON.stringify({ content }) }));
}

/** File types sampleFile accepts. */
export const SAMPLE_FILE_TYPES = ['xlsx', 'pdf', 'zip', 'rar', 'doc', 'docx'] as const;

/** OpenAPI sampleFile for an uploaded media id (the ledger export). */
export function encodeOpenApiFile(mediaId: string, fileName: string): OpenApiMessage {
  const fileType = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  return { msgKey: 'sampleFile', msgParam: JSON.stringify({ mediaId, fileName, fileType }) };
}
