/** OutboundMessage → DingTalk bodies within the length limit. */
import { describe, expect, it } from 'vitest';
import { encodeOpenApiFile, encodeOpenApiMarkdown, encodeWebhookMarkdown, MARKDOWN_MAX_BYTES, splitMarkdown, titleOf } from '../../../src/channels/dingtalk/encode.ts';

const longList = Array.from({ length: 300 }, (_, i) => `${i + 1}. 第${i + 1}项 县卫健局 急救能力提升 逾期3个工作日`).join('\n');

describe('encode', () => {
  it('splits long markdown at line breaks, every part within the byte limit, nothing lost', () => {
    const parts = splitMarkdown(longList);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    expect(parts.join('\n')).toBe(longList);
  });

  it('hard-splits one over-long line without breaking characters', () => {
    const line = '督'.repeat(3000);
    const parts = splitMarkdown(line, 1000);
    expect(parts.join('')).toBe(line);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(1000);
  });

  it('titles come from the first line without markdown marks', () => {
    expect(titleOf('### **逾期事项** 共3项\n1. x')).toBe('逾期事项 共3项');
    expect([...titleOf('很长'.repeat(30))].length).toBe(20);
  });

  it('webhook markdown writes each @ in the text and in at.atUserIds / atMobiles, on the first part only', () => {
    const bodies = encodeWebhookMarkdown(longList, ['staff-9', '13800138000']);
    expect(bodies[0]!.at).toEqual({ atUserIds: ['staff-9'], atMobiles: ['13800138000'], isAtAll: false });
    expect(bodies[0]!.markdown.text).toContain('@staff-9 @13800138000');
    expect(bodies[1]!.at.atUserIds).toEqual([]);
    for (const b of bodies) expect(Buffer.byteLength(b.markdown.text)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
  });

  it('OpenAPI messages carry msgParam as a JSON string', () => {
    const [m] = encodeOpenApiMarkdown('**提醒**\n请于2025年10月31日前报送');
    expect(m!.msgKey).toBe('sampleMarkdown');
    expect(JSON.parse(m!.msgParam)).toEqual({ title: '提醒', text: '**提醒**\n请于2025年10月31日前报送' });
    expect(JSON.parse(encodeOpenApiFile('@m1', '督办台账.xlsx').msgParam)).toEqual({ mediaId: '@m1', fileName: '督办台账.xlsx', fileType: 'xlsx' });
  });
});
