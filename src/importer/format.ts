/**
 * Two views of an imported plan: a readable tree for people (`duban import FILE`) and the
 * evaluation JSON (`duban import --json FILE`) in exactly the shape of issue 3 and
 * ../shared/eval/import-labeling.md. Fallback deadlines from the plan period are marked
 * `"inferred": true` so they are never taken for stated ones.
 */
import { cycleLabel } from '../tasks/cycles.ts';
import type { ImportedPlan, ImportedTask } from './types.ts';

/** '2025-10-31' → '2025年10月31日' (the date form users read). */
function cnDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function depthOf(path: string): number {
  return path.split('.').length - 1;
}

/** The task's deadlines for a person: one entry per day ("年内" and "12月31日前" are one). */
function deadlineText(t: ImportedTask): string {
  if (!t.deadlines.length) return t.recurring ? '周期性' : '无时限';
  return t.deadlines.map((d) => {
    if (d.kind === 'inferred') return `${cnDay(d.date!)}(按规划期推定)`;
    if (d.kind === 'ongoing') return `长期(${d.raw})`;
    return d.date ? cnDay(d.date) : `待补全(${d.raw})`;
  }).filter((x, i, all) => all.indexOf(x) === i).join('；');
}

function unitText(t: ImportedTask): string {
  if (!t.units.length) return '未写明单位';
  const tag = (u: string) => (t.leadUnits.includes(u) ? `${u}(牵头)` : t.assistUnits.includes(u) ? `${u}(配合)` : u);
  return t.units.map(tag).join('、');
}

/**
 * Number of tasks whose only deadlines are none at all or the inferred fallback: what the CLI
 * and the chat summary both call 无时限.
 */
export function withoutDeadline(plan: ImportedPlan): number {
  return plan.tasks.filter((t) => !t.deadlines.some((d) => d.kind === 'date' || d.kind === 'unknown' || d.kind === 'ongoing')).length;
}

/** Number of tasks whose last dated deadline is before `today` (YYYY-MM-DD): overdue the moment the plan is activated. */
export function pastDue(plan: ImportedPlan, today: string): number {
  return plan.tasks.filter((t) => {
    const days = t.deadlines.flatMap((d) => (d.date ? [d.date] : []));
    return days.length > 0 && days.reduce((a, b) => (a > b ? a : b)) < today;
  }).length;
}

/** The readable tree: one line per task with units and dates, then a summary line. */
export function formatTree(plan: ImportedPlan): string {
  const { doc } = plan;
  const lines: string[] = [];
  lines.push(doc.title ?? '(未识别标题)');
  const meta = [doc.issuer, doc.docNumber, doc.issuedAt && cnDay(doc.issuedAt), doc.planPeriod && `规划期 ${doc.planPeriod.raw}`, doc.reportCycle && `定期报送 ${cycleLabel(doc.reportCycle)}`].filter(Boolean);
  if (meta.length) lines.push(meta.join(' · '));
  lines.push('');
  for (const t of plan.tasks) {
    const indent = '  '.repeat(depthOf(t.path));
    lines.push(`${indent}${t.path} ${t.title}`);
    lines.push(`${indent}    单位：${unitText(t)}`);
    lines.push(`${indent}    时限：${deadlineText(t)}${t.recurring ? `（${{ yearly: '每年', quarterly: '每季度', monthly: '每月' }[t.recurring]}）` : ''}`);
    for (const w of t.warnings) lines.push(`${indent}    ⚠ ${w}`);
  }
  for (const w of plan.warnings) lines.push(`⚠ ${w}`);
  const units = new Set(plan.tasks.flatMap((t) => t.units)).size;
  const warnings = plan.warnings.length + plan.tasks.reduce((n, t) => n + t.warnings.length, 0);
  lines.push('');
  lines.push(`${plan.tasks.length} 项任务，${units} 个单位，${withoutDeadline(plan)} 项无时限，${warnings} 条警告`);
  return lines.join('\n');
}

export interface EvalJson {
  doc: { title: string | null; issuer: string | null; docNumber: string | null; issuedAt: string | null; planPeriod: { raw: string; end: string } | null };
  tasks: {
    path: string; title: string; leadUnits: string[]; assistUnits: string[]; units: string[];
    deadlines: ({ raw: string; date: string | null } | { raw: string; date: string | null; inferred: true })[];
    targets: string[]; recurring: 'yearly' | 'quarterly' | 'monthly' | null; warnings: string[];
  }[];
}

/** The evaluation JSON: stated and placeholder deadlines, plus the inferred fallback marked as such. */
export function toEvalJson(plan: ImportedPlan): EvalJson {
  return {
    doc: { title: plan.doc.title, issuer: plan.doc.issuer, docNumber: plan.doc.docNumber, issuedAt: plan.doc.issuedAt, planPeriod: plan.doc.planPeriod },
    tasks: plan.tasks.map((t) => ({
      path: t.path,
      title: t.title,
      leadUnits: t.leadUnits,
      assistUnits: t.assistUnits,
      units: t.units,
      deadlines: t.deadlines
        .filter((d) => d.kind === 'date' || d.kind === 'unknown' || d.kind === 'inferred')
        .map((d) => (d.kind === 'inferred' ? { raw: d.raw, date: d.date, inferred: true as const } : { raw: d.raw, date: d.date })),
      targets: t.targets,
      recurring: t.recurring,
      warnings: t.warnings,
    })),
  };
}
