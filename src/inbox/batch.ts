/**
 * Group commit for the inbox: callbacks arriving within the same tick (or up to `max`)
 * are stored with one INSERT and enqueued with one bulk add. Each caller still resolves
 * only after its own row is in PostgreSQL, so persist-before-ack holds.
 *
 * A failed batch fails only the rows that cannot be stored: when PostgreSQL refused the
 * batch for what is in it (`isRowError`: bad data, not an outage), each row is retried
 * alone and only the bad one rejects. Any other failure (PostgreSQL down) rejects every
 * caller in the batch: each callback then answers 5xx and the platform retries.
 */
export interface BatchOptions {
  max?: number;
  /** true when the error is about a row's content, so retrying rows one by one finds it */
  isRowError?: (e: unknown) => boolean;
}

export function createBatcher<I, O>(run: (items: I[]) => Promise<O[]>, opts: BatchOptions = {}): (item: I) => Promise<O> {
  const max = opts.max ?? 128;
  let pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;

  const flush = async () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    try {
      const out = await run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(out[i]!));
    } catch (e) {
      if (batch.length > 1 && opts.isRowError?.(e)) await Promise.all(batch.map((b) => run([b.item]).then((o) => b.resolve(o[0]!), b.reject)));
      else for (const b of batch) b.reject(e);
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= max) void flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
}
