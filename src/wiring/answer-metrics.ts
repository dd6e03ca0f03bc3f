/**
 * Answers an operator must know about, read from PostgreSQL at scrape time (so any web process
 * shows every worker's outcomes): `duban_answers{state="unknown"}` counts answers that may or
 * may not have reached the user (a worker died mid-send, or the platform did not answer after
 * the request left) and are never sent again; `failed`, `queued` and `sending` complete the
 * picture. `npx duban messages` lists them. A slow database leaves the last values.
 */
import { Gauge, type Registry } from 'prom-client';

const STATES = ['queued', 'sending', 'unknown', 'failed'] as const;

export function registerAnswerMetrics(registry: Registry, read: () => Promise<Record<(typeof STATES)[number], number>>): void {
  new Gauge({
    name: 'duban_answers',
    help: 'Answers to inbound messages not (yet) sent, by state: unknown = may have reached the user, never sent again',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const timeout = new Promise<null>((r) => setTimeout(() => r(null), 1000).unref());
      const counts = await Promise.race([read(), timeout]).catch(() => null);
      if (counts) for (const state of STATES) this.set({ state }, counts[state]);
    },
  });
}
