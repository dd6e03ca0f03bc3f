/**
 * An understood message, ready to act on: the parser's intent and slots, merged with its
 * directive (leader decisions, admin settings, dialogue answers: the kinds the evaluation
 * vocabulary does not name, whose fields carry the names used here). The one type every
 * intent handles; built by `understand` (src/commands/understand.ts).
 */
import type { BadDate, Directive, HELP_TOPICS, ParseContext } from './parse/schema.ts';
import type { Correction } from './parse/correction.ts';

export const COMMAND_KINDS = [
  'report_progress', 'mark_done', 'request_extension', 'ack',
  'query_overdue', 'query_due_soon', 'query_unit', 'query_task', 'summary',
  'bind_group', 'help', 'unknown', 'clarify',
  'decide_extension', 'return_done', 'set_role', 'pause_reminders', 'resume_reminders', 'reminder_policy',
  'export_ledger', 'bulletin', 'dashboard', 'my_tasks', 'pending_reviews', 'by_progress', 'not_reported', 'small_talk',
  'undo', 'plan_status', 'close_direct', 'sign', 'unsigned',
  'correct_task', 'remove_task', 'page', 'reassign', 'retarget',
  'choose', 'confirm', 'cancel',
] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

export interface Command {
  kind: CommandKind;
  /** task reference as written (2.3, 二（三）, 第3项, 急救能力) */
  task: string | null;
  /** canonical unit name */
  unit: string | null;
  percent: number | null;
  /** 'YYYY-MM-DD' */
  date: string | null;
  window: string | null;
  reason: string | null;
  /** set_role: the person's name and the role; bind_group: 'leaders' binds the leaders' group */
  person?: string | null;
  role?: 'member' | 'leader' | 'admin' | null;
  leaders?: boolean;
  /** decide_extension */
  approve?: boolean;
  /** decide_extension: a bare 同意 / 不同意 naming no extension (the pending or quoted request is meant) */
  bare?: boolean;
  /**
   * decide_extension: a short answer (可以, 行, 不行，…, 退回，…) that decides only the notice it
   * quotes (a 办结 notice or an extension request); otherwise the message is `orElse`.
   */
  replyOnly?: boolean;
  /** decide_extension: a bare decision after a unit's name (财政那个也同意) decides only what that unit waits on */
  decidedUnit?: string;
  orElse?: 'unknown' | 'ack';
  /** retarget: the task the speaker's last report was wrongly put on (不对，是二（四）不是二（六）: 二（六）) */
  from?: string;
  /** mark_done: worded as a review (2.3 销号, 同意销号), not as a claim (已办结, 请领导销号) */
  review?: boolean;
  /** pending_reviews: claimed completions awaiting 销号, or extension requests awaiting approval (done, extension, all); by_progress: untouched or slowest; undo: the action named (confirm_done, return_done, …) */
  what?: string | null;
  /** plan_status: the plan named (title or part of it) and the status asked for */
  plan?: string | null;
  status?: 'active' | 'archived';
  /** small_talk: a greeting, thanks, a question outside the bot's work, or words to everyone in the group (大家注意保暖) */
  aside?: 'greeting' | 'thanks' | 'off_topic' | 'to_everyone';
  /** help: the topic asked about (templates/help-<topic>.md); none: the whole manual */
  topic?: (typeof HELP_TOPICS)[number];
  /**
   * Slips of input read as the words acted on (半结 → 办结) where the reading changes what the
   * message means: the conversation asks "您是说「办结」吗？" before a change of state.
   */
  guesses?: { wrote: string; read: string }[];
  /** reassign (改派): the units the task, or one unit's part of it, moves to */
  reassign?: import('./parse/reassign.ts').Reassignment;
  /** choose: 1-based */
  index?: number;
  /** reminder_policy: show, change or reset the reminder settings of a task or a plan */
  policy?: Extract<Directive, { kind: 'reminder_policy' }>['policy'];
  /** a progress note: the message text without the task reference */
  note?: string | null;
  /**
   * report_progress / mark_done: the message that carried the report, kept when the bot asks
   * which task is meant, so the answer ("2") only chooses the task (see intents/report-progress.ts)
   */
  said?: { messageId: string; text: string };
  /** `date` was written without its year (12月1日, 月底): the parser chose the next occurrence */
  yearImplied?: boolean;
  /** the speaker confirmed a date the bot questioned (a year the parser chose) */
  dateConfirmed?: boolean;
  /** a day was written that does not exist (2月30日): the command must not act as if no date was given */
  badDate?: BadDate;
  /** a query names a whole period (明年上半年): its first day, `date` being its last */
  periodFrom?: string;
  /** a progress figure over 100 was written (进度120%) */
  badPercent?: number;
  /** report_progress: how far said in words only (差不多了, 基本完成): the bot asks for the figure */
  vagueAmount?: boolean;
  /** the part a report says is done (parse schema `donePart`) */
  donePart?: string;
  /**
   * correct_task / remove_task / page: an admin's correction of a task ("3.2 牵头单位改为…",
   * "删除 4.1", "恢复 4.1") or a page of the import review (下一页): parse/correction.ts
   */
  correction?: Correction;
}

export function emptyCommand(kind: CommandKind): Command {
  return { kind, task: null, unit: null, percent: null, date: null, window: null, reason: null };
}

/** Text → a command, or one command per task when the message is about several tasks. */
export type Understand = (text: string, ctx: Omit<ParseContext, 'units'> & {
  units: ParseContext['units'];
  /** the kind of the question the bot is waiting on an answer to (extension_missing, choose_task), if any */
  expecting?: string | null;
}) => Command | Command[] | Promise<Command | Command[]>;
