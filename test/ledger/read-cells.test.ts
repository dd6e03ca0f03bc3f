// Pure: how ledger cells typed by an office are read back.
import { describe, expect, it } from 'vitest';
import { parseDue, sameDue, splitTargets, splitUnits, unitResolver } from '../../src/ledger/read-cells.ts';
import { unitAliases } from '../../src/tasks/unit-aliases.ts';

describe('deadline cells', () => {
  it.each([
    ['2025年12月31日', { date: '2025-12-31', kind: 'date' }],
    ['2025-12-31', { date: '2025-12-31', kind: 'date' }],
    ['2025/1/5', { date: '2025-01-05', kind: 'date' }],
    ['２０２５年１２月３１日', { date: '2025-12-31', kind: 'date' }],
    ['2025年12月底前', { date: '2025-12-31', kind: 'date' }],
    ['2026年2月', { date: '2026-02-28', kind: 'date' }],
    ['2025年底', { date: '2025-12-31', kind: 'date' }],
    ['持续推进', { date: null, kind: 'ongoing' }],
    ['长期坚持', { date: null, kind: 'ongoing' }],
    ['定期', { date: null, kind: 'recurring' }],
    ['待补充', { date: null, kind: 'unknown' }],
    ['', { date: null, kind: 'unknown' }],
    ['2025年2月30日', null],
    ['明年', null],
    ['2025年13月', null],
  ])('%s', (cell, want) => expect(parseDue(cell)).toEqual(want));

  it('reads a date cell as the calendar day shown', () => {
    expect(parseDue(new Date(Date.UTC(2026, 2, 31)))).toEqual({ date: '2026-03-31', kind: 'date' });
  });

  it('an inferred day and the same stated day are the same deadline; no day is 待补充', () => {
    expect(sameDue({ date: '2025-12-31', kind: 'inferred' }, { date: '2025-12-31', kind: 'date' })).toBe(true);
    expect(sameDue({ date: null, kind: 'inferred' }, { date: null, kind: 'unknown' })).toBe(true);
    expect(sameDue({ date: null, kind: 'ongoing' }, { date: null, kind: 'unknown' })).toBe(false);
  });
});

describe('unit and target cells', () => {
  const units = ['区卫生健康局', '区财政局', '医疗保障分局', '市财政局'].map((name, i) => ({ id: `u${i}`, name, aliases: unitAliases(name) }));
  const resolve = unitResolver(units);

  it('splits on the separators offices use', () => {
    expect(splitUnits('区卫生健康局、区财政局，医保分局 ; 市财政局')).toEqual(['区卫生健康局', '区财政局', '医保分局', '市财政局']);
    expect(splitTargets('目标一\n目标二；目标三\r\n')).toEqual(['目标一', '目标二', '目标三']);
  });

  it('reads full names and aliases, and refuses unknown or ambiguous ones', () => {
    expect(resolve('区卫生健康局')).toMatchObject({ ok: true, id: 'u0' });
    expect(resolve('卫健局')).toMatchObject({ ok: true, id: 'u0' });
    expect(resolve('医保分局')).toMatchObject({ ok: true, id: 'u2' });
    expect(resolve('区财政局')).toMatchObject({ ok: true, id: 'u1' });
    expect(resolve('财政局')).toEqual({ ok: false, reason: 'ambiguousUnit' });
    expect(resolve('不存在局')).toEqual({ ok: false, reason: 'unknownUnit' });
  });
});
