/** A task's page: its facts and its whole history (一事一记), times in Shanghai. */
import { statusLabel } from '../render/labels.ts';
import { shanghaiStamp } from '../ledger/format.ts';
import type { LedgerTask } from '../ledger/model.ts';
import type { TrailEvent } from '../ledger/trail.ts';

export function taskModel(t: LedgerTask, extra: { plan: string; origin?: string | null; text: string; now: Date; back: string }, events: TrailEvent[]) {
  const names = (u: { name: string }[]) => u.map((x) => x.name).join('、');
  return {
    path: t.path, title: t.title, plan: extra.plan, origin: extra.origin ?? null, text: extra.text, asOf: shanghaiStamp(extra.now), back: extra.back,
    status: t.status, statusLabel: statusLabel(t.status), daysLate: t.daysLate, extensionPending: t.extensionPending,
    leads: names(t.leads), others: names(t.others), due: t.dueText, percent: t.percent, extension: t.extensionText,
    lastReport: t.lastReportAt ? shanghaiStamp(t.lastReportAt) : '', targets: t.targets, signing: t.signingText,
    // newest first: what a leader opening the page wants to see
    events: [...events].reverse().map((e) => ({ at: shanghaiStamp(e.at), label: e.label, who: e.who, content: e.content })),
  };
}
