/**
 * An in-process stand-in for BullMQ, for `npx duban chat` and conversation tests: jobs
 * run one after another in this process; delayed jobs (future reminders) are kept, not run.
 * The same processors run as in the worker, so the path is the real one.
 */
import { JOBS, type Enqueue, type JobName } from './jobs.ts';
import type { Processors } from './queues.ts';

export interface InlineQueue {
  enqueue: Enqueue;
  /** run every queued job (and jobs they enqueue) until none is left */
  drain(): Promise<void>;
  setProcessors(p: Processors): void;
  delayed: { name: JobName; payload: unknown; delayMs: number }[];
  failures: { name: JobName; error: string }[];
}

export function createInlineQueue(): InlineQueue {
  let processors: Processors = {};
  const ready: { name: JobName; payload: unknown; id: string }[] = [];
  const seen = new Set<string>();
  const delayed: InlineQueue['delayed'] = [];
  const failures: InlineQueue['failures'] = [];
  return {
    delayed,
    failures,
    setProcessors: (p) => { processors = p; },
    enqueue: async (name, payload, opts = {}) => {
      const def = JOBS[name];
      const data = def.payload.parse(payload);
      const id = def.id(data as never);
      if (opts.delayMs && opts.delayMs > 0) return void delayed.push({ name, payload: data, delayMs: opts.delayMs });
      if (seen.has(id)) return; // same deterministic id as BullMQ: added once
      seen.add(id);
      ready.push({ name, payload: data, id });
    },
    async drain() {
      while (ready.length) {
        const job = ready.shift()!;
        const proc = processors[job.name] as ((p: unknown, j: { attemptsMade: number }) => Promise<void>) | undefined;
        try {
          await proc?.(job.payload, { attemptsMade: 0 });
        } catch (e) {
          failures.push({ name: job.name, error: (e as Error).message });
        }
      }
    },
  };
}
