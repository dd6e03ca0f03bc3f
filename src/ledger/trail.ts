/**
 * 一事一记、全程留痕: each task's history as one ordered list of events — assigned,
 * every report with the words as sent, reminders sent and acknowledged, extensions,
 * completion claimed, confirmed or returned, and ledger corrections.
 */
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';
import type { TrailRecords } from '../store/ledger.ts';
import { cleanNote } from '../store/records.ts';
import { dayOfDate } from './format.ts';
import { fill, labels, word } from './labels.ts';
import { actionLabel } from '../render/labels.ts';
import type { LedgerTask } from './model.ts';

export interface TrailEvent {
  taskId: string;
  at: Date;
  kind: string;
  /** 任务下达, 报送进度 … */
  label: string;
  who: string;
  /** the original message, or what the record says */
  content: string;
}

type Names = Map<string, string>;

function reportEvents(r: TrailRecords, people: Names): TrailEvent[] {
  const l = labels();
  return r.reports.map((x) => {
    const direct = x.kind === 'done_confirmed' && x.note === '直接销号';
    const said = x.originalText || (x.percent !== null ? fill(l.eventText.progress!, { percent: x.percent }) : '');
    return {
      taskId: x.taskId, at: x.createdAt, kind: x.kind, label: word(l.events, direct ? 'close_direct' : x.kind),
      who: [x.unit?.name, x.personId ? people.get(x.personId) : undefined].filter(Boolean).join(' '),
      // the words as sent stay; an undone report says so
      content: `${said}${x.withdrawnAt ? l.eventText.withdrawn! : ''}`,
    };
  });
}

function extensionEvents(r: TrailRecords, people: Names, units: Names): TrailEvent[] {
  const l = labels();
  return r.extensions.flatMap((e) => {
    const who = [e.unitId ? units.get(e.unitId) : undefined, e.personId ? people.get(e.personId) : undefined].filter(Boolean).join(' ');
    const asked: TrailEvent = {
      taskId: e.taskId, at: e.createdAt, kind: 'extension_requested', label: word(l.events, 'extension_requested'), who,
      content: fill(l.eventText.extension!, { date: chineseDate(dayOfDate(e.requestedDate)!), reason: e.reason }),
    };
    if (e.state === 'pending' || !e.decidedAt) return [asked];
    const kind = e.state === 'approved' ? 'extension_approved' : 'extension_rejected';
    const date = e.approvedDate ? chineseDate(dayOfDate(e.approvedDate)!) : '';
    return [asked, {
      taskId: e.taskId, at: e.decidedAt, kind, label: word(l.events, kind), who: e.decidedBy ?? '',
      content: fill(l.eventText.extensionDecided!, { date, note: cleanNote(e.decisionNote) }),
    }];
  });
}

function reminderEvents(r: TrailRecords, units: Names): TrailEvent[] {
  const l = labels();
  const ackedByReport = new Set(r.reports.filter((x) => x.kind === 'ack' && x.reminderId).map((x) => `${x.taskId}:${x.reminderId}`));
  return r.reminderItems.flatMap((i) => {
    const rem = i.reminder;
    const who = rem.unitId ? units.get(rem.unitId) ?? '' : '';
    const content = fill(l.eventText.reminder!, { step: word(l.steps, i.step) });
    const out: TrailEvent[] = [];
    if (rem.sentAt) out.push({ taskId: i.taskId, at: rem.sentAt, kind: 'reminder_sent', label: word(l.events, 'reminder_sent'), who, content });
    else if (rem.state === 'failed') return out;
    if (rem.ackAt && !ackedByReport.has(`${i.taskId}:${rem.id}`)) {
      out.push({ taskId: i.taskId, at: rem.ackAt, kind: 'reminder_acked', label: word(l.events, 'reminder_acked'), who, content });
    }
    return out;
  });
}

/** Audit rows not already told by a report or an extension: ledger corrections and the like. */
const TOLD_ELSEWHERE = new Set(['report_progress', 'claim_done', 'confirm_done', 'close_direct', 'return_done', 'request_extension', 'decide_extension', 'approve_extension', 'reject_extension', 'ack']);

