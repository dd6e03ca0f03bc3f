/** `npx duban ledger export [--plan X] --out file.xlsx`: the office's Excel ledger (督办台账). */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { closeDb, createDb, createStore } from '../store/index.ts';
import { exportLedger, ledgerFileName } from '../ledger/index.ts';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { plan: { type: 'string' }, out: { type: 'string' } } });
  if (positionals[0] !== 'export') {
    console.error('usage: npx duban ledger export [--plan 方案ID或标题] --out 台账.xlsx');
    return 2;
  }
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL);
  const store = createStore(db);
  try {
    let planId: string | undefined;
    if (values.plan) {
      const plan = await store.plans.find(values.plan);
      if (!plan) {
        console.error(`没有找到方案「${values.plan}」`);
        return 1;
      }
      planId = plan.id;
    }
    const now = new Date();
    const out = values.out ?? ledgerFileName(now);
    await writeFile(out, await exportLedger(store.ledger, { planId, now, rules: config.ASSESSMENT_RULES }));
    console.log(`已导出：${out}`);
    return 0;
  } finally {
    await closeDb(db);
  }
}
