/**
 * Section-10 figures of a labelled corpus, per folder and overall:
 *   npx tsx test/importer/score-corpus.ts DIR [DIR…] [--details]
 * Each DIR holds NAME.txt with its gold NAME.final.json (the reconciled second pass) or NAME.json.
 * recall = gold tasks found; precision = predicted tasks that are gold tasks; units = gold tasks
 * with exactly the right unit set; deadlines = gold tasks with a date whose dates are right.
 * A document the importer refuses counts as finding nothing.
 */
import { addTotals, emptyTotals, scoreFolder, type Totals } from './corpus-score.ts';

const dirs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const details = process.argv.includes('--details');
const total = emptyTotals();
const pct = (n: number, d: number) => (d ? (n / d).toFixed(2) : '—');
const line = (t: Totals) => `${t.docs} docs (${t.refused} refused), ${t.gold} tasks · recall ${pct(t.matched, t.gold)} · precision ${pct(t.matched, t.predicted)} · units ${pct(t.units, t.gold)} · deadlines ${pct(t.dlRight, t.dlTasks)}`;

for (const dir of dirs) {
  const { totals: t, docs } = await scoreFolder(dir);
  if (details) {
    for (const { name, score: s, refused } of docs) {
      console.log(`${name}: gold ${s.gold} pred ${s.predicted} matched ${s.matched} units ${s.unitsExact} dl ${s.deadlinesRight}/${s.deadlineTasks}${refused ? ` REFUSED ${refused}` : ''}`);
      for (const m of s.misses) console.log(`   miss  ${m}`);
      for (const x of s.extras) console.log(`   extra ${x}`);
      for (const u of s.unitErrors) console.log(`   units ${u}`);
      for (const d of s.deadlineErrors) console.log(`   dates ${d}`);
    }
  }
  console.log(`${dir}: ${line(t)} (${t.dlTasks} tasks with dates)`);
  addTotals(total, t);
}
if (dirs.length > 1) console.log(`all: ${line(total)}`);
