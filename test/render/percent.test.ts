// Status breakdowns in chat show whole percentages that add up to 100.
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { wholePercentages } from '../../src/lib/percent.ts';

it('splits thirds as 34/33/33 and keeps exact shares exact', () => {
  expect(wholePercentages([1, 1, 1])).toEqual([34, 33, 33]);
  expect(wholePercentages([1, 3])).toEqual([25, 75]);
  expect(wholePercentages([0, 0])).toEqual([0, 0]);
});

it('always adds up to 100 and stays within one point of the exact share', () => {
  fc.assert(fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }).filter((a) => a.some((n) => n > 0)), (counts) => {
    const p = wholePercentages(counts);
    const total = counts.reduce((a, b) => a + b, 0);
    expect(p.reduce((a, b) => a + b, 0)).toBe(100);
    counts.forEach((n, i) => expect(Math.abs(p[i]! - (n * 100) / total)).toBeLessThan(1));
  }));
});
