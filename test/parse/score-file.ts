/**
 * First-run figures of a labelled batch (the record format of ../shared/eval/chat-labeling.md):
 *   npx tsx test/parse/score-file.ts FILE.jsonl [--misses]
 * Intents right, all six slots right, both; per slot. Context: 2025-11-20 10:00 and seed 002's units.
 */
import { readFileSync } from 'node:fs';
import { parse } from '../../src/commands/parse/index.ts';
import { CTX } from './load-cases.ts';

const file = process.argv[2]!;
const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
let okI = 0, okS = 0, okAll = 0;
const slotOk: Record<string, number> = {};
const misses: string[] = [];
for (const r of rows) {
  const o = parse(r.text, CTX);
  const iOk = o.intent === r.intent;
  const bad = Object.keys(r.slots).filter((k) => r.slots[k] !== (o.slots as Record<string, unknown>)[k]);
  for (const k of Object.keys(r.slots)) slotOk[k] = (slotOk[k] ?? 0) + (bad.includes(k) ? 0 : 1);
  okI += iOk ? 1 : 0; okS += bad.length ? 0 : 1; okAll += iOk && !bad.length ? 1 : 0;
  if (!iOk || bad.length) misses.push(`${r.text}\n   want ${r.intent} ${bad.map((k) => `${k}=${r.slots[k]}`).join(' ')}\n   got  ${o.intent} ${bad.map((k) => `${k}=${(o.slots as Record<string, unknown>)[k]}`).join(' ')}`);
}
const n = rows.length;
const pct = (x: number) => `${((x / n) * 100).toFixed(1)}%`;
if (process.argv.includes('--misses')) console.log(misses.join('\n'));
console.log(`${file}: n=${n} intents ${pct(okI)} (${okI}) · all six slots ${pct(okS)} (${okS}) · both ${pct(okAll)} (${okAll}) · per slot ${Object.entries(slotOk).map(([k, v]) => `${k} ${pct(v)}`).join(', ')}`);
