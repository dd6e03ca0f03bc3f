/**
 * The dashboard's one-screen picture of a plan (or every active plan): progress per plan,
 * the unit table, overdue items worst first, a timeline of deadlines by month and every
 * task with its status — all from the ledger view, so it agrees with the Excel export.
 */
import { chineseDate } from '../lib/shanghai.ts';
import { STATUS_ORDER, type TaskStatus } from '../tasks/status.ts';
import { statusLabel } from '../render/labels.ts';
import { percentText, shanghaiStamp } from '../ledger/format.ts';
import type { LedgerView } from '../ledger/load.ts';
import { unitsOf, type LedgerTask } from '../ledger/model.ts';
import { countStatuses } from '../ledger/summary.ts';

type Href = (path: string, query?: Record<string, string>) => string;

const unitNames = (t: LedgerTask) => unitsOf(t).map((u) => u.name).join('、');

function bar(counts: Record<TaskStatus, number>, total: number) {
  return STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => ({ status: s, label: statusLabel(s), n: counts[s], width: total ? ((counts[s] / total) * 100).toFixed(2) : '0' }));
}

function taskRow(t: LedgerTask, href: Href) {
  return {
    path: t.path, title: t.title, href: href(`/dashboard/task/${t.id}`), units: unitNames(t), due: t.dueText,
    status: t.status, statusLabel: statusLabel(t.status), percent: t.percent, daysLate: t.daysLate,
    lastReport: t.lastReportAt ? shanghaiStamp(t.lastReportAt) : '', latest: t.latest,
    extensionPending: t.extensionPending, extension: t.extensionText,
    // 签收: units past the period without signing (领办逾期), and units still to sign in time
    lateSign: t.signing.filter((s) => !s.signedAt && s.lateWorkdays > 0).length || null,
    toSign: t.signing.filter((s) => !s.signedAt && s.lateWorkdays === 0).length || null,
  };
}

function timeline(tasks: LedgerTask[], href: Href) {
  const dated = tasks.filter((t) => t.due && t.status !== 'done').sort((a, b) => (a.due! < b.due! ? -1 : a.due! > b.due! ? 1 : a.seq - b.seq));
  const months = new Map<string, ReturnType<typeof taskRow>[]>();
  for (const t of dated) {
    const key = t.due!.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), { ...taskRow(t, href), due: chineseDate(t.due!).replace(/^\d+年/, '') }]);
  }
  return [...months].map(([m, items]) => ({ month: `${m.slice(0, 4)}年${Number(m.slice(5))}月`, items }));
}

export function overviewModel(view: LedgerView, href: Href, opts: { scopeTitle: string; showPlans: boolean; planQuery: Record<string, string>; bulletin: boolean }) {
  const tasks = view.plans.flatMap((p) => p.tasks);
  const c = view.summary.counts;
  return {
    scopeTitle: opts.scopeTitle,
    asOf: shanghaiStamp(view.now),
    total: view.summary.total,
    cards: { done: c.done, overdue: c.overdue, dueSoon: c.due_soon, review: c.review, donePct: percentText(c.done, view.summary.total) },
    bar: bar(c, view.summary.total),
    showPlans: opts.showPlans,
    plans: view.plans.map((p) => {
      const pc = countStatuses(p.tasks);
      return { title: p.title, href: href('/dashboard', { plan: p.id }), total: p.tasks.length, done: pc.done, overdue: pc.overdue, donePct: percentText(pc.done, p.tasks.length), bar: bar(pc, p.tasks.length) };
    }),
    units: view.summary.units.map((u) => ({
      rank: u.rank, name: u.name, total: u.total, done: u.counts.done, overdue: u.counts.overdue, dueSoon: u.counts.due_soon,
      rate: percentText(u.counts.done, u.total), lastReport: u.lastReportAt ? shanghaiStamp(u.lastReportAt) : '', score: u.score, lateSign: u.lateSign,
    })),
    overdue: tasks.filter((t) => t.status === 'overdue').sort((a, b) => b.daysLate - a.daysLate || a.seq - b.seq).map((t) => taskRow(t, href)),
    timeline: timeline(tasks, href),
    planTables: view.plans.map((p) => ({ title: p.title, rows: p.tasks.map((t) => taskRow(t, href)) })),
    links: {
      bulletin: opts.bulletin ? href('/dashboard/bulletin', opts.planQuery) : null,
      docx: opts.bulletin ? href('/dashboard/bulletin.docx', opts.planQuery) : null,
      xlsx: href('/dashboard/ledger.xlsx', opts.planQuery),
    },
  };
}
