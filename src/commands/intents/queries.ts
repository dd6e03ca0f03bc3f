/**
 * 查询 — "哪些逾期了", "逾期超过30天的", "本周到期的", "下个月要到期的", "卫健局还有几项没完成？",
 * "医保分局的进度怎么样", "我的任务", "2.3 现在什么情况". Members see their unit; leaders see all.
 */
import type { IntentHandler, IntentContext } from './types.ts';
import { excerpt } from '../../render/excerpt.ts';
import { numbered, partAbout, taskView } from './views.ts';
import { withTask } from './with-task.ts';
import { privateLink } from './ledger.ts';
import { seesEverything } from '../speaker.ts';
import { overdueThreshold, periodStart, windowRange } from '../../tasks/windows.ts';
import { originLabel, statusLabel, windowLabel } from '../../render/labels.ts';
import { addDays } from '../../lib/shanghai.ts';
import { wholePercentages } from '../../lib/percent.ts';
import { chineseDate, shanghaiDay, shanghaiParts } from '../../lib/shanghai.ts';
import { STATUS_ORDER, dayOf, type TaskStatus } from '../../tasks/status.ts';
import type { TaskListRow } from '../../store/tasks.ts';
import { cleanNote } from '../../store/records.ts';
import { answersForTask } from './responsibility.ts';

/** The unit a query is about: the named one (leaders), else the speaker's own. */
export async function queryScope(ctx: IntentContext): Promise<{ unitId?: string; unitName: string | null } | 'forbidden' | 'unit-not-found'> {
  if (ctx.command.unit) {
    const unit = await ctx.store.directory.unitByName(ctx.command.unit);
    if (!unit) return 'unit-not-found';
    if (!seesEverything(ctx.speaker) && unit.id !== ctx.speaker.unitId) return 'forbidden';
    return { unitId: unit.id, unitName: unit.name };
  }
  if (seesEverything(ctx.speaker)) return { unitName: null };
  if (!ctx.speaker.unitId) return 'forbidden';
  return { unitId: ctx.speaker.unitId, unitName: ctx.speaker.unitName };
}

export function refused(r: 'forbidden' | 'unit-not-found', ctx: IntentContext) {
  if (r === 'unit-not-found') return { reply: { key: 'errors/unit-not-found' as const, data: { unit: ctx.command.unit } } };
  return { reply: { key: ctx.speaker.role === 'guest' ? ('errors/not-bound' as const) : ('errors/forbidden' as const), data: { unit: ctx.speaker.unitName, query: true } } };
}

export const queryOverdue: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  const minDays = overdueThreshold(ctx.command.window);
  const [tasks, total] = await Promise.all([ctx.store.tasks.overdue(ctx.today, scope, minDays, 30), ctx.store.tasks.overdueCount(ctx.today, scope, minDays)]);
  return { reply: { key: 'overdue-list', data: { unit: scope.unitName, minDays: minDays || null, total, none: total === 0, items: numbered(tasks, ctx.now), listed: tasks.length, rest: total - tasks.length }, listKey: 'items' } };
};

export const queryDueSoon: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  // a period named whole (明年上半年) that has not begun starts on its first day
  const from = ctx.command.periodFrom && ctx.command.periodFrom > ctx.today ? ctx.command.periodFrom : ctx.today;
  const range = ctx.command.date ? { from, to: ctx.command.date } : windowRange(ctx.command.window, ctx.today);
  // 本周 on a Wednesday: what fell due on Monday or Tuesday and is still open is overdue now
  const start = ctx.command.date ? null : periodStart(ctx.command.window, ctx.today);
  const [tasks, total, earlier] = await Promise.all([
    ctx.store.tasks.dueBetween(range.from, range.to, scope, 30),
    ctx.store.tasks.dueBetweenCount(range.from, range.to, scope),
    start ? ctx.store.tasks.dueBetweenCount(start, addDays(ctx.today, -1), scope) : 0,
  ]);
  const label = windowLabel(ctx.command.window, ctx.command.date ? chineseDate(ctx.command.date) : null);
  return { reply: { key: 'due-list', data: { unit: scope.unitName, label, from: chineseDate(range.from), to: chineseDate(range.to), total, none: total === 0, items: numbered(tasks, ctx.now), rest: total - tasks.length, earlier }, listKey: 'items' } };
};

