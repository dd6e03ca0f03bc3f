// Pure: the 考评 score from the record, with configurable weights.
import { describe, expect, it } from 'vitest';
import { assessUnits } from '../../src/ledger/assessment.ts';

const at = (s: string) => new Date(`${s}T10:00:00+08:00`);
const unit = (id: string) => ({ id, name: id });
type Report = { kind: string; unitId: string | null; note: null; originalText: string; percent: null; createdAt: Date };
const r = (kind: string, unitId: string | null, day: string): Report => ({ kind, unitId, note: null, originalText: kind, percent: null, createdAt: at(day) });

function task(o: { units: string[]; due: string | null; state: 'open' | 'claimed_done' | 'done'; status: 'done' | 'overdue' | 'on_track' | 'review'; reports?: Report[] }) {
  return { leads: [unit(o.units[0]!)], others: o.units.slice(1).map(unit), due: o.due, state: o.state, status: o.status, reports: o.reports ?? [], doneAt: null };
}

describe('assessment', () => {
  const tasks = [
    task({ units: ['A', 'B'], due: '2025-10-31', state: 'done', status: 'done', reports: [r('done_claim', 'A', '2025-10-30'), r('done_confirmed', null, '2025-11-02')] }),
    task({ units: ['A'], due: '2025-10-31', state: 'done', status: 'done', reports: [r('done_claim', 'A', '2025-11-03'), r('done_confirmed', null, '2025-11-04')] }),
    task({ units: ['B'], due: '2025-10-31', state: 'open', status: 'overdue' }),
    task({ units: ['A', 'B'], due: '2025-12-31', state: 'open', status: 'on_track', reports: [r('done_claim', 'B', '2025-11-10'), r('returned', null, '2025-11-11')] }),
  ];

  it('+1 on time, −1 late (claimed after the day or still overdue), −2 per returned claim to the claimant', () => {
    const s = assessUnits(tasks);
    expect(s.get('A')).toEqual({ onTime: 1, late: 1, returned: 0, lateSign: 0, score: 0 });
    expect(s.get('B')).toEqual({ onTime: 1, late: 1, returned: 1, lateSign: 0, score: -2 });
  });

  it('uses the weights an office configures', () => {
    const s = assessUnits(tasks, { onTimeDone: 2, lateReport: -3, returned: -1 });
    expect(s.get('A')!.score).toBe(2 - 3);
    expect(s.get('B')!.score).toBe(2 - 3 - 1);
  });

  it('领办逾期 is its own item: a unit that signed late or not at all past the period loses lateSign points', () => {
    const sign = (id: string, late: boolean) => ({ unit: unit(id), signedAt: null, signBy: '2025-10-09', late, lateWorkdays: late ? 2 : 0 });
    const signed = [{ ...task({ units: ['A', 'B'], due: '2025-12-31', state: 'open', status: 'on_track' }), signing: [sign('A', true), sign('B', false)] }];
    const s = assessUnits(signed, { onTimeDone: 1, lateReport: -1, returned: -2, lateSign: -1 });
    expect([s.get('A')!.lateSign, s.get('A')!.score, s.get('B')!.lateSign, s.get('B')!.score]).toEqual([1, -1, 0, 0]);
    expect(assessUnits(signed).get('A')!.score).toBe(-0.5); // default weight
  });
});
