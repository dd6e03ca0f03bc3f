/**
 * The parser's contract as zod schemas: the 13 evaluation intents with their six slots
 * (judged by ../shared/eval/chat-labeling.md), plus `directive` — what the conversation layer
 * needs beyond that vocabulary (leader decisions, admin settings, dialogue answers). Its fields
 * carry the names of src/commands/command.ts, which merges them into the one `Command`.
 */
import { z } from 'zod';
import type { WorkCalendar } from '../../tasks/calendar.ts';
import { ReportCycle } from '../../tasks/cycles.ts';

export const INTENTS = [
  'report_progress', 'mark_done', 'request_extension', 'ack',
  'query_overdue', 'query_due_soon', 'query_unit', 'query_task', 'summary',
  'bind_group', 'help', 'unknown', 'clarify',
] as const;
export const Intent = z.enum(INTENTS);
export type Intent = z.infer<typeof Intent>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Slots = z.object({
  task: z.string().min(1).nullable().describe('task reference as written: 2.3, 二（三）, 第3项, 急救能力'),
  unit: z.string().min(1).nullable().describe('canonical unit name from the directory'),
  percent: z.number().int().min(0).max(100).nullable().describe('completion progress 0–100'),
  date: day.nullable().describe('the one calendar day named, Asia/Shanghai, YYYY-MM-DD'),
  window: z.string().regex(/^(?:today|tomorrow|this_week|next_week|this_month|next_month|this_quarter|this_year|next_\d+d|overdue>\d+d)$/).nullable().describe('period of a query or summary'),
  reason: z.string().min(1).nullable().describe('stated cause of an extension request, as written'),
}).strict();
export type Slots = z.infer<typeof Slots>;

const task = z.string().nullable();

/** The topics help answers on their own (templates/help-<topic>.md). */
export const HELP_TOPICS = ['reporting', 'done', 'extension', 'reminders', 'binding', 'import', 'ledger'] as const;

