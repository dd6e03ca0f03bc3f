import { parse } from './src/commands/parse/parse-message.ts';
import { chinaCalendar } from './src/tasks/calendar.ts';
for (const s of process.argv.slice(2)) console.log(s, '→', JSON.stringify(parse(s, { now: new Date('2026-12-07T02:00:00Z'), units: [], calendar: chinaCalendar } as any)));
import { normalise } from './src/commands/parse/normalise.ts';
for (const s of process.argv.slice(2)) console.log(normalise(s));
