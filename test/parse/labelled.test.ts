// The parser against the labelled chat messages in test/fixtures/chat/ (our own set, written
// from the labelling rules; the real evaluation uses unseen messages).
import { describe, expect, it } from 'vitest';
import { parse, ParseResult } from '../../src/commands/parse/index.ts';
import { CTX, loadCases } from './load-cases.ts';

const cases = loadCases();

describe('labelled chat messages', () => {
  it('form a broad set in the evaluation record format', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const c of cases) {
      expect(Object.keys(c.slots).sort()).toEqual(['date', 'percent', 'reason', 'task', 'unit', 'window']);
      expect(c.text).not.toMatch(/\n/);
    }
    expect(new Set(cases.map((c) => c.intent)).size).toBe(13);
  });

  it.each(cases.map((c) => [c.file, c.text, c]))('%s: %s', (_file, text, c) => {
    const got = parse(text as string, CTX);
    expect(ParseResult.parse(got)).toBeTruthy();
    expect({ intent: got.intent, slots: got.slots }).toEqual({ intent: (c as typeof cases[0]).intent, slots: (c as typeof cases[0]).slots });
  });
});
