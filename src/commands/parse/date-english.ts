/**
 * The few English date phrases officials mix into chats: "end of June", "Dec 31",
 * "31 December", "next Friday", "by Friday", "tomorrow", "end of month/year/quarter", "Q1".
 */
import { addDays } from '../../lib/shanghai.ts';
import { quarterEnd, resolveMonthDay, weekday, ymd } from './date-math.ts';
import type { DateMatcher } from './dates.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MON = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\b\\.?';
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri|sat|sun)';

const month = (s: string): number => MONTHS.indexOf(s.slice(0, 3)) + 1;

export const englishMatchers: DateMatcher[] = [
  { re: new RegExp(`end of ${MON}`, 'g'), day: (m, { t }, past) => resolveMonthDay(t, month(m[1]!), 0, past) },
  { re: new RegExp(`\\b${MON}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'g'), day: (m, { t }, past) => resolveMonthDay(t, month(m[1]!), +m[2]!, past) },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MON}`, 'g'), day: (m, { t }, past) => resolveMonthDay(t, month(m[2]!), +m[1]!, past) },
  { re: /end of (?:the |this )?month/g, day: (_m, { t }) => resolveMonthDay(t, t.m, 0, false) },
  { re: /end of (?:the |this )?year/g, day: (_m, { t }) => ymd(t.y, 12, 31) },
  { re: /end of (?:the |this )?quarter/g, day: (_m, { t }) => quarterEnd(t.y, t.m, 0) },
  { re: new RegExp(`\\b(next|last|this|by|before|on)?\\s*${DAY}\\b`, 'g'), day: (m, { t }, past) => {
    const wd = DAYS.indexOf(m[2]!.slice(0, 3)) + 1;
    if (m[1] === 'next') return weekday(t, 1, wd);
    if (m[1] === 'last') return weekday(t, -1, wd);
    const cur = weekday(t, 0, wd);
    if (past) return cur <= t.day ? cur : weekday(t, -1, wd);
    return cur >= t.day ? cur : weekday(t, 1, wd);
  } },
  // Q1 … Q4: the end of that quarter, the next one that has not ended
  { re: /\bq([1-4])\b/g, day: (m, { t }) => {
    const end = quarterEnd(t.y, +m[1]! * 3, 0);
    return end >= t.day ? end : quarterEnd(t.y + 1, +m[1]! * 3, 0);
  } },
  { re: /\btomorrow\b/g, day: (_m, { t }) => addDays(t.day, 1) },
  { re: /\btoday\b/g, day: (_m, { t }) => t.day },
];
