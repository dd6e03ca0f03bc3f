// Retries back off exponentially from 2 s but never sooner than the platform asked.
import { describe, expect, it } from 'vitest';
import { platformBackoff } from '../../src/queue/queues.ts';

describe('platformBackoff', () => {
  it('doubles from 2 s', () => {
    expect([1, 2, 3, 4].map((n) => platformBackoff(n))).toEqual([2000, 4000, 8000, 16000]);
  });
  it('waits as long as a rate limit asks (DingTalk 130101: 10 minutes; WeCom 45009: a minute)', () => {
    expect(platformBackoff(1, 'platform', Object.assign(new Error('130101'), { retryAfterMs: 600_000 }))).toBe(600_000);
    expect(platformBackoff(2, 'platform', Object.assign(new Error('x'), { result: { retryAfterMs: 60_000 } }))).toBe(60_000);
    expect(platformBackoff(8, 'platform', Object.assign(new Error('x'), { retryAfterMs: 1000 }))).toBe(256_000);
  });
});
