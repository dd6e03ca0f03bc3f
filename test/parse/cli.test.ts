// `npx duban parse` output lines: exactly {intent, slots:{task,unit,percent,date,window,reason}},
// canonical unit names from --units, one line per input line.
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/commands/parse/index.ts';
import { REF_NOW } from './load-cases.ts';

const opts = { now: REF_NOW, units: ['区卫生健康局', '医疗保障分局', '区财政局'] };

describe('parseCli', () => {
  it('writes one JSON line per message with exactly the evaluated keys', () => {
    const out = parseCli(['2.3 进度70%', '', '同意延期', '卫健局还有几项没完成？'], opts);
    expect(out).toHaveLength(4);
    for (const line of out) {
      const o = JSON.parse(line);
      expect(Object.keys(o)).toEqual(['intent', 'slots']);
      expect(Object.keys(o.slots)).toEqual(['task', 'unit', 'percent', 'date', 'window', 'reason']);
    }
    expect(JSON.parse(out[0]!)).toEqual({ intent: 'report_progress', slots: { task: '2.3', unit: null, percent: 70, date: null, window: null, reason: null } });
  });

  it('answers with the canonical unit name for an alias', () => {
    const [a, b] = parseCli(['卫健局还有几项没完成？', '医保逾期的有哪些'], opts).map((l) => JSON.parse(l));
    expect(a.slots.unit).toBe('区卫生健康局');
    expect(b).toMatchObject({ intent: 'query_overdue', slots: { unit: '医疗保障分局' } });
  });

  it('leaves an unknown unit out rather than guessing', () => {
    const [o] = parseCli(['区教育局还有几项没完成？'], opts).map((l) => JSON.parse(l));
    expect(o.slots.unit).toBeNull();
  });

  it('strips a Windows line ending', () => {
    expect(parseCli(['2.3 已办结\r'], opts)).toEqual(parseCli(['2.3 已办结'], opts));
  });
});
