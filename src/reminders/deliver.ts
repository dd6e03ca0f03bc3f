/**
 * The 'send-reminder' job processor. Its first act is a conditional claim in PostgreSQL
 * (queued → sending): if the claim changes nothing, another worker has the row or it is
 * already sent, and the job ends. Then it re-checks which tasks still need the nudge,
 * renders one message for the unit, sends it to the unit's bound group(s) by routes that
 * work unprompted (group robot webhook or app/group send — never a DingTalk
 * sessionWebhook or a WeCom AI-bot response_url, which expire) and, for escalations, to
 * the leaders' group. Every attempt is a Delivery row; a retry never re-sends to a target
 * already reached, nor to one whose attempt ended with its outcome unknown (a timeout after
 * the request left, or a worker that died mid-send): those stay 'unknown' for operators. Retryable failures throw so BullMQ backs off; permanent ones are
 * recorded failed and thrown as permanent (UnrecoverableError in src/queue/).
 */
import type { ReminderStore } from '../store/reminders.ts';
import type { WorkCalendar } from '../tasks/calendar.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Destination, OutboundMessage, PlatformName, Sender, SendResult } from '../channels/types.ts';
import { render, type RenderChannel } from '../render/render.ts';
import { createHash } from 'node:crypto';
import { buildCard } from '../render/card.ts';
import { composeUnitReminder, escalationData, unitMessageData, type Composed, type UnitReach } from './compose.ts';
import { digestData, type DigestDeps } from './digest.ts';
import type { PolicyOverrides } from './policy.ts';

export type Senders = Partial<Record<PlatformName, Sender>>;

/** BullMQ's attempts for reminder jobs (DEFAULT_JOB_OPTIONS in src/queue/queues.ts). */
export const MAX_ATTEMPTS = 8;
/** a job may run this much before its slot (clock drift between processes) */
const EARLY_TOLERANCE_MS = 60_000;

export interface DeliverDeps {
  store: ReminderStore;
  tasks: DigestDeps['tasks'];
  senders: Senders;
  calendar: WorkCalendar;
  clock: Clock;
  log: Logger;
  base?: PolicyOverrides;
  /** the weekly 通报 (.docx) attached to the digest; a failure to build it never holds the digest back */
  weeklyBulletin?: (now: Date) => Promise<{ name: string; content: Buffer } | null>;
}

