/** Byte limits and splitting of WeCom bodies, with property tests over arbitrary text. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeResponseUrlMarkdown, encodeStreamReply, encodeWebhookMarkdown, encodeWebhookText, splitByBytes, truncateBytes } from '../../../src/channels/wecom/encode.ts';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('splitByBytes', () => {
  it('never exceeds the limit, never loses or reorders a character, and cuts lines only when one is too long', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 120 }), { maxLength: 60 }), fc.integer({ min: 8, max: 300 }), (lines, max) => {
      const text = lines.join('\n');
      const parts = splitByBytes(text, max);
      for (const p of parts) expect(bytes(p)).toBeLessThanOrEqual(max);
      const strip = (s: string) => s.replace(/\s/g, '');
      expect(strip(parts.join(''))).toBe(strip(text));
    }), { numRuns: 300 });
  });

  it('keeps whole lines together when they fit', () => {
    expect(splitByBytes('一二三\n四五六\n七八九', 20)).toEqual(['一二三\n四五六', '七八九']);
  });

  it('cuts an over-long line between code points, never inside a character', () => {
    const parts = splitByBytes('急'.repeat(10), 7);
    expect(parts).toEqual(['急急', '急急', '急急', '急急', '急急']);
  });
});

describe('webhook bodies', () => {
  it('text keeps mentioned_list on the last chunk only, each chunk ≤ 2048 bytes', () => {
    const bodies = encodeWebhookText('提醒：请按时报送\n'.repeat(300), ['lisi', 'lisi', '@all']);
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) expect(b.msgtype === 'text' && bytes(b.text.content)).toBeLessThanOrEqual(2048);
    expect(bodies.map((b) => (b.msgtype === 'text' ? b.text.mentioned_list : null))).toEqual([...Array(bodies.length - 1).fill(undefined), ['lisi', '@all']]);
  });

  it('markdown carries mentions as <@userid> within the 4096-byte limit', () => {
    const bodies = encodeWebhookMarkdown('x'.repeat(4096), ['u1']);
    for (const b of bodies) expect(b.msgtype === 'markdown' && bytes(b.markdown.content)).toBeLessThanOrEqual(4096);
    expect(bodies.at(-1)).toMatchObject({ markdown: { content: expect.stringMatching(/\n<@u1>$/) } });
  });
});

describe('one-shot bodies', () => {
  it('response_url and stream content are cut at 20 480 bytes with an ellipsis', () => {
    const long = '第1项 已完成\n'.repeat(2000);
    const c = encodeResponseUrlMarkdown(long).markdown.content;
    expect(bytes(c)).toBeLessThanOrEqual(20480);
    expect(c.endsWith('\n…')).toBe(true);
    expect(encodeStreamReply('s', long).stream).toMatchObject({ id: 's', finish: true });
    expect(bytes(encodeStreamReply('s', long).stream.content)).toBeLessThanOrEqual(20480);
    expect(truncateBytes('短', 10)).toBe('短');
  });
});
