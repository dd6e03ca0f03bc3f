/**
 * Section-10 totals of a labelled corpus: each DIR holds NAME.txt with its gold NAME.final.json
 * (the reconciled second pass) or NAME.json. Shared by score-corpus.ts (the report) and
 * corpus-floor.test.ts (the floor later changes must keep).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importDocument, toEvalJson } from '../../src/importer/index.ts';
import { scoreImport, type Score, type ScoredTask } from './score.ts';

export interface Totals { gold: number; predicted: number; matched: number; units: number; dlTasks: number; dlRight: number; docs: number; refused: number }

export interface DocScore { name: string; score: Score; refused: string }

export const emptyTotals = (): Totals => ({ gold: 0, predicted: 0, matched: 0, units: 0, dlTasks: 0, dlRight: 0, docs: 0, refused: 0 });

/** Scores every labelled document of a folder; a document the importer refuses finds nothing. */
export async function scoreFolder(dir: string): Promise<{ totals: Totals; docs: DocScore[] }> {
  const t = emptyTotals();
  const docs: DocScore[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    const name = f.replace(/\.txt$/, '');
    const goldFile = [`${name}.final.json`, `${name}.json`].map((g) => path.join(dir, g)).find(existsSync);
    if (!goldFile) continue;
    const gold = (JSON.parse(readFileSync(goldFile, 'utf8')) as { tasks: ScoredTask[] }).tasks;
    let pred: ScoredTask[] = [];
    let refused = '';
    try {
      pred = toEvalJson(await importDocument(readFileSync(path.join(dir, f)), { fileName: f })).tasks;
    } catch (e) {
      refused = (e as Error).message;
      t.refused += 1;
    }
    const s = scoreImport(gold, pred);
    t.docs += 1; t.gold += s.gold; t.predicted += s.predicted; t.matched += s.matched; t.units += s.unitsExact; t.dlTasks += s.deadlineTasks; t.dlRight += s.deadlinesRight;
    docs.push({ name, score: s, refused });
  }
  return { totals: t, docs };
}

export function addTotals(into: Totals, t: Totals): void {
  for (const k of Object.keys(into) as (keyof Totals)[]) into[k] += t[k];
}

/** recall, precision, units exactly right, deadlines right (section 10 of the labelling rules). */
export function rates(t: Totals): { recall: number; precision: number; units: number; deadlines: number } {
  const r = (n: number, d: number) => (d ? n / d : 0);
  return { recall: r(t.matched, t.gold), precision: r(t.matched, t.predicted), units: r(t.units, t.gold), deadlines: r(t.dlRight, t.dlTasks) };
}