/** 哪些还一点没动 / 进度最慢的是哪几项: open tasks nothing was reported on, or those at the lowest figure. */
export const byProgress: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  const which = ctx.command.what === 'slowest' ? 'slowest' : 'untouched';
  const { tasks, total, percent } = await ctx.store.tasks.byProgress(scope, which);
  return { reply: { key: 'progress-list', data: { unit: scope.unitName, untouched: which === 'untouched', percent, total, none: total === 0, items: numbered(tasks, ctx.now), rest: total - tasks.length }, listKey: 'items' } };
};

export const queryUnit: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  if (!scope.unitId) return summary(ctx);
  const counts = await ctx.store.tasks.statusCounts(ctx.today, { unitId: scope.unitId });
  const mine = counts.filter((c) => c.unitId === scope.unitId);
  const byStatus = STATUS_ORDER.map((s) => ({ label: statusLabel(s), n: mine.find((c) => c.status === s)?.n ?? 0 })).filter((c) => c.n > 0);
  const total = mine.reduce((a, c) => a + c.n, 0);
  const done = mine.find((c) => c.status === 'done')?.n ?? 0;
  const open = await ctx.store.tasks.list(scope, { openOnly: true, take: 30 });
  return { reply: { key: 'unit-status', data: { unit: scope.unitName, total, done, notDone: total - done, byStatus, items: numbered(open, ctx.now), none: total === 0 }, listKey: 'items' } };
};

/** How many entries the task card lists; older ones are counted and left to the ledger's trail. */
const CARD_HISTORY = 8;

export const queryTask: IntentHandler = async (ctx) =>
  withTask(ctx, async (task) => {
    const [full, history, evidence] = await Promise.all([ctx.store.tasks.byId(task.id), ctx.store.records.taskHistory(task.id, CARD_HISTORY), ctx.store.evidence.forTask(task.id)]);
    // the link to the files is the speaker's own: given in a private chat only
    const evidenceLink = evidence.length && ctx.speaker.personId && ctx.speaker.chat.kind === 'single' ? ctx.hooks.evidenceLink?.({ personId: ctx.speaker.personId, taskId: task.id }) ?? null : null;
    const view = taskView(task, ctx.now);
    const entries = cardHistory(task, history);
    const original = full?.deadlines.find((d) => d.original)?.original;
    return {
      reply: {
        key: 'task-status',
        data: {
          ...view, plan: full?.plan.title, origin: full ? originLabel(full.plan) : null, targets: (full?.targets ?? []).join('；'), hasTargets: (full?.targets.length ?? 0) > 0,
          originalDue: original ? chineseDate(dayOf(original)!) : null,
          history: entries, shown: entries.length, older: Math.max(0, history.total - entries.length),
          signing: signingOf(task),
          evidenceCount: evidence.length, evidenceNames: evidence.slice(0, 5).map((e) => e.name).join('、'), evidenceMore: evidence.length > 5, evidenceLink,
        },
      },
    };
  // "我们那项截止时间是哪天?": a unit's question naming none of its tasks is about its one task (or asks which)
  }, { askWhenMissing: ctx.speaker.role === 'member' });

/** 签收 per unit, for the card: when each unit the task reached signed for it, or that it has not. */
function signingOf(task: TaskListRow): { unit: string; at: string | null; last: boolean }[] | null {
  const reached = task.assignments.filter((a) => a.reachedAt);
  if (!reached.length) return null;
  const at = (d: Date) => { const p = shanghaiParts(d); return `${chineseDate(shanghaiDay(d))} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`; };
  return reached.map((a, i) => ({ unit: a.unit.name, at: a.signedAt ? at(a.signedAt) : null, last: i === reached.length - 1 }));
}

type History = Awaited<ReturnType<IntentContext['store']['records']['taskHistory']>>;

/**
 * The card's record, newest first: each report or extension request labelled with what it
 * was (the template words it), who made it and the words about this task only. Every entry
 * has every key, so a missing one never falls through to the card's own (percent, status).
 */
