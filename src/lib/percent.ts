/**
 * Whole percentages of `counts` that add up to exactly 100 (largest remainder): a status
 * breakdown of 1/3, 1/3, 1/3 reads 34 %, 33 %, 33 %, never 33 % three times or 102 % in all.
 */
export function wholePercentages(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return counts.map(() => 0);
  const exact = counts.map((n) => (n * 100) / total);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0, left = 100 - out.reduce((a, b) => a + b, 0); k < left; k += 1) out[order[k]!.i]! += 1;
  return out;
}
