/**
 * The intent registry: one handler per command kind. Adding an intent means adding a file
 * and a line here; `satisfies` makes a missing kind a compile error. Decisions that notify
 * the units (销号, 退回, 延期审批) go through `reportingDelivery`, so the answer says which units
 * were told and which have no group to tell.
 */
import type { CommandKind } from '../command.ts';
import type { IntentHandler } from './types.ts';
import { help, smallTalk, unknown } from './help.ts';
import { notReported } from './not-reported.ts';
import { reportProgress } from './report-progress.ts';
import { markDone, returnDone } from './mark-done.ts';
import { closeDirect } from './review.ts';
import { undo } from './undo.ts';
import { planStatus } from './plan-status.ts';
import { requestExtension, decideExtension } from './request-extension.ts';
import { ack } from './ack.ts';
import { unsigned } from './unsigned.ts';
import { queryOverdue, queryDueSoon, queryUnit, queryTask, summary, byProgress } from './queries.ts';
import { bindGroup, setRole, pauseReminders } from './admin.ts';
import { clarify } from './clarify.ts';
import { reminderPolicy } from './reminder-policy.ts';
import { exportLedger, bulletin, dashboard } from './ledger.ts';
import { reportingDelivery } from './responsibility.ts';
import { pendingReviews } from './review-queries.ts';
import { reassign } from './reassign.ts';
import { correctTask, removeTask, page } from './correct-task.ts';

/**
 * choose/confirm/cancel answer an open dialogue, and retarget (a report put right onto another task)
 * undoes one command and acts on another: the conversation handles them.
 */
export type DialogKind = 'choose' | 'confirm' | 'cancel' | 'retarget';

export const intents = {
  report_progress: reportProgress,
  mark_done: reportingDelivery(markDone),
  request_extension: requestExtension,
  ack,
  sign: ack,
  unsigned,
  query_overdue: queryOverdue,
  query_due_soon: queryDueSoon,
  query_unit: queryUnit,
  my_tasks: queryUnit,
  pending_reviews: pendingReviews,
  by_progress: byProgress,
  not_reported: notReported,
  small_talk: smallTalk,
  query_task: queryTask,
  summary,
  bind_group: bindGroup,
  help,
  unknown,
  clarify,
  decide_extension: reportingDelivery(decideExtension),
  return_done: reportingDelivery(returnDone),
  close_direct: reportingDelivery(closeDirect),
  undo: reportingDelivery(undo),
  plan_status: planStatus,
  set_role: setRole,
  pause_reminders: pauseReminders,
  resume_reminders: pauseReminders,
  reminder_policy: reminderPolicy,
  export_ledger: exportLedger,
  bulletin,
  dashboard,
  reassign: reportingDelivery(reassign),
  correct_task: reportingDelivery(correctTask),
  remove_task: reportingDelivery(removeTask),
  page,
} satisfies Record<Exclude<CommandKind, DialogKind>, IntentHandler>;
