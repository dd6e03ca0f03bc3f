/**
 * 签收, pure: when a task reaches a unit (plan activation, 交办, 改派) the unit is sent a
 * notice at once (or at the next allowed instant: working day, 08–20) and must sign for it
 * within `signWorkdays` working days — by the end of the N-th working day after the notice.
 * Unsigned, it gets a 签收提醒 at the policy hour on its last day, then every
 * `overdueEveryWorkdays` working days (领办逾期, counted apart from 办理逾期).
 */
import { shanghaiDay, shanghaiInstant } from '../lib/shanghai.ts';
import type { Policy } from './policy-config.ts';
import { nextAllowedInstant, type WorkdayIndex } from './policy-days.ts';

/** The instant the task notice goes out: second precision, so every task of one activation shares it. */
export function noticeInstant(reachedAt: Date, days: WorkdayIndex, hour: number): Date {
  const at = nextAllowedInstant(reachedAt, days, hour);
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

/** The last day to sign on ('YYYY-MM-DD', Asia/Shanghai): signWorkdays working days after the notice's day. */
export function signDueDay(reachedAt: Date, policy: Pick<Policy, 'signWorkdays' | 'hour'>, days: WorkdayIndex): string {
  return days.add(shanghaiDay(noticeInstant(reachedAt, days, policy.hour)), policy.signWorkdays);
}

/** Past the 签收 period at `now` (领办逾期): working days late, 0 while still in time. */
export function signLateWorkdays(reachedAt: Date, policy: Pick<Policy, 'signWorkdays' | 'hour'>, now: Date, days: WorkdayIndex): number {
  const due = signDueDay(reachedAt, policy, days);
  const today = shanghaiDay(now);
  if (today <= due) return 0;
  return Math.max(1, days.between(due, today));
}

/**
 * The notice and 签收提醒 slots in [from, to] of a task not yet signed for; no notice when the
 * message that gave the task (交办, 改派) already told the unit (`told`).
 */
export function signSlots(reachedAt: Date, policy: Policy, from: Date, to: Date, days: WorkdayIndex, told = false): { at: Date; step: 'notice' | 'sign'; workdaysOverdue: number }[] {
  const out: { at: Date; step: 'notice' | 'sign'; workdaysOverdue: number }[] = [];
  const notice = noticeInstant(reachedAt, days, policy.hour);
  if (!told && notice >= from && notice <= to) out.push({ at: notice, step: 'notice', workdaysOverdue: 0 });
  const due = days.add(shanghaiDay(notice), policy.signWorkdays);
  const toDay = shanghaiDay(to);
  const fromDay = shanghaiDay(from);
  let day = due >= fromDay ? due : days.next(fromDay);
  for (let k = days.between(due, day); day <= toDay; day = days.add(day, 1), k += 1) {
    if (k > 0 && (k - 1) % policy.overdueEveryWorkdays !== 0) continue;
    const at = shanghaiInstant(day, policy.hour);
    if (at > notice && at >= from && at <= to) out.push({ at, step: 'sign', workdaysOverdue: k });
  }
  return out;
}

