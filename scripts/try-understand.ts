import { understand } from '../src/commands/understand.ts';
import { chinaCalendar } from '../src/tasks/calendar.ts';
const lines = (await import('node:fs')).readFileSync(0, 'utf8').split('\n').filter(Boolean);
const units = ['区卫生健康局','区财政局','医疗保障分局'].map((name) => ({ name, aliases: [] }));
for (const l of lines) { const c = await understand(l, { now: new Date('2025-11-20T10:00:00+08:00'), units, calendar: chinaCalendar }); console.log(l, '→', JSON.stringify(c)); }
