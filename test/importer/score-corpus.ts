/**
 * Section-10 figures of a labelled corpus, per folder and overall:
 *   npx tsx test/importer/score-corpus.ts DIR [DIR…] [--details]
 * Each DIR holds NAME.txt with its gold NAME.final.json (the reconciled second pass) or NAME.json.
 * recall = gold tasks found; precision = predicted tasks that are gold tasks; units = gold tasks
 * with exactly the right unit set; deadlines = gold tasks with a date whose dates are right.
 * A document the importer refuses counts as finding nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importDocument, toEvalJson } from '../../src/importer/index.ts';
import { scoreImport, type ScoredTask } from './score.ts';

const dirs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const details = process.argv.includes('--details');
const total = { gold: 0, predicted: 0, matched: 0, units: 0, dlTasks: 0, dlRight: 0, docs: 0, refused: 0 };
const pct = (n: number, d: number) => (d ? (n / d).toFixed(2) : '—');

for (const dir of dirs) {
  const t = { gold: 0, predicted: 0, matched: 0, units: 0, dlTasks: 0, dlRight: 0, docs: 0, refused: 0 };
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
    if (details) {
      console.log(`${name}: gold ${s.gold} pred ${s.predicted} matched ${s.matched} units ${s.unitsExact} dl ${s.deadlinesRight}/${s.deadlineTasks}${refused ? ` REFUSED ${refused}` : ''}`);
      for (const m of s.misses) console.log(`   miss  ${m}`);
      for (const x of s.extras) console.log(`   extra ${x}`);
      for (const u of s.unitErrors) console.log(`   units ${u}`);
      for (const d of s.deadlineErrors) console.log(`   dates ${d}`);
    }
  }
  console.log(`${dir}: ${t.docs} docs (${t.refused} refused), ${t.gold} tasks · recall ${pct(t.matched, t.gold)} · precision ${pct(t.matched, t.predicted)} · units ${pct(t.units, t.gold)} · deadlines ${pct(t.dlRight, t.dlTasks)} (${t.dlTasks} tasks with dates)`);
  for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += t[k];
}
if (dirs.length > 1) console.log(`all: ${total.docs} docs (${total.refused} refused), ${total.gold} tasks · recall ${pct(total.matched, total.gold)} · precision ${pct(total.matched, total.predicted)} · units ${pct(total.units, total.gold)} · deadlines ${pct(total.dlRight, total.dlTasks)}`);
