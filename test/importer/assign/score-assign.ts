/**
 * Scores the 交办 reader on a labelled batch (test/fixtures/assign/assign-batch1.jsonl: 94
 * sentences written and labelled by someone else before the reader existed).
 *   npx tsx test/importer/assign/score-assign.ts [FILE] [--misses]
 * The unit directory is the labelled units with the aliases the bot derives for any unit
 * (src/tasks/unit-aliases.ts); the clock is 2025-11-20 10:00 Asia/Shanghai, when the texts were written.
 * Units, lead and assist are exact sets of canonical names; the deadline an exact day (no
 * deadline labelled = none read); source its kind; leader, on rows that name one, the same
 * name or one containing the other (张建国 / 张建国区长).
 */
import { readFileSync } from 'node:fs';
import { readAssignment, type AssignmentReading } from '../../../src/importer/assign/read-assignment.ts';
import { unitAliases } from '../../../src/tasks/unit-aliases.ts';
import { chinaCalendar } from '../../../src/tasks/calendar.ts';

export interface AssignLabel {
  text: string; role: string; source: string; leader: string | null; meeting: string | null;
  units: string[]; leadUnits: string[]; assistUnits: string[]; deadline: string | null; deadlineRaw: string | null; work: string;
}

export const SCORE_NOW = new Date('2025-11-20T10:00:00+08:00');
const KIND: Record<string, string> = { 批示: 'instruction', 会议: 'meeting' };

export function loadBatch(file: string): AssignLabel[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as AssignLabel);
}

export function directoryOf(rows: AssignLabel[]): { name: string; aliases: string[] }[] {
  const names = [...new Set(rows.flatMap((r) => [...r.units, ...r.leadUnits, ...r.assistUnits]))];
  return names.map((name) => ({ name, aliases: unitAliases(name).slice(1) }));
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

export interface RowScore { units: boolean; lead: boolean; assist: boolean; deadline: boolean; source: boolean; leader: boolean | null; all: boolean }

export function scoreRow(label: AssignLabel, got: AssignmentReading): RowScore {
  const units = sameSet(got.units, label.units);
  const lead = sameSet(got.leadUnits, label.leadUnits);
  const assist = sameSet(got.assistUnits, label.assistUnits);
  const deadline = (got.deadline?.date ?? null) === (label.deadline ?? null);
  const source = got.source.kind === (KIND[label.source] ?? 'other');
  const leader = label.leader ? !!got.source.leader && (got.source.leader.includes(label.leader) || label.leader.includes(got.source.leader)) : null;
  return { units, lead, assist, deadline, source, leader, all: units && lead && assist && deadline && source && leader !== false };
}

export function scoreBatch(rows: AssignLabel[]) {
  const units = directoryOf(rows);
  const scored = rows.map((r) => ({ r, got: readAssignment(r.text, { now: SCORE_NOW, units, calendar: chinaCalendar }) })).map((x) => ({ ...x, s: scoreRow(x.r, x.got) }));
  const count = (k: keyof RowScore) => scored.filter((x) => x.s[k] === true).length;
  const leaderRows = scored.filter((x) => x.s.leader !== null).length;
  return { n: rows.length, units: count('units'), lead: count('lead'), assist: count('assist'), deadline: count('deadline'), source: count('source'), leader: count('leader'), leaderRows, all: count('all'), scored };
}

if (process.argv[1]?.endsWith('score-assign.ts')) {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'test/fixtures/assign/assign-batch1.jsonl';
  const res = scoreBatch(loadBatch(file));
  const pct = (k: number, n = res.n) => `${k}/${n} (${((100 * k) / n).toFixed(1)}%)`;
  console.log(`units ${pct(res.units)}  lead ${pct(res.lead)}  assist ${pct(res.assist)}  deadline ${pct(res.deadline)}  source ${pct(res.source)}  leader ${pct(res.leader, res.leaderRows)}  all fields ${pct(res.all)}`);
  if (process.argv.includes('--misses')) {
    for (const x of res.scored.filter((y) => !y.s.all)) {
      const bad = Object.entries(x.s).filter(([k, v]) => v === false && k !== 'all').map(([k]) => k);
      console.log(`\n✗ ${bad.join(',')}  ${x.r.text}`);
      console.log(`  want units=${x.r.units.join('、')} lead=${x.r.leadUnits.join('、')} assist=${x.r.assistUnits.join('、')} deadline=${x.r.deadline} (${x.r.deadlineRaw}) source=${x.r.source} leader=${x.r.leader}`);
      console.log(`  got  units=${x.got.units.join('、')} lead=${x.got.leadUnits.join('、')} assist=${x.got.assistUnits.join('、')} deadline=${x.got.deadline?.date ?? null} (${x.got.deadline?.raw ?? ''}) source=${x.got.source.kind} leader=${x.got.source.leader} unknown=${x.got.unknownUnits.join('、')}`);
    }
  }
}
