/**
 * 通报: counts and shares by status, units ranked by assessment score, lagging items by
 * unit with item numbers and days late, in the register of a government 通报. One set of
 * data, rendered from templates/ledger/bulletin.md as chat markdown, a printable page
 * and a .docx. Used by "出一期通报" in chat and by the weekly bulletin.
 */
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';
import { STATUS_ORDER } from '../tasks/status.ts';
import { statusLabel } from '../render/labels.ts';
import type { LedgerStore } from '../store/ledger.ts';
import { cleanNote } from '../store/records.ts';
import { render } from '../render/render.ts';
import type { AssessmentRules } from './assessment.ts';
import { byChinese, percentText } from './format.ts';
import { fill, labels } from './labels.ts';
import { loadLedger, type LedgerView } from './load.ts';
import { unitsOf } from './model.ts';
import { bulletinHtml } from './bulletin-html.ts';
import { bulletinDocx } from './bulletin-docx.ts';

export interface LaggingUnit {
  unit: string;
  count: number;
  items: { path: string; title: string; due: string; daysLate: number }[];
}

export interface BulletinData {
  scope: string;
  asOf: string;
  issuer: string;
  total: number;
  done: number;
  donePct: string;
  overdue: number;
  overduePct: string;
  /** statuses other than 已完成 and 逾期; `last` ends the list (。 rather than ；) */
  statuses: { status: string; label: string; n: number; pct: string; last: boolean }[];
  units: { rank: number; name: string; total: number; done: number; rate: string; overdue: number; score: number; last: boolean }[];
  lagging: LaggingUnit[];
  hasLagging: boolean;
  /** 办结申请被退回的事项 with the reason the leader gave, newest first */
  returned: { path: string; title: string; units: string; at: string; reason: string | null }[];
  hasReturned: boolean;
  /** 办结待审核 without any 佐证材料 */
  noEvidence: { path: string; title: string; units: string; last: boolean }[];
  hasNoEvidence: boolean;
  rulesNote: string;
}

export interface Bulletin {
  data: BulletinData;
  /** chat markdown; lagging units are dropped from the end (and counted) to fit `maxBytes` */
  markdown(opts?: { maxBytes?: number }): string;
  /** a printable A4 page */
  html(): string;
  docx(): Promise<Buffer>;
  fileName: string;
}

/** Lagging items grouped by unit: units with the most overdue items first, worst items first. */
function lagging(view: LedgerView): LaggingUnit[] {
  const byUnit = new Map<string, LaggingUnit>();
  for (const t of view.plans.flatMap((p) => p.tasks)) {
    if (t.status !== 'overdue') continue;
    for (const u of unitsOf(t)) {
      const g = byUnit.get(u.id) ?? { unit: u.name, count: 0, items: [] };
      g.items.push({ path: t.path, title: t.title, due: t.dueText, daysLate: t.daysLate });
      g.count += 1;
      byUnit.set(u.id, g);
    }
  }
  const groups = [...byUnit.values()];
  for (const g of groups) g.items.sort((a, b) => b.daysLate - a.daysLate);
  return groups.sort((a, b) => b.count - a.count || b.items[0]!.daysLate - a.items[0]!.daysLate || byChinese(a.unit, b.unit));
}

/** How many returned claims the 通报 lists. */
const RETURNED_LISTED = 20;

/** Claims returned (退回), newest first, each with the reason the leader gave: a reason is never lost. */
function returnedItems(view: LedgerView): BulletinData['returned'] {
  const items = view.plans.flatMap((p) => p.tasks.flatMap((t) => t.reports.filter((r) => r.kind === 'returned').map((r) => ({
    at: r.createdAt, path: t.path, title: t.title, units: [...t.leads, ...t.others].map((u) => u.name).join('、'), reason: cleanNote(r.note),
  }))));
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, RETURNED_LISTED).map((x) => ({ ...x, at: chineseDate(shanghaiDay(x.at)) }));
}

/** Claims waiting for review that came with no 佐证材料, in plan order. */
function claimsWithoutEvidence(view: LedgerView): BulletinData['noEvidence'] {
  return markLast(view.plans.flatMap((p) => p.tasks.filter((t) => t.state === 'claimed_done' && t.evidence.length === 0).map((t) => ({
    path: t.path, title: t.title, units: [...t.leads, ...t.others].map((u) => u.name).join('、'),
  }))));
}

/** Flags the last item of a list the template ends with 。 (the others with ；). */
function markLast<T>(items: T[]): (T & { last: boolean })[] {
  return items.map((x, i) => ({ ...x, last: i === items.length - 1 }));
}

export function bulletinData(view: LedgerView): BulletinData {
  const l = labels().bulletin;
  const { summary: s } = view;
  const asOf = chineseDate(shanghaiDay(view.now));
  const only = view.plans.length === 1 ? view.plans[0]! : null;
  const lag = lagging(view);
  return {
    scope: only ? fill(l.scopePlan, { plan: only.title }) : l.scopeAll,
    asOf, issuer: only?.issuer ?? l.issuer,
    total: s.total, done: s.counts.done, donePct: percentText(s.counts.done, s.total),
    overdue: s.counts.overdue, overduePct: percentText(s.counts.overdue, s.total),
    // 已完成 and 逾期 are told in the sentence above the list
    statuses: markLast(STATUS_ORDER.filter((st) => s.counts[st] > 0 && st !== 'done' && st !== 'overdue').map((st) => ({ status: st, label: statusLabel(st), n: s.counts[st], pct: percentText(s.counts[st], s.total) }))),
    units: markLast(s.units.map((u) => ({ rank: u.rank, name: u.name, total: u.total, done: u.counts.done, rate: percentText(u.counts.done, u.total), overdue: u.counts.overdue, score: u.score }))),
    lagging: lag, hasLagging: lag.length > 0,
    returned: returnedItems(view), hasReturned: returnedItems(view).length > 0,
    noEvidence: claimsWithoutEvidence(view), hasNoEvidence: claimsWithoutEvidence(view).length > 0,
    rulesNote: fill(labels().scoreNote, { ...s.rules }),
  };
}

export function bulletinFrom(view: LedgerView): Bulletin {
  const data = bulletinData(view);
  const full = () => render('ledger/bulletin', { ...data }, { channel: 'console' }).markdown;
  return {
    data,
    markdown: (opts = {}) => render('ledger/bulletin', { ...data }, { channel: 'console', maxBytes: opts.maxBytes ?? 3500, listKey: 'lagging' }).markdown,
    html: () => bulletinHtml(full(), labels().bulletin.pageTitle),
    docx: () => bulletinDocx(full()),
    fileName: `${fill(labels().bulletin.fileName, { asOf: data.asOf })}.docx`,
  };
}

/** The bulletin of one plan, or of every active plan, at `now`. */
export async function buildBulletin(ledger: Pick<LedgerStore, 'plans'>, opts: { now: Date; planId?: string; rules?: Partial<AssessmentRules> }): Promise<Bulletin> {
  return bulletinFrom(await loadLedger(ledger, opts));
}
