// Properties of the parser on any input: it never throws, answers within the schema, stays
// fast on long strings, and ignores how the bot was addressed (@督办助手 at the start or end).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, ParseResult } from '../../src/commands/parse/index.ts';
import { CTX, loadCases } from './load-cases.ts';

const TOKENS = [
  '2.3', '二（三）', '三.(一)', '３．１', '第4项', '急救能力那项', '卫健局', '医保分局', '区财政局', '逾期', '超期', '到期', '延期到',
  '申请延期', '原因是', '已完成', '已办结', '进度', '70%', '七成', '百分之六十', '一半', '月底前', '下周二', '明年3月底', '12.20',
  '5个工作日内', '春节后', '国庆前', '收到', '好的', '吗', '？', '，', '。', ' ', '@督办助手', '＠督办助手', '@陈科', '[强]', '👍', '😭',
  '「督办助手：', '」', ' - - - - - - - - - - - - - - - ', '汇总', '本群绑定', '帮助', '怎么', '哪些', '本周', '超过30天', '退回',
  '同意', '设置', '为', '联络员', '暂停', '提醒', '1', '第二个', '\n', '\t', '\u200b', '𠀀', 'é', '(', ')', '（', '）', '-', '.', '..',
];
const chatLike = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), chatLike);

describe('parser properties', () => {
  it('never throws and always answers within the schema', () => {
    fc.assert(fc.property(anyText, (text) => {
      const r = parse(text, CTX);
      expect(ParseResult.safeParse(r).success).toBe(true);
    }), { numRuns: 3000 });
  });

  it('answers any string up to 10,000 characters fast', () => {
    let worst = 0;
    fc.assert(fc.property(fc.oneof(
      fc.string({ unit: 'binary', minLength: 5000, maxLength: 10_000 }),
      fc.array(fc.constantFrom(...TOKENS), { minLength: 1000, maxLength: 2500 }).map((t) => t.join('').slice(0, 10_000)),
      fc.constantFrom('2.3'.repeat(3333), '逾期'.repeat(5000), '1.'.repeat(5000), '「'.repeat(10_000), '- '.repeat(5000), '七成'.repeat(5000)),
    ), (text) => {
      const t0 = performance.now();
      const r = parse(text, CTX);
      worst = Math.max(worst, performance.now() - t0);
      expect(ParseResult.safeParse(r).success).toBe(true);
    }), { numRuns: 60 });
    // a guard against catastrophic backtracking (seconds), with room for a GC pause on a loaded machine
    expect(worst).toBeLessThan(500);
  });

  const cases = loadCases().filter((c) => !c.text.includes('@') && !c.text.includes('＠') && !c.text.startsWith('「'));
  it('gives the same answer whether or not the message mentions the bot', () => {
    fc.assert(fc.property(fc.constantFrom(...cases), fc.constantFrom('@督办助手 ', '＠督办助手 ', '  '), fc.boolean(), (c, mention, atEnd) => {
      const text = atEnd ? `${c.text} ${mention.trim()}` : `${mention}${c.text}`;
      expect(parse(text, CTX)).toEqual(parse(c.text, CTX));
    }), { numRuns: 400 });
  });

  it('understands full-width digits and punctuation like half-width ones', () => {
    const wide = (s: string) => s.replace(/[0-9.%:,()?!]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    fc.assert(fc.property(fc.constantFrom(...cases.filter((c) => /[0-9]/.test(c.text) && !/[a-z]/i.test(c.text))), (c) => {
      const a = parse(c.text, CTX);
      const b = parse(wide(c.text), CTX);
      expect({ ...b.slots, task: null, reason: null, intent: b.intent }).toEqual({ ...a.slots, task: null, reason: null, intent: a.intent });
    }), { numRuns: 300 });
  });
});