function cardHistory(task: TaskListRow, h: History) {
  const blank = {
    who: null as string | null, progress: false, assist: false, hasPercent: false, percent: null as number | null, claim: false, confirmed: false, returned: false,
    extension: false, date: null as string | null, pending: false, approved: false, rejected: false, approvedDate: null as string | null, decidedBy: null as string | null, decision: null as string | null,
    text: null as string | null, cut: false, withdrawn: false, direct: false,
  };
  const bounded = (t: string | null) => { const e = excerpt(t); return { text: e.text, cut: e.cut }; };
  const day = (d: Date) => chineseDate(shanghaiDay(d));
  const person = (id: string | null) => (id ? h.people.get(id) ?? null : null);
  const reports = h.reports.map((r) => {
    const words = r.note ?? r.originalText;
    const base = { ...blank, at: day(r.createdAt), who: [r.unit?.name, person(r.personId)].filter(Boolean).join(' ') || null, withdrawn: r.withdrawnAt !== null };
    switch (r.kind) {
      case 'progress': return { t: r.createdAt, e: { ...base, progress: true, assist: !!r.unitId && !answersForTask(task, r.unitId), hasPercent: r.percent !== null, percent: r.percent, ...bounded(partAbout(words, task.pathKey)) } };
      case 'done_claim': return { t: r.createdAt, e: { ...base, claim: true, ...bounded(partAbout(words, task.pathKey)) } };
      case 'done_confirmed': return { t: r.createdAt, e: { ...base, confirmed: true, direct: r.note === '直接销号' } };
      case 'returned': return { t: r.createdAt, e: { ...base, returned: true, ...bounded(cleanNote(r.note)) } };
      default: return null;
    }
  }).filter((x) => x !== null);
  const extensions = h.extensions.map((x) => {
    const requested = dayOf(x.requestedDate)!;
    const approved = x.approvedDate ? dayOf(x.approvedDate)! : null;
    return {
      t: x.createdAt,
      e: {
        ...blank, at: day(x.createdAt), who: (x.unitId ? h.units.get(x.unitId) : null) ?? person(x.personId), extension: true,
        date: chineseDate(requested), pending: x.state === 'pending', approved: x.state === 'approved', rejected: x.state === 'rejected', withdrawn: x.state === 'withdrawn',
        approvedDate: approved && approved !== requested ? chineseDate(approved) : null, decidedBy: x.decidedBy, decision: cleanNote(x.decisionNote), ...bounded(x.reason),
      },
    };
  });
  return [...reports, ...extensions].sort((a, b) => b.t.getTime() - a.t.getTime()).slice(0, CARD_HISTORY).map((x) => x.e);
}

/** 汇总 — "汇总一下", "各单位进度排名": counts by status and by unit, worst first. */
export const summary: IntentHandler = async (ctx) => {
  if (!seesEverything(ctx.speaker)) return queryUnit({ ...ctx, command: { ...ctx.command, unit: null } });
  const counts = await ctx.store.tasks.statusCounts(ctx.today);
  const overall = counts.filter((c) => c.unitId === null);
  const total = overall.reduce((a, c) => a + c.n, 0);
  const n = (rows: typeof counts, s: TaskStatus) => rows.find((c) => c.status === s)?.n ?? 0;
  const pcts = wholePercentages(STATUS_ORDER.map((s) => n(overall, s)));
  const byStatus = STATUS_ORDER.map((s, i) => ({ label: statusLabel(s), n: n(overall, s), pct: pcts[i] })).filter((c) => c.n > 0);
  const unitIds = [...new Set(counts.filter((c) => c.unitId).map((c) => c.unitId!))];
  const units = unitIds.map((id) => {
    const rows = counts.filter((c) => c.unitId === id);
    const all = rows.reduce((a, c) => a + c.n, 0);
    return { unit: rows[0]!.unitName, total: all, overdue: n(rows, 'overdue'), dueSoon: n(rows, 'due_soon'), done: n(rows, 'done') };
  }).sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.done / a.total - b.done / b.total);
  const link = privateLink(ctx);
  return { reply: { key: 'summary', data: { total, byStatus, units: units.map((u, i) => ({ ...u, n: i + 1 })), none: total === 0, link }, listKey: 'units' } };
};
