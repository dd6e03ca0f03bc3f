/**
 * Festival dates: `X前` is the day before the festival itself (国庆前 → 09-30, 春节前 → 除夕),
 * `X后` / `节后` is the first working day after the official holiday, make-up working days
 * (调休) included (元旦后 → 2026-01-04, a make-up Sunday). 年前/年后 mean the Spring Festival.
 */
import { addDays } from '../../lib/shanghai.ts';
import { firstWorkdayAfterHoliday } from '../../tasks/calendar.ts';
import type { WorkCalendar } from '../../tasks/calendar.ts';
import { festivalDay } from './date-math.ts';
import type { DateMatcher } from './dates.ts';

const NAMES: Record<string, string> = {
  元旦: '元旦', 春节: '春节', 过年: '春节', 年: '春节', 国庆: '国庆节', 国庆节: '国庆节',
  五一: '劳动节', 劳动节: '劳动节', 清明: '清明节', 清明节: '清明节', 端午: '端午节', 端午节: '端午节',
  中秋: '中秋节', 中秋节: '中秋节', 元宵: '元宵节', 元宵节: '元宵节', 节: '',
};

/** The first day of the next official holiday on or after `from` (for 节前). */
function nextHolidayStart(cal: WorkCalendar, from: string): string | null {
  for (let d = from, i = 0; i < 400; d = addDays(d, 1), i += 1) {
    if (!cal.isWorkday(d) && cal.holidayName(d)) return d;
  }
  return null;
}

const afterCache = new WeakMap<WorkCalendar, Map<string, string | null>>();

/** firstWorkdayAfterHoliday, remembered per calendar (it walks the calendar day by day). */
function afterHoliday(cal: WorkCalendar, name: string, from: string): string | null {
  let byKey = afterCache.get(cal);
  if (!byKey) afterCache.set(cal, (byKey = new Map()));
  const key = `${name}|${from}`;
  if (!byKey.has(key)) {
    if (byKey.size > 200) byKey.clear();
    byKey.set(key, firstWorkdayAfterHoliday(cal, name, from));
  }
  return byKey.get(key) ?? null;
}

export const festivalMatchers: DateMatcher[] = [
  {
    re: /(元旦|春节|过年|国庆节?|五一|劳动节|清明节?|端午节?|中秋节?|元宵节?|(?<![\d一二三四五六七八九十几去今明后本半])年|(?<![季过时环调])节)\s*(?:假期|长假|放假|收假)?\s*(前|之前|以前|后|之后|以后)/g,
    day: (m, env) => {
      const name = NAMES[m[1]!] ?? '';
      const before = m[2]!.endsWith('前');
      if (before) {
        const fest = name ? festivalDay(name, env.t.day) : nextHolidayStart(env.calendar, env.t.day);
        return fest ? addDays(fest, -1) : null;
      }
      if (name === '元宵节') return null;
      return afterHoliday(env.calendar, name, env.t.day);
    },
  },
];
