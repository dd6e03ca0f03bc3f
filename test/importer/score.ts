/**
 * Scores an import against a hand-labelled gold file, as section 10 of
 * ../shared/eval/import-labeling.md describes: tasks match by path (digits only) plus title
 * similarity, else by title similarity ≥ 0.6 (a title contained in the other counts as
 * equal); units must be the same set (whitespace removed, brackets unified); the set of
 * non-null dates must be equal on gold tasks that have one. Inferred fallback deadlines are
 * not stated dates and are left out. Run: npx tsx test/importer/score.ts DOC GOLD
 */
import { pathKey } from '../../src/tasks/path-key.ts';

export interface ScoredTask { path: string; title: string; units: string[]; deadlines: { raw: string; date: string | null; inferred?: boolean }[] }
export interface Score {
  gold: number; predicted: number; matched: number;
  unitsExact: number; deadlineTasks: number; deadlinesRight: number;
  tasksFound: number; unitsPct: number; deadlinesPct: number;
  misses: string[]; extras: string[]; unitErrors: string[]; deadlineErrors: string[];
}

const squash = (s: string) => s.replace(/\s+/g, '');
const unitNorm = (s: string) => squash(s).replace(/[（<〈]/g, '(').replace(/[）>〉]/g, ')');

/** Similarity of two titles in [0, 1]: 1 when one contains the other, else 1 − edit distance / longer length. */
export function titleSimilarity(a0: string, b0: string): number {
  const a = squash(a0);
  const b = squash(b0);
  if (!a || !b) return 0;
  if (a.includes(b) || b.includes(a)) return 1;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return 1 - prev[b.length]! / Math.max(a.length, b.length);
}

const keyOf = (p: string) => pathKey(p.replace(/[①-⑳]/g, (c) => String(c.charCodeAt(0) - 0x245f))) ?? p;
const dates = (t: ScoredTask) => [...new Set(t.deadlines.filter((d) => d.date && !d.inferred).map((d) => d.date!))].sort();
const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : 100);

/** Pairs each gold task with at most one predicted task. */
export function matchTasks(gold: ScoredTask[], pred: ScoredTask[]): Map<number, number> {
  const used = new Set<number>();
  const pairs = new Map<number, number>();
  gold.forEach((g, gi) => {
    const pi = pred.findIndex((p, i) => !used.has(i) && keyOf(p.path) === keyOf(g.path) && titleSimilarity(p.title, g.title) >= 0.5);
    if (pi >= 0) { used.add(pi); pairs.set(gi, pi); }
  });
  gold.forEach((g, gi) => {
    if (pairs.has(gi)) return;
    let best = -1;
    let bestSim = 0.6;
    pred.forEach((p, i) => {
      if (used.has(i)) return;
      const s = titleSimilarity(p.title, g.title);
      if (s >= bestSim) { best = i; bestSim = s; }
    });
    if (best >= 0) { used.add(best); pairs.set(gi, best); }
  });
  return pairs;
}

/** The three figures of section 10 plus the lists behind them. */
export function scoreImport(gold: ScoredTask[], pred: ScoredTask[]): Score {
  const pairs = matchTasks(gold, pred);
  const s: Score = { gold: gold.length, predicted: pred.length, matched: pairs.size, unitsExact: 0, deadlineTasks: 0, deadlinesRight: 0, tasksFound: 0, unitsPct: 0, deadlinesPct: 0, misses: [], extras: [], unitErrors: [], deadlineErrors: [] };
  gold.forEach((g, gi) => {
    const pi = pairs.get(gi);
    const p = pi === undefined ? undefined : pred[pi];
    if (!p) s.misses.push(`${g.path} ${g.title}`);
    const gu = [...new Set(g.units.map(unitNorm))].sort().join('|');
    const pu = p ? [...new Set(p.units.map(unitNorm))].sort().join('|') : null;
    if (p && gu === pu) s.unitsExact += 1;
    else if (p) s.unitErrors.push(`${g.path}: gold [${gu}] got [${pu}]`);
    const gd = dates(g);
    if (gd.length) {
      s.deadlineTasks += 1;
      if (p && dates(p).join() === gd.join()) s.deadlinesRight += 1;
      else s.deadlineErrors.push(`${g.path}: gold [${gd}] got [${p ? dates(p) : 'missing'}]`);
    }
  });
  const matchedPred = new Set(pairs.values());
  pred.forEach((p, i) => { if (!matchedPred.has(i)) s.extras.push(`${p.path} ${p.title}`); });
  s.tasksFound = pct(s.matched, s.gold);
  s.unitsPct = pct(s.unitsExact, s.gold);
  s.deadlinesPct = pct(s.deadlinesRight, s.deadlineTasks);
  return s;
}

if (process.argv[1]?.endsWith('score.ts')) {
  const { readFileSync } = await import('node:fs');
  const { importDocument } = await import('../../src/importer/index.ts');
  const { toEvalJson } = await import('../../src/importer/format.ts');
  const [doc, goldFile] = process.argv.slice(2);
  const plan = await importDocument(readFileSync(doc!), { fileName: doc });
  const gold = JSON.parse(readFileSync(goldFile!, 'utf8')) as { tasks: ScoredTask[] };
  console.log(JSON.stringify(scoreImport(gold.tasks, toEvalJson(plan).tasks), null, 2));
}
