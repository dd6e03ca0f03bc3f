/** Task rows → the data templates show (path, title, unit, deadline in Chinese, status). */
import type { TaskListRow } from '../../store/tasks.ts';
import { chineseDate, shanghaiDay } from '../../lib/shanghai.ts';
import { daysOverdue, dayOf, taskStatus } from '../../tasks/status.ts';
import { percentOnly, statusLabel, unitList, words } from '../../render/labels.ts';
import { pathKey, pathsIn } from '../../tasks/path-key.ts';
import { shortPlanTitle } from '../../tasks/plan-title.ts';
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


/** Of a message about several tasks ("2.1进度95%，2.3进度50%"), the part about the task with this path key; otherwise the whole message. */
export function partAbout(text: string, key: string | null): string {
  const parts = taskSegments(text);
  if (!parts || !key) return text;
  return parts.find((p) => pathKey(pathsIn(p)[0] ?? '') === key) ?? text;
}
