/**
 * `npx duban reminders reconcile` rebuilds the schedule from PostgreSQL (after a Redis
 * flush, nothing is lost and nothing already sent is sent again);
 * `npx duban reminders preview [--unit X] [--days 30]` prints what will be sent when.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { createRuntime } from '../main.ts';
import { silentLogger } from '../lib/logger.ts';
import { remindersOf } from '../wiring/features.ts';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { unit: { type: 'string' }, days: { type: 'string', default: '30' } } });
  const sub = positionals[0];
  if (sub !== 'reconcile' && sub !== 'preview') {
    console.error('usage: npx duban reminders reconcile | preview [--unit 单位] [--days 30]');
    return 2;
  }
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 400) {
    console.error('--days 应为 1 到 400 之间的整数');
    return 2;
  }
  const rt = createRuntime(loadConfig(), { log: silentLogger, inline: sub === 'preview' });
  try {
    const reminders = await remindersOf(rt);
    if (sub === 'reconcile') {
      const result = await reminders.reconcileAll();
      console.log(JSON.stringify(result));
    } else {
      console.log(reminders.renderPreview(await reminders.preview({ unit: values.unit, days }), { unit: values.unit, days }));
    }
    return 0;
  } finally {
    await rt.close();
  }
}
