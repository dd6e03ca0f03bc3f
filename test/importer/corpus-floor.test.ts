// The blind corpus of issue 15 (test/importer/corpus/{a,b,c,d}, then the later batches e to t)
// as a floor: the figures the importer reached on each batch, less a small margin, so that a
// later change cannot lower them unnoticed. The corpus is seen material now: raising these
// figures takes rules of the language with their own tests (blind-grammar.test.ts), never
// wording copied from a corpus document. Figures of record: README, "Figures".
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addTotals, emptyTotals, rates, scoreFolder } from './corpus-score.ts';

const CORPUS = path.resolve(__dirname, 'corpus');
type Rates = { recall: number; precision: number; units: number; deadlines: number };

/** Each batch: its folders, its number of gold tasks, and the floor below which its figures must not fall. */
const BATCHES: { name: string; folders: string[]; gold: number; floor: Rates }[] = [
  // reached at the end of issue 15 (0.86 / 0.94 / 0.85 / 0.72); after the rules of the kinds
  // batches a–f missed (w-import) 0.97 / 1.00 / 0.97 / 1.00, less 0.03
  { name: 'a–d (the first 40 documents)', folders: ['a', 'b', 'c', 'd'], gold: 161, floor: { recall: 0.94, precision: 0.97, units: 0.94, deadlines: 0.97 } },
  // 12 documents: first run 0.57 / 0.66 / 0.33 / 0.25; after its fixes 0.78 / 0.79 / 0.78 / 0.75;
  // after the rules of the kinds batches a–f missed (w-import) 1.00 / 0.98 / 1.00 / 1.00, less 0.03
  // (deadlines, 4 tasks with dates: less one task)
  { name: 'e', folders: ['e'], gold: 54, floor: { recall: 0.97, precision: 0.95, units: 0.97, deadlines: 0.75 } },
  // 12 documents: first run 0.75 / 0.88 / 0.50 / 0.75; after its rules 0.90 / 0.90 / 0.90 / 1.00;
  // after the rules of the kinds batches a–f missed (w-import) 1.00 / 1.00 / 1.00 / 1.00, less one task
  { name: 'f', folders: ['f'], gold: 22, floor: { recall: 0.95, precision: 0.95, units: 0.95, deadlines: 0.75 } },
  // 14 documents: first run 0.71 / 0.80 / 0.67 / 0.25; unchanged by the rules made from a–f; less 0.03
  // (deadlines, 8 tasks with dates: less one task)
  // after the rules of the kinds g and h missed (w-import2) 0.71 / 0.86 / 0.69 / 0.50, less 0.03
  // (deadlines, 8 tasks with dates: less one task)
  { name: 'g', folders: ['g'], gold: 45, floor: { recall: 0.68, precision: 0.83, units: 0.66, deadlines: 0.37 } },
  // 14 documents: first run 0.84 / 0.84 / 0.70 / 0.00 (2 tasks with dates); after the rules of the
  // kinds g and h missed (w-import2) 0.96 / 0.90 / 0.96 / 0.50, less 0.03 (deadlines: less one task)
  { name: 'h', folders: ['h'], gold: 57, floor: { recall: 0.93, precision: 0.87, units: 0.93, deadlines: 0 } },
  // 10 short documents, no dated deadline: first run 0.94 / 0.56 / 0.94; after the later rules 1.00 / 0.94 / 1.00, less one task
  { name: 'i', folders: ['i'], gold: 16, floor: { recall: 0.93, precision: 0.88, units: 0.93, deadlines: 0 } },
  // 7 documents: first run 0.78 / 1.00 / 0.39 / 0.20; after the rules of j, k, l, m and n 1.00 / 1.00 / 0.91 / 1.00,
  // less 0.03 (deadlines, 5 tasks with dates: less one task)
  { name: 'j', folders: ['j'], gold: 23, floor: { recall: 0.97, precision: 0.97, units: 0.88, deadlines: 0.8 } },
  // 11 documents: first run 0.96 / 0.92 / 0.92 / 0.83; after the later rules 1.00 / 0.96 / 0.96 / 1.00, less 0.03
  // (deadlines, 6 tasks with dates: less one task)
  { name: 'k', folders: ['k'], gold: 25, floor: { recall: 0.97, precision: 0.93, units: 0.93, deadlines: 0.83 } },
  // 12 documents: first run 0.52 / 0.79 / 0.45 / 0.00; after its rules 0.98 / 1.00 / 0.90 / 0.82, less 0.03
  { name: 'l', folders: ['l'], gold: 42, floor: { recall: 0.95, precision: 0.97, units: 0.87, deadlines: 0.79 } },
  // 12 documents: first run 0.42 / 0.89 / 0.39 / 0.40; after its rules 0.82 / 0.94 / 0.79 / 0.60, less 0.03
  // (deadlines, 10 tasks with dates: less one task)
  { name: 'm', folders: ['m'], gold: 38, floor: { recall: 0.79, precision: 0.91, units: 0.76, deadlines: 0.5 } },
  // 12 documents: first run 0.69 / 0.85 / 0.50 / 0.50; after its rules 0.88 / 0.93 / 0.88 / 0.50, less one task
  // (deadlines, 2 tasks with dates: less one task)
  { name: 'n', folders: ['n'], gold: 16, floor: { recall: 0.81, precision: 0.86, units: 0.81, deadlines: 0 } },
  // 12 documents: first run 0.95 / 0.83 / 0.80 / 1.00 (1 task with dates); after its rules 0.95 / 0.83 / 0.95 / 1.00, less one task
  { name: 'o', folders: ['o'], gold: 20, floor: { recall: 0.9, precision: 0.79, units: 0.9, deadlines: 0 } },
  // 9 documents: first run 0.68 / 0.85 / 0.44 / 0.30; after its rules 0.82 / 0.88 / 0.76 / 0.70, less 0.03
  // (deadlines, 10 tasks with dates: less one task)
  { name: 'p', folders: ['p'], gold: 34, floor: { recall: 0.79, precision: 0.85, units: 0.73, deadlines: 0.6 } },
  // 10 documents: first run 0.73 / 0.81 / 0.68 / 0.14; after its rules 0.78 / 0.94 / 0.73 / 0.14, less 0.03
  // (deadlines, 7 tasks with dates: less one task)
  // after the rules of a "|" header with columns of no known word (2026-12-07, seventh session) 0.88 / 0.92 / 0.73 / 0.57, less one task
  { name: 'q', folders: ['q'], gold: 41, floor: { recall: 0.85, precision: 0.89, units: 0.7, deadlines: 0.42 } },
  // 10 documents: first run 0.42 / 0.95 / 0.38 / 0.00; after its rules 0.98 / 0.98 / 0.98, less 0.03
  { name: 'r', folders: ['r'], gold: 50, floor: { recall: 0.95, precision: 0.95, units: 0.95, deadlines: 0 } },
  // 3 + 5 documents, the last the pages corpus gave: first run together 0.95 / 0.90 / 0.95 / 0.55, less one task
  { name: 's and t', folders: ['s', 't'], gold: 20, floor: { recall: 0.9, precision: 0.85, units: 0.9, deadlines: 0.45 } },
  // first run at 965b593: u 0.45 / 0.91 / 0.43 / 1.00 (a bare list with ①② sentences, a table with its header cut off),
  // v 0.85 / 0.97 / 0.67 / 0.50 (a 分工 table whose cells ran together in each row, brackets cut in their unit list)
  { name: 'u', folders: ['u'], gold: 47, floor: { recall: 0.97, precision: 0.97, units: 0.97, deadlines: 0.9 } },
  { name: 'v', folders: ['v'], gold: 33, floor: { recall: 0.88, precision: 0.97, units: 0.88, deadlines: 0.65 } },
  // first run at 5e8055b: w 0.86 / 1.00 / 0.86 / 0.00 (a sharing site's chunks, 工作安排, 明年 in a December notice),
  // x 0.65 / 0.22 / 0.35 / 0.50 (inspection problem lists, names apart by spaces in a cell)
  { name: 'w', folders: ['w'], gold: 22, floor: { recall: 0.97, precision: 0.97, units: 0.97, deadlines: 0.75 } },
  { name: 'x', folders: ['x'], gold: 23, floor: { recall: 0.8, precision: 0.33, units: 0.6, deadlines: 0.45 } },
  // first run at d017a97: y 0.84 / 0.97 / 0.68 / 0.67 (a table run together from row 21, 主办/承办 fields),
  // z 0.56 / 1.00 / 0.52 / 1.00 (goal items with their units under 主要目标, 3.万元…)
  { name: 'y', folders: ['y'], gold: 37, floor: { recall: 0.94, precision: 0.94, units: 0.86, deadlines: 0.6 } },
  { name: 'z', folders: ['z'], gold: 27, floor: { recall: 0.93, precision: 0.97, units: 0.93, deadlines: 0.9 } },
  // first run at c27a652: aa 0.68 / 0.95 / 0.61 / — (an excerpt opening at item 15, "三)" markers), ab 0.96 / 0.84 /
  // 0.93 / 0.80 (a label without its colon, "第一责任单位为牵头单位"); aa's 华容 names persons, which are never units
  { name: 'aa', folders: ['aa'], gold: 28, floor: { recall: 0.96, precision: 0.96, units: 0.89, deadlines: 0 } },
  { name: 'ab', folders: ['ab'], gold: 28, floor: { recall: 0.96, precision: 0.8, units: 0.96, deadlines: 0.9 } },
  // first run at 1d694aa: ac 0.79 / 1.00 / 0.79 / — (items of an excerpt with long first sentences), ad 0.75 / 0.75 /
  // 0.75 / 0.00 (4 tasks; not fixed)
  { name: 'ac', folders: ['ac'], gold: 14, floor: { recall: 0.92, precision: 0.92, units: 0.92, deadlines: 0 } },
  { name: 'ad', folders: ['ad'], gold: 4, floor: { recall: 0.75, precision: 0.75, units: 0.75, deadlines: 0 } },
  // first run at 175f79d: ae 0.85 / 1.00 / 0.77 / 1.00 ("2.50个小区" read as a decimal, a unit marker lost to GBK bytes
  // read one byte off); less one task
  { name: 'ae', folders: ['ae'], gold: 13, floor: { recall: 0.92, precision: 0.92, units: 0.84, deadlines: 0.9 } },
  // 8 documents: first run 0.88 / 0.97 / 0.88 / 1.00 (2 tasks with dates); after its rules 1.00 / 0.97 / 1.00 / 1.00, less one task
  { name: 'af', folders: ['af'], gold: 34, floor: { recall: 0.97, precision: 0.94, units: 0.97, deadlines: 0.5 } },
  // 8 documents: first run 0.88 / 0.93 / 0.75 / 0.50 (4 tasks with dates); after its rules 1.00 / 0.94 / 1.00 / 1.00, less one task
  { name: 'ag', folders: ['ag'], gold: 16, floor: { recall: 0.93, precision: 0.88, units: 0.93, deadlines: 0.75 } },
  // 8 documents: first run 0.67 / 0.65 / 0.67 / 0.00 (1 task with dates); after its rules 0.94 / 1.00 / 0.94 / 1.00, less one task
  { name: 'ah', folders: ['ah'], gold: 33, floor: { recall: 0.91, precision: 0.96, units: 0.91, deadlines: 0 } },
  // 8 documents: first run 0.28 / 0.76 / 0.26 / 0.00 (6 tasks with dates); after its rules 0.78 / 1.00 / 0.76 / 0.83, less one task
  { name: 'ai', folders: ['ai'], gold: 46, floor: { recall: 0.76, precision: 0.97, units: 0.72, deadlines: 0.66 } },
  { name: 'aj', folders: ['aj'], gold: 18, floor: { recall: 0.94, precision: 0.9, units: 0.94, deadlines: 0.95 } },
  { name: 'ak', folders: ['ak'], gold: 44, floor: { recall: 0.97, precision: 0.97, units: 0.97, deadlines: 0.8 } },
  { name: 'al', folders: ['al'], gold: 24, floor: { recall: 0.7, precision: 0.9, units: 0.58, deadlines: 0.09 } },
  { name: 'am', folders: ['am'], gold: 15, floor: { recall: 0.66, precision: 0.95, units: 0.66, deadlines: 0.37 } },
  { name: 'an', folders: ['an'], gold: 17, floor: { recall: 0.7, precision: 0.74, units: 0.7, deadlines: 0.95 } },
  { name: 'ao', folders: ['ao'], gold: 8, floor: { recall: 0.95, precision: 0.95, units: 0.95, deadlines: 0.95 } },
  // 9 documents: first run 0.71 / 0.76 / 0.57 / 0.42 (12 tasks with dates)
  { name: 'ap', folders: ['ap'], gold: 49, floor: { recall: 0.95, precision: 0.95, units: 0.91, deadlines: 0.41 } },
  // 11 documents: first run 0.76 / 1.00 / 0.74 / 0.33 (12 tasks with dates)
  { name: 'aq', folders: ['aq'], gold: 34, floor: { recall: 0.96, precision: 0.99, units: 0.96, deadlines: 0.82 } },
];

describe('blind corpus of published plans', () => {
  it.each(BATCHES)('batch $name keeps the figures it reached', async ({ folders, gold, floor }) => {
    const total = emptyTotals();
    for (const folder of folders) addTotals(total, (await scoreFolder(path.join(CORPUS, folder))).totals);
    expect(total.gold).toBe(gold);
    const r = rates(total);
    const at = (k: keyof Rates) => r[k] >= floor[k];
    expect({ recall: at('recall'), precision: at('precision'), units: at('units'), deadlines: at('deadlines'), r })
      .toEqual({ recall: true, precision: true, units: true, deadlines: true, r });
  }, 60_000);
});
