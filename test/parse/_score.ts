import { readFileSync, readdirSync } from 'node:fs';
import { parseCli } from '../../src/commands/parse/index.ts';
const units = ['区医改办','区卫生健康局','区委编办','区财政局','区市场监管局','区政务数据局','医疗保障分局','公安分局','各镇政府','街道办','区民政局','区人力资源社会保障局','区委宣传部'];
const dir = 'test/fixtures/chat';
let n = 0, okI = 0, okS = 0, okAll = 0; const slotOk: Record<string, number> = {};
for (const f of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
  const rows = readFileSync(`${dir}/${f}`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const out = parseCli(rows.map((r: any) => r.text), { now: new Date('2025-11-20T10:00:00+08:00'), units }).map((l) => JSON.parse(l));
  rows.forEach((r: any, i: number) => {
    n++; const o = out[i];
    const iOk = o.intent === r.intent; if (iOk) okI++;
    const bad = Object.keys(r.slots).filter((k) => r.slots[k] !== o.slots[k]);
    for (const k of Object.keys(r.slots)) slotOk[k] = (slotOk[k] ?? 0) + (r.slots[k] === o.slots[k] ? 1 : 0);
    if (!bad.length) okS++; if (iOk && !bad.length) okAll++;
    if (!iOk || bad.length) console.log(`${f}: ${r.text}\n   want ${r.intent} ${bad.map((k) => `${k}=${r.slots[k]}`).join(' ')}\n   got  ${o.intent} ${bad.map((k) => `${k}=${o.slots[k]}`).join(' ')}`);
  });
}
console.log(`n=${n} intent=${(okI/n*100).toFixed(1)}% slots(all six right)=${(okS/n*100).toFixed(1)}% both=${(okAll/n*100).toFixed(1)}%`, Object.fromEntries(Object.entries(slotOk).map(([k,v]) => [k, (v/n*100).toFixed(1)])));
