/**
 * The reminder policy as configuration: the 督办 ladder (提醒 → 催办 → 领导督办) and its
 * thresholds differ between cities, so every number here can be overridden per plan
 * (Plan.reminderPolicy JSON) and per task. Overrides are zod-parsed on read; a bad
 * override is ignored field by field rather than silencing a plan's reminders.
 */
import { z } from 'zod';

/** Quiet hours, Asia/Shanghai: nothing is ever sent from 20:00 to 08:00. */
export const QUIET_START_HOUR = 20;
export const QUIET_END_HOUR = 8;

export const PolicySchema = z.object({
  /** false: this plan or task gets no reminders at all */
  enabled: z.boolean(),
  /** hour of every slot, Asia/Shanghai, inside the allowed 08–20 window */
  hour: z.number().int().min(QUIET_END_HOUR).max(QUIET_START_HOUR - 1),
  /** working days before the deadline that get a reminder */
  beforeWorkdays: z.array(z.number().int().min(1).max(60)).max(10),
  /** a reminder on the deadline itself (when it is a working day) */
  onDueDay: z.boolean(),
  /** while overdue: a reminder every this many working days */
  overdueEveryWorkdays: z.number().int().min(1).max(20),
  /**
   * escalation to the leaders' group once the task has been overdue for more than this
   * many working days (3 → from the 4th overdue working day on)
   */
  escalateAfterWorkdays: z.number().int().min(0).max(60),
  /** recurring tasks (每年/每季度/每月): one reminder this many working days before the period ends (1 = its last working day) */
  recurringWorkdaysBeforeEnd: z.number().int().min(1).max(30),
  /** weekly digest to the leaders' group: ISO weekday (1 = Monday) */
  digestWeekday: z.number().int().min(1).max(7),
  /** 销号需佐证材料: a 办结 claim without 佐证材料 waits for them instead of going to the leaders */
  evidenceRequired: z.boolean(),
});
export type Policy = z.infer<typeof PolicySchema>;

export const DEFAULT_POLICY: Policy = {
  enabled: true,
  hour: 9,
  beforeWorkdays: [7, 3, 1],
  onDueDay: true,
  overdueEveryWorkdays: 1,
  escalateAfterWorkdays: 3,
  recurringWorkdaysBeforeEnd: 5,
  digestWeekday: 1,
  evidenceRequired: false,
};

/** The keys an admin may set ("催办提前天数" etc. map onto these). */
export const PolicyOverrides = PolicySchema.partial();
export type PolicyOverrides = z.infer<typeof PolicyOverrides>;

/** Keep the valid fields of an override, drop the rest (anything not an object gives {}). */
export function validFields(raw: unknown): PolicyOverrides {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const whole = PolicyOverrides.safeParse(raw);
  if (whole.success) return whole.data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const field = PolicySchema.shape[k as keyof Policy];
    if (field?.safeParse(v).success) out[k] = v;
  }
  return out as PolicyOverrides;
}

const cache = new Map<string, Policy>();

/**
 * The effective policy of one task: defaults ← process-wide defaults (config) ← plan ←
 * task. Cached by content: 100,000 tasks share a handful of policies.
 */
export function resolvePolicy(planOverrides: unknown, taskOverrides?: unknown, base: PolicyOverrides = {}): Policy {
  const key = JSON.stringify([planOverrides ?? null, taskOverrides ?? null, base]);
  const hit = cache.get(key);
  if (hit) return hit;
  const p: Policy = { ...DEFAULT_POLICY, ...validFields(base), ...validFields(planOverrides), ...validFields(taskOverrides) };
  p.beforeWorkdays = [...new Set(p.beforeWorkdays)].sort((a, b) => b - a);
  if (cache.size > 1000) cache.clear();
  cache.set(key, p);
  return p;
}