/** What an audit row records, in words: never its raw JSON. */
function auditText(action: string, detail: unknown): string {
  const l = labels();
  const d = (detail ?? {}) as { field?: string; before?: string; after?: string; path?: string; title?: string; until?: string | null; set?: Record<string, unknown>; reset?: boolean };
  switch (action) {
    case 'ledger_edit': return d.field ? fill(l.eventText.ledgerEdit!, { field: word(l.fields, d.field), before: d.before ?? '', after: d.after ?? '' }) : '';
    case 'ledger_add': return `${d.path ?? ''} ${d.title ?? ''}`.trim();
    // an admin's correction in chat after activation (commands/intents/correct-task.ts)
    case 'correct_units': case 'correct_due': case 'correct_title': case 'reassign':
      return d.field ? fill(l.eventText.ledgerEdit!, { field: word(l.fields, d.field), before: d.before ?? '', after: d.after ?? '' }) : '';
    case 'pause_reminders': return d.until ? fill(l.eventText.pause!, { until: chineseDate(d.until.slice(0, 10)) }) : l.eventText.pauseOpen!;
    case 'resume_reminders': return l.eventText.resume!;
    case 'undo': {
      const u = detail as { undid?: string; by?: string; at?: string };
      return fill(l.eventText.undo!, { action: actionLabel(u.undid ?? ''), by: u.by ?? '', at: u.at ? chineseDate(shanghaiDay(new Date(u.at))) : '' });
    }
    case 'set_reminder_policy':
      if (d.reset || !d.set) return l.eventText.policyReset!;
    {
      // in the order of the labels file (PostgreSQL's jsonb does not keep the written order)
      const set = d.set;
      const keys = [...Object.keys(l.policyFields).filter((k) => k in set), ...Object.keys(set).filter((k) => !(k in l.policyFields))];
      return keys.map((k) => fill(l.policyFields[k] ?? k, { value: Array.isArray(set[k]) ? (set[k] as unknown[]).join('、') : set[k] })).join('；');
    }
    default: return '';
  }
}

function auditEvents(r: TrailRecords): TrailEvent[] {
  const l = labels();
  return r.audits.filter((a) => a.taskId && !TOLD_ELSEWHERE.has(a.action)).map((a) => ({
    taskId: a.taskId!, at: a.at, kind: a.action, label: word(l.events, a.action in l.events ? a.action : 'other'), who: a.actorName ?? '', content: auditText(a.action, a.detail),
  }));
}

function assignedEvent(t: LedgerTask): TrailEvent {
  const l = labels();
  const names = (u: { name: string }[]) => u.map((x) => x.name).join('、') || l.none;
  return {
    taskId: t.id, at: t.createdAt, kind: 'assigned', label: word(l.events, 'assigned'), who: names([...t.leads, ...t.others]),
    // the deadline as first assigned: an approved extension is its own event
    content: fill(l.eventText.assigned!, {
      hasLeads: t.leads.length > 0, hasOthers: t.others.length > 0, leads: names(t.leads), others: names(t.others),
      due: t.originalDue ? chineseDate(t.originalDue) : t.dueText,
    }),
  };
}

/** All events per task id, oldest first; a task is assigned when it was created. */
export function buildTrail(tasks: LedgerTask[], r: TrailRecords): Map<string, TrailEvent[]> {
  const people = new Map(r.people.map((p) => [p.id, p.name]));
  const units = new Map(r.units.map((u) => [u.id, u.name]));
  const events = [
    ...tasks.map(assignedEvent),
    ...reportEvents(r, people), ...extensionEvents(r, people, units), ...reminderEvents(r, units), ...auditEvents(r),
  ];
  const out = new Map<string, TrailEvent[]>(tasks.map((t) => [t.id, []]));
  for (const e of events) out.get(e.taskId)?.push(e);
  for (const list of out.values()) list.sort((a, b) => a.at.getTime() - b.at.getTime());
  return out;
}