/** What a message asks beyond the evaluation vocabulary; `intent` keeps the labelling-rule intent. */
export const Directive = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('decide_extension'), approve: z.boolean(), task, date: day.nullable(), reason: z.string().nullable(), bare: z.boolean().optional(), replyOnly: z.boolean().optional(), decidedUnit: z.string().optional().describe('财政那个也同意: the unit whose pending request is decided') })
    .describe('同意延期 / 同意 2.3 延期到3月31日 / 驳回 2.3 延期，理由… / a bare 同意 or 不同意 (bare: true), deciding the pending or quoted request; replyOnly: 可以/行/不行/退回… that decides only a quoted notice'),
  z.object({ kind: z.literal('return_done'), task, reason: z.string().nullable() }).describe('退回 2.3，佐证材料不全'),
  z.object({ kind: z.literal('bind_group'), unit: z.string().nullable(), leaders: z.boolean() }).describe('本群绑定 区卫生健康局 / 本群绑定 领导群'),
  z.object({ kind: z.literal('set_role'), person: z.string(), role: z.enum(['member', 'leader', 'admin']), unit: z.string().nullable() })
    .describe('设置 张三 为 医疗保障分局 联络员 / 设置 李四 为 领导 / 管理员'),
  z.object({ kind: z.literal('pause_reminders'), task, unit: z.string().nullable(), date: day.nullable() }).describe('暂停 2.3 提醒到12月1日'),
  z.object({ kind: z.literal('resume_reminders'), task, unit: z.string().nullable() }).describe('恢复 2.3 提醒'),
  z.object({
    kind: z.literal('reminder_policy'), task,
    policy: z.object({
      action: z.enum(['show', 'set', 'reset']), plan: z.string().nullable(),
      set: z.object({
        beforeWorkdays: z.array(z.number().int()), onDueDay: z.boolean(), overdueEveryWorkdays: z.number().int(),
        escalateAfterWorkdays: z.number().int(), hour: z.number().int(), enabled: z.boolean(), evidenceRequired: z.boolean(),
        signWorkdays: z.number().int(), reportCycle: ReportCycle.nullable(),
      }).partial(),
    }),
  }).describe('2.3 提醒改为提前5、2、1个工作日 / 本方案逾期5个工作日后上报领导 / 查看提醒设置 / 2.3 提醒恢复默认 / 本方案销号需佐证材料'),
  z.object({ kind: z.literal('export_ledger'), unit: z.string().nullable() }).describe('导出台账'),
  z.object({ kind: z.literal('bulletin'), window: z.string().nullable() }).describe('出一期通报'),
  z.object({ kind: z.literal('dashboard') }).describe('看板'),
  z.object({ kind: z.literal('my_tasks') }).describe('我的任务'),
  z.object({ kind: z.literal('pending_reviews'), what: z.enum(['done', 'extension', 'all']), unit: z.string().nullable() })
    .describe('待销号的有哪些 (claimed completions awaiting review) / 有哪些延期申请, 待审批的延期 (pending extension requests)'),
  z.object({ kind: z.literal('by_progress'), what: z.enum(['untouched', 'slowest']) })
    .describe('哪些还一点没动 (open, nothing reported, 0 %) / 进度最慢的是哪几项 (open tasks at the lowest figure)'),
  z.object({ kind: z.literal('retarget'), task, from: z.string() })
    .describe('不对，是二（四）不是二（六）: what the speaker just reported on `from` was meant for `task`'),
  z.object({ kind: z.literal('undo'), task, date: day.nullable(), what: z.string().nullable() })
    .describe('撤销 / 撤回刚才的销号 / 撤销 12月3日 二（一）的销号: take back one\'s own change (what: the action named, if any)'),
  z.object({ kind: z.literal('plan_status'), plan: z.string().nullable(), status: z.enum(['active', 'archived']) }).describe('停用方案《…》 / 恢复方案《…》'),
  z.object({ kind: z.literal('close_direct'), task }).describe('直接销号 二（三）: close a task nobody claimed, named explicitly'),
  z.object({ kind: z.literal('not_reported'), window: z.string().nullable() })
    .describe('哪些单位还没报送 / 这周谁还没反馈: the units with open tasks and no report since the last reminder, or in the window'),
  z.object({ kind: z.literal('sign'), task }).describe('签收 / 已签收，马上办 / 签收 2.3: the unit signs for the task, or for the tasks of the notice it replies to'),
  z.object({ kind: z.literal('unsigned'), unit: z.string().nullable() }).describe('哪些还没签收 / 未签收的: units and tasks past their 签收 period'),
  z.object({ kind: z.literal('small_talk'), aside: z.enum(['greeting', 'thanks', 'off_topic', 'to_everyone']) })
    .describe('你好 / 谢谢 / 今天中午食堂吃什么, 民政局电话多少: a one-line answer, not the list of commands'),
  z.object({ kind: z.literal('help'), topic: z.enum(HELP_TOPICS) }).describe('how to report, ask for an extension, set reminders, bind a group, close a task…'),
  z.object({ kind: z.literal('choose'), index: z.number().int().min(1) }).describe('answer to a numbered question: 1, 第二个, 2号'),
  z.object({ kind: z.literal('confirm') }).describe('确认 (a pending import)'),
  z.object({ kind: z.literal('cancel') }).describe('取消'),
]);
export type Directive = z.infer<typeof Directive>;

/** A day written that does not exist: 13月 (noMonth), 2月30日, 4月31日, 2027年2月29日 (notLeap). */
export const BadDate = z.object({
  year: z.number().int().nullable(), month: z.number().int(), day: z.number().int().nullable(), noMonth: z.boolean(), notLeap: z.boolean(),
});
export type BadDate = z.infer<typeof BadDate>;

export const ParseResult = z.object({
  intent: Intent, slots: Slots, directive: Directive.optional(),
  badDate: BadDate.optional().describe('a date was written that does not exist; the message must not be acted on as if no date was given'),
  periodFrom: z.string().optional().describe('a query names a whole period (明年上半年到期的, 3月份到期的): its first day, `date` being its last'),
  badPercent: z.number().optional().describe('a progress figure over 100% was written (进度120%)'),
  vagueAmount: z.literal(true).optional().describe('a progress report saying how far in words only (差不多了, 基本完成): the figure is asked for'),
  donePart: z.string().optional().describe('a report that a part of the task is done names the part (2.3 胸痛中心建设已完成 → 胸痛中心); the part that restates the task\'s title is the whole task'),
  guesses: z.array(z.object({ wrote: z.string(), read: z.string() })).optional()
    .describe('slips of input read as the words acted on (办洁 → 办结), given only when the reading changes the result'),
}).strict();
export type ParseResult = z.infer<typeof ParseResult>;

export interface ParseContext {
  /** the instant the message was received; dates are relative to its Shanghai day */
  now: Date;
  /** the unit directory: canonical names and their aliases */
  units: { name: string; aliases: string[] }[];
  calendar: WorkCalendar;
}

export const EMPTY_SLOTS: Slots = Object.freeze({ task: null, unit: null, percent: null, date: null, window: null, reason: null }) as Slots;
