// Homophone slips of pinyin input in the words the bot acts on are read as meant, while the
// reason keeps the words as written. Today is 2025-11-20.
import { expect, it } from 'vitest';
import { parse } from '../../src/commands/parse/index.ts';
import { CTX } from './load-cases.ts';

it.each([
  ['哪些逾其了', 'query_overdue', {}],
  ['2.3进渡70%', 'report_progress', { task: '2.3', percent: 70 }],
  ['2.3已办洁', 'mark_done', { task: '2.3' }],
  ['2.3申请延其到3月底，原因是设备未到', 'request_extension', { task: '2.3', date: '2026-03-31', reason: '设备未到' }],
])('%s', (text, intent, slots) => {
  const r = parse(text, CTX);
  expect(r.intent).toBe(intent);
  expect(r.slots).toMatchObject(slots);
});

it('leaves 其 alone where it is not a slip', () => {
  expect(parse('2.3 其他工作已完成70%', CTX).slots.percent).toBe(70);
  expect(parse('2.3 延其一个月', CTX).intent).toBe('request_extension');
});
