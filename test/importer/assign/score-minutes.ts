/**
 * Scores the 会议纪要 import on published minutes (test/fixtures/assign/minutes/*.txt, labelled
 * in the .json beside each, by the plan-import labelling rules plus: the owner of a decided
 * item is the body the decision names to do the work). Tasks, units and deadlines are scored
 * as for plans (test/importer/score.ts).
 *   npx tsx test/importer/assign/score-minutes.ts [--misses]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importDocument, toEvalJson } from '../../../src/importer/index.ts';
import { scoreImport, type ScoredTask } from '../score.ts';

export const MINUTES_DIR = 'test/fixtures/assign/minutes';

export async function scoreMinutes() {
  const files = readdirSync(MINUTES_DIR).filter((f) => f.endsWith('.txt'));
  const rows: { file: string; plan: Awaited<ReturnType<typeof importDocument>> | null; score: ReturnType<typeof scoreImport> }[] = [];
  for (const f of files) {
    const gold = JSON.parse(readFileSync(path.join(MINUTES_DIR, f.replace(/\.txt$/, '.json')), 'utf8')) as { tasks: ScoredTask[] };
    const plan = await importDocument(readFileSync(path.join(MINUTES_DIR, f)), { fileName: f }).catch(() => null);
    const pred = plan ? toEvalJson(plan).tasks : [];
    rows.push({ file: f, plan, score: scoreImport(gold.tasks, pred) });
  }
  const sum = (k: 'gold' | 'predicted' | 'matched' | 'unitsExact' | 'deadlineTasks' | 'deadlinesRight') => rows.reduce((n, r) => n + r.score[k], 0);
  return { rows, gold: sum('gold'), predicted: sum('predicted'), matched: sum('matched'), unitsExact: sum('unitsExact'), deadlineTasks: sum('deadlineTasks'), deadlinesRight: sum('deadlinesRight') };
}

if (process.argv[1]?.endsWith('score-minutes.ts')) {
  const r = await scoreMinutes();
  console.log(`minutes: ${r.rows.length} documents, decided items found ${r.matched}/${r.gold} (predicted ${r.predicted}), units exact ${r.unitsExact}/${r.gold}, deadlines ${r.deadlinesRight}/${r.deadlineTasks}`);
  for (const x of r.rows) {
    console.log(`  ${x.file}: found ${x.score.matched}/${x.score.gold}, predicted ${x.score.predicted}, units ${x.score.unitsExact}/${x.score.gold}; meeting ${x.plan?.origin?.meeting ?? '-'} ${x.plan?.origin?.meetingDate ?? ''}`);
    if (process.argv.includes('--misses')) for (const line of [...x.score.misses, ...x.score.extras, ...x.score.unitErrors, ...x.score.deadlineErrors]) console.log(`    ${line}`);
  }
}
