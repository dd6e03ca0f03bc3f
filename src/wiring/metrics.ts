/**
 * Prometheus metrics (/metrics): callbacks by platform and outcome, request latency,
 * job outcomes, reminders sent/failed/acknowledged, imports.
 *
 * Every label value comes from a set the code fixes, never from what a caller sends: requests
 * are labelled by the route template they matched (`/dashboard/task/:id`, or `unmatched`), by
 * method from the HTTP verbs we serve, by status class-checked code. Each label also has a hard
 * cap on distinct values (`bounded`), so a flood of made-up paths cannot grow the registry.
 */
import { Registry, Counter, Gauge, Histogram, collectDefaultMetrics } from 'prom-client';

/** BullMQ job states shown on /metrics: depth (waiting, active, delayed) and outcomes (completed, failed). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Distinct values one label may take before the rest are counted as `other`. */
export const MAX_LABEL_VALUES = 64;

/** What the server reports about each request; `route` is a template, not a path. */
export interface RequestSample {
  method: string;
  route: string;
  status: number;
  ms: number;
}

/** Passes the first `max` distinct values through and maps every later one to `other`. */
export function bounded(max = MAX_LABEL_VALUES): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'duban_' });
  const callbacks = new Counter({ name: 'duban_callbacks_total', help: 'Inbound callbacks stored, by platform and outcome', labelNames: ['platform', 'outcome'], registers: [registry] });
  const http = new Histogram({ name: 'duban_http_request_seconds', help: 'HTTP handling latency by method, route template and status', labelNames: ['method', 'route', 'status'], buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry] });
  const jobs = new Counter({ name: 'duban_jobs_total', help: 'Background jobs by name and outcome', labelNames: ['job', 'outcome'], registers: [registry] });
  const reminders = new Counter({ name: 'duban_reminders_total', help: 'Reminders by outcome (sent, failed, acknowledged)', labelNames: ['outcome'], registers: [registry] });
  // Read from Redis at scrape time, so any web process shows the work of every worker
  // (workers have no HTTP port). Completed/failed count the jobs BullMQ still retains.
  const queueJobs = new Gauge({ name: 'duban_queue_jobs', help: 'BullMQ jobs by queue and state (depth: waiting, active, delayed; outcomes: completed, failed)', labelNames: ['queue', 'state'], registers: [registry] });
  const imports = new Counter({ name: 'duban_imports_total', help: 'Plan imports by outcome', labelNames: ['outcome'], registers: [registry] });
  const route = bounded();
  const status = bounded();
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
    onRequest: (r: RequestSample) => http.observe({
      method: METHODS.has(r.method) ? r.method : 'other',
      route: route(r.route),
      status: status(Number.isInteger(r.status) && r.status >= 100 && r.status <= 599 ? String(r.status) : 'other'),
    }, r.ms / 1000),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
