// Generalisation beyond the health-care seeds: four documents written for these tests in
// other domains and formats (生态环境 text with mixed markers, an 教育 web page in GB18030,
// an 应急管理 CSV task table, a 营商环境 notice whose own points are not tasks), each with a
// hand-written gold file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../src/importer/index.ts';
import { toEvalJson } from '../../src/importer/format.ts';
import { scoreImport, type ScoredTask } from './score.ts';

const DIR = path.resolve(__dirname, '../fixtures/import/synthetic');
interface Gold { doc: Record<string, unknown>; tasks: (ScoredTask & { leadUnits: string[]; assistUnits: string[]; recurring: string | null })[] }

describe.each([['eco-air-2024.txt'], ['edu-balance.html'], ['emergency-tasks.csv'], ['business-env-notice.txt']])('%s', (file) => {
  const gold = JSON.parse(readFileSync(path.join(DIR, file.replace(/\.\w+$/, '.gold.json')), 'utf8')) as Gold;
  const load = async () => toEvalJson(await importDocument(readFileSync(path.join(DIR, file)), { fileName: file }));

  it('finds every task with exactly its units and dates (section 10 scoring)', async () => {
    const s = scoreImport(gold.tasks, (await load()).tasks);
    expect({ misses: s.misses, extras: s.extras, unitErrors: s.unitErrors, deadlineErrors: s.deadlineErrors }).toEqual({ misses: [], extras: [], unitErrors: [], deadlineErrors: [] });
  });

  it('keeps lead and assist roles, recurrence and the document metadata', async () => {
    const json = await load();
    expect(json.doc).toEqual(gold.doc);
    expect(json.tasks.map((t) => ({ path: t.path, lead: t.leadUnits, assist: t.assistUnits, recurring: t.recurring })))
      .toEqual(gold.tasks.map((t) => ({ path: t.path, lead: t.leadUnits, assist: t.assistUnits, recurring: t.recurring })));
  });
});
