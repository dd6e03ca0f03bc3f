/**
 * Dates that set the future (pause until, extension to, expected completion) never jump a
 * year silently. The parser reads a month-day written without a year as its next occurrence
 * (the labelling rules say so); here, knowing what the date is for, the bot asks before acting
 * when that day passed only recently this year (12月1日 said on 12月7日: next year's, or a slip?)
 * or lies more than six months away, and says which year it means. A day long past this year
 * whose next occurrence is near (1月20日 said in December) is simply next year's.
 */
import type { Command } from '../commands/command.ts';
import type { IntentResult } from '../commands/intents/types.ts';
import { chineseDate } from '../lib/shanghai.ts';
import { daysBetween } from '../lib/shanghai.ts';

/** Commands whose date is a day still to come. */
const FUTURE_DATED = new Set<Command['kind']>(['pause_reminders', 'request_extension', 'report_progress', 'decide_extension']);
const HALF_YEAR_DAYS = 183;
/** A day that passed this recently is more likely a slip than next year's. */
const RECENTLY_PASSED_DAYS = 60;

/** The question to ask first, or null when the date can be acted on. */
export function questionedDate(command: Command, today: string): IntentResult | null {
  if (!command.date || !command.yearImplied || command.dateConfirmed || !FUTURE_DATED.has(command.kind)) return null;
  const thisYear = `${today.slice(0, 4)}${command.date.slice(4)}`;
  const passed = command.date.slice(0, 4) > today.slice(0, 4) && thisYear < today && daysBetween(thisYear, today) <= RECENTLY_PASSED_DAYS;
  const far = daysBetween(today, command.date) > HALF_YEAR_DAYS;
  if (!passed && !far) return null;
  return {
    reply: { key: 'date-check', data: { date: chineseDate(command.date), year: command.date.slice(0, 4), passed, far: !passed && far, thisYear: chineseDate(thisYear) } },
    dialog: { kind: 'confirm_date', payload: { command: { ...command } } },
  };
}
