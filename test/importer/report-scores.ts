/** Prints section-10 scores for every seed and synthetic document: npx tsx test/importer/report-scores.ts */
import { readFileSync } from 'node:fs';
import { importDocument, toEvalJson } from '../../src/importer/index.ts';
import { scoreImport, type ScoredTask } from './score.ts';
import { seed000, seed001, seed003, seed004 } from './seed-expectations.ts';
const F = new URL('../fixtures/import/', import.meta.url).pathname;
const rows: [string, string, ScoredTask[]][] = [
  ['000', F + '000_9471919368178626.txt', seed000], ['001', F + '001_2557aef30e3b0a09.txt', seed001],
  ['002', F + '002_4dcb66f00f1ef9c8.txt', JSON.parse(readFileSync(F + '002_4dcb66f00f1ef9c8.gold.json', 'utf8')).tasks],
  ['003', F + '003_7e0141a670851b08.txt', seed003], ['004', F + '004_985c6f62a75299a8.txt', seed004],
  ...[
    'eco-air-2024.txt', 'edu-balance.html', 'emergency-tasks.csv', 'business-env-notice.txt',
    'edu-double-reduction.txt', 'river-chief-2025.txt', 'farmland-table.txt', 'safety-rectification.txt', 'city-management.txt',
    'gov-service-table.html', 'farmland-space-table.txt', 'food-safety.txt', 'culture-tourism-cells.txt', 'employment-plan.txt',
    'business-measures.txt', 'urban-renewal.xlsx', 'rural-water-wrapped.txt',
    'elderly-care.txt', 'supervision-list.txt', 'air-quality-page.html', 'flood-control.txt', 'forestry-fire.txt', 'campus-safety.docx',
    'business-ten-actions.txt', 'village-clean-tasks.csv',
    'elderly-service-2025.txt', 'rural-road-2025.txt', 'water-disaster-page.txt', 'census-sample-table.txt',
    'consumption-boost.txt', 'digital-gov-2025.txt', 'veterans-service.txt', 'employment-startup-2025.txt',
    'food-safety-table-2025.txt', 'medical-waste-2025.txt', 'disease-control-plan.txt',
    'road-safety-table.html', 'quality-county-2025.txt', 'social-assistance-division.txt',
    'statistics-work-2025.txt', 'rural-toilet-2025.txt',
    'urban-waterlogging-2025.txt', 'gas-safety-2024.txt', 'medical-insurance-fund-2025.txt', 'rural-collective-economy.txt',
    'straw-burning-2025.txt', 'fitness-for-all.txt', 'funeral-reform-2024.txt', 'property-management.txt',
    'winter-fire-2025.txt', 'campus-food-2025.txt', 'health-key-groups-2025.txt', 'village-assistance-2025.txt',
    'old-community-2025.txt', 'migrant-wage-2025.txt',
  ].map((f): [string, string, ScoredTask[]] => [f, F + 'synthetic/' + f, JSON.parse(readFileSync(F + 'synthetic/' + f.replace(/\.\w+$/, '.gold.json'), 'utf8')).tasks]),
];
for (const [id, file, gold] of rows) {
  const s = scoreImport(gold, toEvalJson(await importDocument(readFileSync(file), { fileName: file })).tasks);
  console.log(`${id}: gold ${s.gold}, predicted ${s.predicted}, found ${s.tasksFound}%, units exact ${s.unitsPct}%, deadlines right ${s.deadlinesPct}% (${s.deadlinesRight}/${s.deadlineTasks})`);
}