/** A send that failed: `permanent` stops BullMQ retrying; `retryAfterMs` is the platform's rate-limit hint. */
export class ReminderSendError extends Error {
  override name = 'ReminderSendError';
  constructor(message: string, readonly permanent: boolean, readonly code?: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

interface Group { platform: PlatformName; chatId: string; webhookUrl: string | null; webhookSecret: string | null }
interface Target { group: Group; message: OutboundMessage }

const targetKey = (g: Group) => `${g.platform}:${g.chatId}`;

function outbound(key: 'reminders/unit' | 'reminders/escalate' | 'reminders/digest', data: Record<string, unknown>, platform: PlatformName, listKey: string, mention: string[] = []): OutboundMessage {
  const r = render(key, data, { channel: platform as RenderChannel, listKey });
  return { markdown: r.markdown, text: r.text, mention };
}

async function sendOne(deps: DeliverDeps, reminderId: string, t: Target): Promise<SendResult> {
  const sender = deps.senders[t.group.platform];
  const route = `${t.group.platform}_${t.group.webhookUrl ? 'webhook' : 'group'}`;
  const attempt = await deps.store.startAttempt({ reminderId, route, target: targetKey(t.group), at: deps.clock.now() });
  let result: SendResult;
  if (!sender) result = { ok: false, code: 'NO_CHANNEL', error: `channel ${t.group.platform} is not configured`, retryable: false };
  else {
    const to: Destination = { kind: 'group', platform: t.group.platform, chatId: t.group.chatId, webhookUrl: t.group.webhookUrl, webhookSecret: t.group.webhookSecret };
    result = await sender.send(to, t.message).catch((e: Error) => ({ ok: false, code: 'NETWORK', error: e.message, retryable: true }));
  }
  await deps.store.endAttempt(attempt.id, result);
  return result;
}

/**
 * Send to every target not yet reached, then settle the row. `then` builds the targets
 * that depend on how the first ones went (the leaders' escalation says whether the unit
 * was reached); they wait while a first target is still being retried.
 */
async function sendAll(deps: DeliverDeps, reminderId: string, targets: Target[], text: string | null, attemptsMade: number, then?: (firstReached: boolean) => Target[]): Promise<void> {
  const { store, log } = deps;
  const before = await store.reachedTargets(reminderId);
  const reached = new Set(before.keys());
  const reachedBefore = reached.size;
  const results: SendResult[] = [];
  const send = async (list: Target[]) => {
    for (const t of list) {
      if (reached.has(targetKey(t.group))) continue;
      const r = await sendOne(deps, reminderId, t);
      results.push(r);
      if (r.ok) reached.add(targetKey(t.group));
    }
  };
  await send(targets);
  const retrying = results.some((r) => !r.ok && r.retryable) && attemptsMade + 1 < MAX_ATTEMPTS;
  const later = then && !retrying ? then(targets.some((t) => reached.has(targetKey(t.group)))) : [];
  await send(later);
  const body = text ?? later[0]?.message.markdown ?? '';
  const retry = results.find((r) => !r.ok && r.retryable);
  const failed = results.filter((r) => !r.ok);
  const error = failed.map((r) => `${r.code ?? 'ERROR'} ${r.error ?? ''}`.trim()).join('; ') || null;
  const now = deps.clock.now();
  if (retry && attemptsMade + 1 < MAX_ATTEMPTS) {
    await store.finish(reminderId, 'queued', { at: now, error });
    log.warn({ reminderId, code: retry.code, retryAfterMs: retry.retryAfterMs }, 'reminder send failed, will retry');
    throw new ReminderSendError(`reminder ${reminderId}: ${error}`, false, retry.code, retry.retryAfterMs);
  }
  if (reachedBefore === 0 && results.length > 0 && results.every((r) => !r.ok)) {
    await store.finish(reminderId, results.some((r) => r.uncertain) ? 'unknown' : 'failed', { at: now, error });
    log.warn({ reminderId, error }, 'reminder failed permanently');
    throw new ReminderSendError(`reminder ${reminderId}: ${error}`, true, failed[0]?.code);
  }
  if (!results.length && reachedBefore > 0 && ![...before.values()].includes('sent')) {
    // A dead worker's sends whose outcome is unknown, and nothing else to send: not sent again.
    await store.finish(reminderId, 'unknown', { at: now, error: 'outcome unknown: the worker stopped mid-send; not sent again' });
    return void log.warn({ reminderId }, 'reminder outcome unknown; not sent again');
  }
  await store.finish(reminderId, 'sent', { at: now, text: body, error });
  log.info({ reminderId, targets: targets.length + later.length, failed: failed.length }, 'reminder sent');
}

/** The unit's messages now; the leaders' escalation once it is known whether the unit was reached. */
async function unitTargets(deps: DeliverDeps, c: Composed, reminderId: string): Promise<{ unit: Target[]; leaders: ((unitReached: boolean) => Target[]) | null }> {
  const groups = (await deps.store.unitGroups(c.unitId)) as Group[];
  // a reminder about one task is a card where the route carries cards: 签收 / 查看任务 for a new
  // task or a 签收提醒, else 报进展 / 申请延期 / 已办结 / 查看任务
  const only = c.items.length === 1 ? c.items[0]! : null;
  const kind = only && (only.notice || only.step === 'sign') ? 'task' : 'reminder';
  const unit = groups.map((g, i) => ({
    group: g,
    message: {
      ...outbound('reminders/unit', unitMessageData(c), g.platform, 'items', c.members.filter((m) => m.platform === g.platform).map((m) => m.userId)),
      ...(only ? { card: buildCard(kind, { id: cardIdOf(reminderId, i + 1), taskId: only.taskId, data: { ...only } }) } : {}),
    },
  }));
  if (!c.escalated.length) return { unit, leaders: null };
  const leaderGroups = (await deps.store.leaderGroups()) as Group[];
  if (!leaderGroups.length) return { unit, leaders: null };
  const unitReach = (reached: boolean) => (!groups.length ? 'no_group' : reached ? 'reached' : 'failed') as UnitReach;
  return {
    unit,
    leaders: (reached) => leaderGroups.map((g) => ({ group: g, message: outbound('reminders/escalate', escalationData(c, unitReach(reached)), g.platform, 'items') })),
  };
}

/** A card id (letters, digits, _-@, ≤ 128) from the reminder's id (remind:<unitId>:<slot ISO>), unique per reminder and group. */
function cardIdOf(reminderId: string, n: number): string {
  return `r-${createHash('sha256').update(reminderId).digest('hex').slice(0, 32)}-${n}`;
}

async function weeklyBulletin(deps: DeliverDeps, now: Date): Promise<{ name: string; content: Buffer } | null> {
  if (!deps.weeklyBulletin) return null;
  try {
    return await deps.weeklyBulletin(now);
  } catch (e) {
    deps.log.error({ err: (e as Error).message }, 'weekly bulletin could not be built; digest sent without it');
    return null;
  }
}

/** The job processor for 'send-reminder' and 'resend-reminder'. */
export async function deliverReminder(deps: DeliverDeps, reminderId: string, job: { attemptsMade: number } = { attemptsMade: 0 }): Promise<void> {
  const { store, log } = deps;
  const row = await store.get(reminderId);
  if (!row) return void log.debug({ reminderId }, 'reminder row gone (rescheduled or dropped); nothing to do');
  if (row.slot.getTime() - deps.clock.now().getTime() > EARLY_TOLERANCE_MS) {
    // Only a hand-promoted job runs early; never send before the slot (BullMQ retries later).
    throw new ReminderSendError(`reminder ${reminderId} woke before its slot ${row.slot.toISOString()}`, false, 'EARLY');
  }
  if (!(await store.claim(reminderId))) return void log.debug({ reminderId, state: row.state }, 'reminder already claimed or settled');
  const now = deps.clock.now();
  if (row.kind === 'digest') {
    const file = await weeklyBulletin(deps, now);
    const data = { ...(await digestData(deps, now)), bulletinFile: file?.name ?? null };
    const targets = ((await store.leaderGroups()) as Group[]).map((g) => ({ group: g, message: { ...outbound('reminders/digest', data, g.platform, 'overdue'), ...(file ? { file } : {}) } }));
    if (!targets.length) return void (await store.drop(reminderId), log.info({ reminderId }, 'no leaders group bound; digest skipped'));
    return sendAll(deps, reminderId, targets, targets[0]!.message.markdown, job.attemptsMade);
  }
  const composed = row.unitId ? await composeUnitReminder({ store, calendar: deps.calendar, base: deps.base }, { ...row, unitId: row.unitId }, now) : null;
  if (!composed) return void (await store.drop(reminderId), log.info({ reminderId }, 'no task still needs this reminder; dropped'));
  const { unit, leaders } = await unitTargets(deps, composed, reminderId);
  if (!unit.length) {
    // Recorded so admins see it in the ledger; leaders still hear of an escalation.
    const a = await store.startAttempt({ reminderId, route: 'none', target: `unit:${composed.unitId}`, at: now });
    await store.endAttempt(a.id, { ok: false, code: 'NO_GROUP', error: `unit ${composed.unitName} has no bound group` });
    log.warn({ reminderId, unit: composed.unitName }, 'unit has no bound group: bind one with "绑定本群"');
    if (!leaders) {
      await store.finish(reminderId, 'failed', { at: now, error: 'NO_GROUP: the unit has no bound group' });
      throw new ReminderSendError(`reminder ${reminderId}: unit ${composed.unitName} has no bound group`, true, 'NO_GROUP');
    }
  }
  await sendAll(deps, reminderId, unit, unit[0]?.message.markdown ?? null, job.attemptsMade, leaders ?? undefined);
}
