// An admin's corrections are read by rule (field word + 改为/调整为/变更为 + value), not as phrases.
import { describe, expect, it } from 'vitest';
import { readCorrection } from '../../src/commands/parse/correction.ts';
import { readDue, readUnitList } from '../../src/commands/correction-values.ts';

describe('correction grammar', () => {
  it.each([
    ['3.2 牵头单位改为市场监管局，配合单位 区财政局', '3.2', [['lead', '市场监管局'], ['assist', '区财政局']]],
    ['把二（三）的责任单位调整为区财政局、区委编办', '二(三)', [['units', '区财政局、区委编办']]],
    ['将4.2完成时限变更为2027年3月31日。', '4.2', [['due', '2027年3月31日']]],
    ['4.2 截止时间更正为6月底', '4.2', [['due', '6月底']]],
    ['3.2 标题改为推进智慧医院建设', '3.2', [['title', '推进智慧医院建设']]],
    ['第5项配合单位修改为区商务局；完成时间：9月30日', '5', [['assist', '区商务局'], ['due', '9月30日']]],
  ])('%s', (text, task, edits) => {
    const c = readCorrection(text);
    expect(c).toEqual({ kind: 'edit', task, edits: edits.map(([field, value]) => ({ field, value })) });
  });
  it('reads 删除 / 恢复 and page turns', () => {
    expect(readCorrection('删除 4.1')).toEqual({ kind: 'remove', task: '4.1', restore: false });
    expect(readCorrection('把4.1删除')).toEqual({ kind: 'remove', task: '4.1', restore: false });
    expect(readCorrection('恢复4.1')).toEqual({ kind: 'remove', task: '4.1', restore: true });
    expect(readCorrection('下一页')).toEqual({ kind: 'page', step: 1 });
    expect(readCorrection('上一页')).toEqual({ kind: 'page', step: -1 });
    expect(readCorrection('第2页')).toMatchObject({ kind: 'page', page: 2 });
  });
  it.each(['2.1进度50%', '恢复提醒', '恢复方案《医改》', '2.3 牵头单位已完成初稿', '二（一）已办结', '删除'])('is not a correction: %s', (text) => {
    expect(readCorrection(text)).toBeNull();
  });
});

describe('correction values', () => {
  const dir = [
    { id: 'a', name: '区市场监督管理局', aliases: ['区市场监管局', '市场监管局'] },
    { id: 'b', name: '区财政局', aliases: ['财政局'] },
    { id: 'c', name: '区委编办', aliases: ['编办'] },
  ];
  it('finds units by name or alias and asks about the unknown', () => {
    expect(readUnitList('市场监管局、区财政局', dir)).toEqual({ ok: true, units: [{ id: 'a', name: '区市场监督管理局', written: '市场监管局' }, { id: 'b', name: '区财政局', written: '区财政局' }] });
    expect(readUnitList('区财政局和区食药安办', dir)).toMatchObject({ ok: false, unknown: ['区食药安办'] });
  });
  it('takes the plan year as the importer would and refuses days that do not exist', () => {
    expect(readDue('6月30日', { title: '高新区2027年食品安全重点工作任务', issuedAt: null }, null, '2026-12-07')).toMatchObject({ ok: true, date: '2027-06-30' });
    expect(readDue('6月30日', { title: '某方案', issuedAt: new Date('2026-03-01') }, null, '2026-12-07')).toMatchObject({ ok: true, date: '2026-06-30' });
    expect(readDue('2月30日', { title: '2027年要点', issuedAt: null }, null, '2026-12-07')).toMatchObject({ ok: false, bad: { month: 2, day: 30 } });
    expect(readDue('尽快', { title: '2027年要点', issuedAt: null }, null, '2026-12-07')).toEqual({ ok: false, bad: null });
  });
});
