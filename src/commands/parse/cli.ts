/**
 * `npx duban parse --now … --units "A,B"`: one JSON line `{"intent", "slots"}` per input
 * line, with exactly the keys the evaluation reads (no `command`). Unit aliases come from
 * src/tasks/unit-aliases.ts, so `卫健局` answers the canonical `区卫生健康局`.
 */
import { chinaCalendar } from '../../tasks/calendar.ts';
import { unitAliases } from '../../tasks/unit-aliases.ts';
import { parse } from './parse-message.ts';

export function parseCli(lines: string[], opts: { now: Date; units: string[] }): string[] {
  const units = opts.units.map((u) => u.trim()).filter(Boolean).map((name) => ({ name, aliases: unitAliases(name) }));
  const ctx = { now: opts.now, units, calendar: chinaCalendar };
  return lines.map((line) => {
    const { intent, slots } = parse(line.replace(/\r$/, ''), ctx);
    const { task, unit, percent, date, window, reason } = slots;
    return JSON.stringify({ intent, slots: { task, unit, percent, date, window, reason } });
  });
}
