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

// Slips read from sound and shape data (fuzzy-read.ts), not from a list: one character of an
// action word may differ, by the same pinyin or a near-identical shape. Wordings are our own.
it.each([
  ['3.2 已经半结了', 'mark_done', { task: '3.2' }, [{ wrote: '半结', read: '办结' }]],
  ['民政局有哪些于期的', 'query_overdue', { unit: '区民政局' }, [{ wrote: '于期', read: '逾期' }]],
  ['医保分局愈期的有几项', 'query_overdue', { unit: '医疗保障分局' }, [{ wrote: '愈期', read: '逾期' }]],
  ['2.4 还末完成，在等审批', 'report_progress', { task: '2.4' }, undefined],
  ['己阅', 'ack', {}, [{ wrote: '己阅', read: '已阅' }]],
  ['1.3 能否宽现到下月底', 'request_extension', { task: '1.3', date: '2025-12-31' }, [{ wrote: '宽现', read: '宽限' }]],
  ['汇宗一下本月情况', 'summary', { window: 'this_month' }, [{ wrote: '汇宗', read: '汇总' }]],
])('reads the slip in %s', (text, intent, slots, guesses) => {
  const r = parse(text, CTX);
  expect(r.intent).toBe(intent);
  expect(r.slots).toMatchObject(slots);
  if (guesses) expect(r.guesses).toEqual(guesses);
});

it.each([
  ['2.3 月末完成', 'the end of a month'],
  ['那些任务都报了', '那些 is a word'],
  ['本周到期的', '本 is far more used than 未'],
  ['2.3 下季度末完成', 'the end of a period'],
  ['预期12月底完成', '预期 is a word'],
  ['2.6 已办结', 'written exactly'],
  ['2.3进渡70%', 'the figure decides it anyway'],
])('leaves %s alone (%s)', (text) => {
  expect(parse(text, CTX).guesses).toBeUndefined();
});

// A unit name with one character slipped by sound, where no unit is named exactly.
it.each([
  ['民正局：2.6 进度六成', '区民政局', '民正局'],
  ['位健局还有几项没完成', '区卫生健康局', '位健局'],
])('reads the unit in %s', (text, unit, wrote) => {
  const r = parse(text, CTX);
  expect(r.slots.unit).toBe(unit);
  expect(r.guesses).toContainEqual({ wrote, read: expect.any(String) });
});

it('reads no unit into a count (4个乡镇) or where a unit is named exactly', () => {
  expect(parse('三（二）已完成4个乡镇', CTX).slots.unit).toBeNull();
  expect(parse('民政局：2.6 进度六成', CTX).guesses).toBeUndefined();
});
