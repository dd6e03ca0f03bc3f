// Needs PostgreSQL (test/helpers/db.ts). The 通报 writes every share with one decimal (50.0%
// beside 33.3%, never 50%) and ends each list with 「。」, in the markdown and the .docx alike.
import mammoth from 'mammoth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REF_NOW } from '../helpers/seed.ts';
import { buildBulletin, type Bulletin } from '../../src/ledger/bulletin.ts';
import { percentText } from '../../src/ledger/format.ts';
import { seedRecord } from './seed-record.ts';
import { createStore } from '../../src/store/index.ts';

let t: TestDatabase;
let b: Bulletin;
beforeAll(async () => {
  t = await createTestDatabase('ledger_bulletin_format');
  await seedRecord(t.db);
  b = await buildBulletin(createStore(t.db).ledger, { now: REF_NOW });
});
afterAll(async () => t.drop());

it('writes shares with one decimal', () => {
  expect([percentText(1, 2), percentText(1, 3), percentText(1, 8), percentText(2, 2), percentText(0, 0)]).toEqual(['50.0%', '33.3%', '12.5%', '100.0%', '0.0%']);
});

async function texts(): Promise<[string, string][]> {
  const docx = (await mammoth.extractRawText({ buffer: await b.docx() })).value;
  return [['markdown', b.markdown()], ['docx', docx]];
}

it('uses one percent format throughout the 通报', async () => {
  for (const [, text] of await texts()) {
    const shares = text.match(/\d+(?:\.\d+)?%/g) ?? [];
    expect(shares.length).toBeGreaterThan(3);
    expect(shares.filter((s) => !/^\d+\.\d%$/.test(s))).toEqual([]);
  }
  expect(b.markdown()).toContain('已完成1项（完成率33.3%）');
  expect(b.markdown()).toContain('已完成1项（完成率50.0%）');
});

it('ends the status list and the unit list with 「。」, the items before with 「；」', async () => {
  for (const [, text] of await texts()) {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    const statusItems = lines.filter((l) => /^(?:- )?(?:正常推进|临期|待销号|持续推进|待补充)\d+项，占/.test(l));
    const unitItems = lines.filter((l) => /^(?:- )?第\d+名/.test(l));
    for (const items of [statusItems, unitItems]) {
      expect(items.length).toBeGreaterThan(1);
      expect(items.slice(0, -1).every((l) => l.endsWith('；'))).toBe(true);
      expect(items.at(-1)!.endsWith('。')).toBe(true);
    }
  }
});
