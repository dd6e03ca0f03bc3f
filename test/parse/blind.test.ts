// The blind batches (test/fixtures/chat/blind/, written by people who never saw the parser) are
// seen now, so they no longer measure generalisation; they guard against losing what was reached.
// First run: holdout8 87.9 % intents / 89.4 % slots, holdout9 84.3 % / 80.2 %. After issue 16:
// holdout8 100 % / 99.2 %, holdout9 100 % / 94.8 %. Later batches, first run → after the rules they
// prompted: holdout10 96.3/97.0, holdout11 97.5/92.5 (kept as they were), holdout12 94.2/96.7 →
// 99.2/99.2, holdout13 92.7/92.7 → 99.1/96.4, holdout14 98.2/94.5 → 99.1/96.4, holdout15 93.6/89.1 →
// 95.5/90.9 → 99.1/97.3, holdout16 97.3/95.5 → 99.1/98.2, holdout17 82.7/84.5 → 97.3/98.2, holdout18
// 98.2/95.5 → 100/100, holdout19 88.2/89.1 → 98.2/99.1, holdout20 100/100 (first run), holdout21
// 91.8/91.8 → 99.1/98.2, holdout22 98.2/99.1 → 100/100, holdout23 94.5/95.5 → 100/100, holdout24
// 99.1/100 → 100/100, holdout25 93.6/97.3 → 99.1/100, holdout26 97.3/98.2 → 100/99.1, holdout27
// 97.3/95.5 → 100/100. Each floor is the figure reached minus two points.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse } from '../../src/commands/parse/index.ts';
import { CTX, FIXTURES } from './load-cases.ts';

function score(file: string): { intents: number; slots: number } {
  const rows = readFileSync(path.join(FIXTURES, 'blind', file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  let intents = 0;
  let slots = 0;
  for (const r of rows) {
    const got = parse(r.text, CTX);
    if (got.intent === r.intent) intents += 1;
    if (Object.keys(r.slots).every((k) => r.slots[k] === (got.slots as Record<string, unknown>)[k])) slots += 1;
  }
  return { intents: intents / rows.length, slots: slots / rows.length };
}

it.each([
  ['holdout8.jsonl', 0.98, 0.97],
  ['holdout9.jsonl', 0.98, 0.93],
  ['holdout10.jsonl', 0.94, 0.95],
  ['holdout11.jsonl', 0.96, 0.9],
  ['holdout12.jsonl', 0.97, 0.97],
  ['holdout13.jsonl', 0.98, 0.95],
  ['holdout14.jsonl', 0.97, 0.94],
  ['holdout15.jsonl', 0.98, 0.97],
  ['holdout16.jsonl', 0.97, 0.96],
  ['holdout17.jsonl', 0.95, 0.96],
  ['holdout18.jsonl', 0.98, 0.98],
  ['holdout19.jsonl', 0.96, 0.97],
  ['holdout20.jsonl', 0.98, 0.98],
  ['holdout21.jsonl', 0.97, 0.96],
  ['holdout22.jsonl', 0.98, 0.98],
  ['holdout23.jsonl', 0.98, 0.98],
  ['holdout24.jsonl', 0.98, 0.98],
  ['holdout25.jsonl', 0.97, 0.98],
  ['holdout26.jsonl', 0.98, 0.97],
  ['holdout27.jsonl', 0.98, 0.98],
])('%s stays at intents ≥ %s and all six slots ≥ %s', (file, intents, slots) => {
  const s = score(file);
  expect(s.intents).toBeGreaterThanOrEqual(intents);
  expect(s.slots).toBeGreaterThanOrEqual(slots);
});
