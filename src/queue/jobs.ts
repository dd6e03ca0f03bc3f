/**
 * Every background job: its queue, its payload schema and its deterministic id. Job ids
 * are derived from what they mean, so adding the same job twice is harmless. BullMQ
 * refuses ':' in custom ids, so ids use '-' and '_'.
 */
import { z } from 'zod';

export const QUEUE_NAMES = ['inbound', 'outbound', 'reminders'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const JOBS = {
  /** handle one stored inbound message (conversation) */
  'handle-message': { queue: 'inbound', payload: z.object({ messageId: z.string() }), id: (p: { messageId: string }) => `msg-${p.messageId}` },
  /** send the stored answer to one inbound message */
  'send-answer': { queue: 'outbound', payload: z.object({ messageId: z.string() }), id: (p: { messageId: string }) => `answer-${p.messageId}` },
  /** send an answer held for the platform to collect (a WeCom stream) if nobody took it by the end of the hold */
  'send-held-answer': { queue: 'outbound', payload: z.object({ messageId: z.string() }), id: (p: { messageId: string }) => `answer-held-${p.messageId}` },
  /** send one stored outbox message (notices to groups, files) */
  'send-outbox': { queue: 'outbound', payload: z.object({ outboxId: z.string() }), id: (p: { outboxId: string }) => `outbox-${p.outboxId.replace(/:/g, '_')}` },
  /** deliver one reminder row (claimed in PostgreSQL before sending) */
  'send-reminder': { queue: 'reminders', payload: z.object({ reminderId: z.string() }), id: (p: { reminderId: string }) => p.reminderId.replace(/:/g, '_') },
  /**
   * deliver a reminder row again after its first job was used up: a dead worker's row taken
   * back after its lease, or a slot whose wake-up was lost. `attempt` is the row's claim count,
   * so the id is new for each take-back yet the same for repeated reconciles.
   */
  'resend-reminder': { queue: 'reminders', payload: z.object({ reminderId: z.string(), attempt: z.number().int().min(1) }), id: (p: { reminderId: string; attempt: number }) => `${p.reminderId.replace(/:/g, '_')}_a${p.attempt}` },
  /** periodic: rebuild the reminder schedule and re-enqueue stragglers */
  'reconcile': { queue: 'reminders', payload: z.object({}), id: () => 'reconcile' },
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;

/** Enqueue a job; `delayMs` for a future slot. Implemented by BullMQ or inline (console). */
export type Enqueue = <N extends JobName>(name: N, payload: JobPayload<N>, opts?: EnqueueOptions) => Promise<void>;

export interface EnqueueOptions {
  delayMs?: number;
  /** replace a finished (failed or completed) job with the same id: used by sweeps, whose rows say the work is not done */
  replace?: boolean;
}
