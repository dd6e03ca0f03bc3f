/** Task rows → the data templates show (path, title, unit, deadline in Chinese, status). */
import type { TaskListRow } from '../../store/tasks.ts';
import { chineseDate, shanghaiDay } from '../../lib/shanghai.ts';
import { daysOverdue, dayOf, taskStatus } from '../../tasks/status.ts';
import { percentOnly, statusLabel, unitList, words } from '../../render/labels.ts';
import { pathKey, pathsIn } from '../../tasks/path-key.ts';
import { taskSegments } from '../parse/task-segments.ts';

export interface TaskView {
  n?: number;
  path: string;
  title: string;
  units: string;
  due: string;
  status: string;
  daysOverdue: number;
  percent: number;
  lastReport: string | null;
  lastReportAt: string | null;
  extensionPending: boolean;
}

export function taskView(t: TaskListRow, now: Date): TaskView {
  const due = dayOf(t.dueDate);
  const status = taskStatus({ state: t.state, dueDate: due, dueKind: t.dueKind }, now);
  const last = t.reports[0];
  return {
    path: t.path,
    title: t.title,
    units: unitList(t.assignments.map((a) => a.unit.name)),
    due: due ? chineseDate(due) : t.dueKind === 'ongoing' || t.dueKind === 'recurring' ? words().dueOngoing : words().dueUnknown,
    status: statusLabel(status),
    daysOverdue: daysOverdue({ dueDate: due }, now),
    percent: t.percent,
    lastReport: last ? (last.note !== null ? partAbout(last.note, t.pathKey) : last.percent !== null ? percentOnly(last.percent) : null) : null,
    lastReportAt: last ? chineseDate(shanghaiDay(last.createdAt)) : null,
    extensionPending: t.extensions.length > 0,
  };
}

/**
 * A numbered list; when its tasks come from more than one plan, each path carries its plan's
 * short name, since two plans both have a 二.(一).
 */
export function numbered(tasks: TaskListRow[], now: Date): TaskView[] {
  const plans = new Set(tasks.map((t) => t.planId)).size > 1;
  return tasks.map((t, i) => {
    const v = taskView(t, now);
    return { ...v, n: i + 1, path: plans ? `〔${shortPlanTitle(t.plan.title)}〕${v.path}` : v.path };
  });
}

/** "高新区2026年深化医药卫生体制改革重点工作任务" → "深化医药卫生体制改革": the words that tell plans apart. */
export function shortPlanTitle(title: string): string {
  const core = title
    .replace(/^.{0,12}?(?:省|市|县|区|旗|镇|乡|街道)(?=.{4,})/u, '')
    .replace(/^\s*(?:20\d{2}|二〇[〇一二三四五六七八九]{2})\s*(?:[-—–至]\s*20\d{2}\s*)?年度?/u, '')
    .replace(/^关于/, '')
    .replace(/(?:的)?(?:重点工作任务|工作任务|重点任务|实施方案|工作方案|行动方案|工作要点|任务分工|分工方案|方案|计划|要点|清单)+$/u, '')
    .trim();
  const words = core || title;
  return words.length > 12 ? `${words.slice(0, 11)}…` : words;
}

/** Of a message about several tasks ("2.1进度95%，2.3进度50%"), the part about the task with this path key; otherwise the whole message. */
export function partAbout(text: string, key: string | null): string {
  const parts = taskSegments(text);
  if (!parts || !key) return text;
  return parts.find((p) => pathKey(pathsIn(p)[0] ?? '') === key) ?? text;
}
