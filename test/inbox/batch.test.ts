// Pure: the inbox's group commit fails only the rows PostgreSQL refuses, never their neighbours.
import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/inbox/batch.ts';
import { isRowError } from '../../src/store/messages.ts';
import { storable } from '../../src/inbox/storable.ts';

/** A fake insert that refuses, like PostgreSQL, any statement containing a "bad" row. */
function fakeInsert(code: string) {
  const statements: string[][] = [];
  const run = async (items: string[]) => {
    statements.push(items);
    if (items.some((i) => i.startsWith('bad'))) throw Object.assign(new Error('refused'), { code });
    return items.map((i) => `stored:${i}`);
  };
  return { run, statements };
}

describe('batched inserts', () => {
  it('store each valid row beside a refused one, retrying the batch row by row', async () => {
    const db = fakeInsert('22021'); // character_not_in_repertoire: a NUL in a text column
    const insert = createBatcher(db.run, { isRowError });
    const results = await Promise.allSettled(['a', 'b', 'bad', 'c'].map(insert));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'stored:a' });
    expect(db.statements).toEqual([['a', 'b', 'bad', 'c'], ['a'], ['b'], ['bad'], ['c']]);
  });

  it('fail every row together when PostgreSQL is unreachable, without a retry storm', async () => {
    const insert = createBatcher(async (): Promise<string[]> => { throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }); }, { isRowError });
    const results = await Promise.allSettled(['a', 'b'].map(insert));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(isRowError(Object.assign(new Error(), { code: '57P01' }))).toBe(false); // admin shutdown
    expect(isRowError(Object.assign(new Error(), { code: '22P05' }))).toBe(true); // jsonb: unsupported unicode escape
  });
});

describe('storable', () => {
  it('removes U+0000 and replaces lone surrogates in every string, keys included, and keeps the rest', () => {
    const lone = String.fromCharCode(0xd800);
    const msg = { text: `2.3\u0000进度70%${lone}`, replyTo: { kind: 'x', extra: { [`k\u0000`]: ['a\u0000', 1, null, true], pair: '😀' } }, sentAt: 5, quote: null };
    expect(storable(msg)).toEqual({ text: '2.3进度70%\uFFFD', replyTo: { kind: 'x', extra: { k: ['a', 1, null, true], pair: '😀' } }, sentAt: 5, quote: null });
  });
});
