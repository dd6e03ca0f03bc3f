/**
 * Prometheus metrics (/metrics): callbacks by platform and outcome, request latency,
 * job outcomes, reminders sent/failed/acknowledged, imports.
 */
import { Registry, Counter, Gauge, Histogram, collectDefaultMetrics } from 'prom-client';

/** BullMQ job states shown on /metrics: depth (waiting, active, delayed) and outcomes (completed, failed). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'duban_' });
  const callbacks = new Counter({ name: 'duban_callbacks_total', help: 'Inbound callbacks stored, by platform and outcome', labelNames: ['platform', 'outcome'], registers: [registry] });
  const http = new Histogram({ name: 'duban_http_request_seconds', help: 'HTTP handling latency', labelNames: ['route', 'status'], buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry] });
  const jobs = new Counter({ name: 'duban_jobs_total', help: 'Background jobs by name and outcome', labelNames: ['job', 'outcome'], registers: [registry] });
  const reminders = new Counter({ name: 'duban_reminders_total', help: 'Reminders by outcome (sent, failed, acknowledged)', labelNames: ['outcome'], registers: [registry] });
  // Read from Redis at scrape time, so any web process shows the work of every worker
  // (workers have no HTTP port). Completed/failed count the jobs BullMQ still retains.
  const queueJobs = new Gauge({ name: 'duban_queue_jobs', help: 'BullMQ jobs by queue and state (depth: waiting, active, delayed; outcomes: completed, failed)', labelNames: ['queue', 'state'], registers: [registry] });
  const imports = new Counter({ name: 'duban_imports_total', help: 'Plan imports by outcome', labelNames: ['outcome'], registers: [registry] });
  const routeOf = (path: string) => (/^\/(wecom|dingtalk)\//.test(path) ? path : path.split('/').slice(0, 2).join('/') || '/');
  return {
    registry,
    jobs,
    reminders,
    imports,
    /** records job counts per queue, as returned by BullMQ's getJobCounts */
    observeQueues: (counts: Record<string, Record<string, number>>) => {
      for (const [queue, c] of Object.entries(counts)) for (const state of QUEUE_STATES) queueJobs.set({ queue, state }, c[state] ?? 0);
    },
    onAccepted: (platform: string, outcome: 'accepted' | 'duplicate') => callbacks.inc({ platform, outcome }),
    onRequest: (path: string, status: number, ms: number) => http.observe({ route: routeOf(path), status: String(status) }, ms / 1000),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
