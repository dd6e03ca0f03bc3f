/** Task rows → the data templates show (path, title, unit, deadline in Chinese, status). */
import type { TaskListRow } from '../../store/tasks.ts';
import { chineseDate, shanghaiDay } from '../../lib/shanghai.ts';
import { STATUS_LABEL, daysOverdue, dayOf, taskStatus } from '../../tasks/status.ts';
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
    units: t.assignments.map((a) => a.unit.name).join('、') || '未明确',
    due: due ? chineseDate(due) : t.dueKind === 'ongoing' || t.dueKind === 'recurring' ? '持续推进' : '待补充',
    status: STATUS_LABEL[status],
    daysOverdue: daysOverdue({ dueDate: due }, now),
    percent: t.percent,
    lastReport: last ? (last.note !== null ? partAbout(last.note, t.pathKey) : last.percent !== null ? `进度${last.percent}%` : null) : null,
    lastReportAt: last ? chineseDate(shanghaiDay(last.createdAt)) : null,
    extensionPending: t.extensions.length > 0,
  };
}

export function numbered(tasks: TaskListRow[], now: Date): TaskView[] {
  return tasks.map((t, i) => ({ ...taskView(t, now), n: i + 1 }));
}

/** Of a message about several tasks ("2.1进度95%，2.3进度50%"), the part about the task with this path key; otherwise the whole message. */
export function partAbout(text: string, key: string | null): string {
  const parts = taskSegments(text);
  if (!parts || !key) return text;
  return parts.find((p) => pathKey(pathsIn(p)[0] ?? '') === key) ?? text;
}
