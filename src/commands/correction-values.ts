/**
 * What the values of a correction (commands/parse/correction.ts) mean, read the way the
 * importer reads a plan: a unit list is split by the importer's unit-name grammar
 * (importer/split-units.ts) and each name found in the unit directory by its name or alias
 * (区市场监管局 = 市场监管局 = 市监局); a name the directory does not know, or knows twice, is
 * reported so the admin is asked — never guessed. A deadline is read by the importer's
 * deadline reader with the plan's year (a single-year title, else the issue year, else the
 * year of the task's present deadline); a day that does not exist is refused.
 */
import type { BadDate } from './parse/schema.ts';
import { splitUnits } from '../importer/split-units.ts';
import { extractDeadlines } from '../importer/extract-deadlines.ts';
import { dateContext } from '../importer/build-plan.ts';
import { planPeriodOf } from '../importer/extract-meta.ts';
import { dayOf } from '../importer/parse-date.ts';
import { unitAliases } from '../tasks/unit-aliases.ts';

export interface DirectoryUnit { id: string; name: string; aliases: string[] }

export type UnitListReading =
  | { ok: true; units: { id: string; name: string; written: string }[] }
  | { ok: false; unknown: string[]; ambiguous: { written: string; names: string[] }[]; none: boolean };

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The directory units a written name stands for (exact name or alias first, then shared aliases). */
function unitsNamed(written: string, directory: DirectoryUnit[]): DirectoryUnit[] {
  const w = squash(written);
  const exact = directory.filter((u) => u.name === w || u.aliases.includes(w));
  if (exact.length) return exact;
  const mine = new Set([w, ...unitAliases(w)]);
  return directory.filter((u) => mine.has(u.name) || [u.name, ...u.aliases, ...unitAliases(u.name)].some((a) => a.length >= 3 && mine.has(a)));
}

/** A written list of units → directory units, or what could not be read. */
export function readUnitList(value: string, directory: DirectoryUnit[]): UnitListReading {
  const names = splitUnits(squash(value).replace(/[和及与]$/, ''));
  if (!names.length) return { ok: false, unknown: [], ambiguous: [], none: true };
  const units: { id: string; name: string; written: string }[] = [];
  const unknown: string[] = [];
  const ambiguous: { written: string; names: string[] }[] = [];
  for (const written of names) {
    const hits = unitsNamed(written, directory);
    if (hits.length === 1) units.push({ id: hits[0]!.id, name: hits[0]!.name, written });
    else if (hits.length) ambiguous.push({ written, names: hits.map((h) => h.name) });
    else unknown.push(written);
  }
  if (unknown.length || ambiguous.length) return { ok: false, unknown, ambiguous, none: false };
  return { ok: true, units: [...new Map(units.map((u) => [u.id, u])).values()] };
}

export type DueReading = { ok: true; date: string; raw: string } | { ok: false; bad: BadDate | null };

/** The plan facts a deadline's year comes from. */
export interface PlanDates { title: string | null; issuedAt: Date | null }

/**
 * A corrected deadline as the importer would read it in this plan: 6月30日 takes the plan's
 * year; 2027年3月31日 is as written; 2月30日 is refused (bad); no day at all is refused (bad null).
 */
export function readDue(value: string, plan: PlanDates, presentDue: Date | null, today: string): DueReading {
  const text = squash(value);
  const issuedAt = plan.issuedAt ? plan.issuedAt.toISOString().slice(0, 10) : null;
  const ctx = dateContext({ planPeriod: planPeriodOf(plan.title), issuedAt });
  const fallbackYear = presentDue ? presentDue.getUTCFullYear() : Number(today.slice(0, 4));
  const year = ctx.planYear ?? fallbackYear;
  const written = /(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?/.exec(text);
  if (written) {
    const y = written[1] ? Number(written[1]) : year;
    const m = Number(written[2]);
    const d = written[3] ? Number(written[3]) : 1;
    if (!dayOf(y, m, d)) return { ok: false, bad: { year: y, month: m, day: written[3] ? d : null, noMonth: m < 1 || m > 12, notLeap: m === 2 && d === 29 } };
  }
  // read as the value of a 完成时限 field, as a table cell is
  const found = extractDeadlines(`完成时限：${text}`, { ...ctx, planYear: year, notBefore: null }).filter((d) => d.date);
  const last = found[found.length - 1];
  return last ? { ok: true, date: last.date!, raw: text } : { ok: false, bad: null };
}
