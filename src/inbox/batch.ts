/**
 * Group commit for the inbox: callbacks arriving within the same tick (or up to `max`)
 * are stored with one INSERT and enqueued with one bulk add. Each caller still resolves
 * only after its own row is in PostgreSQL, so persist-before-ack holds; a failed batch
 * rejects every caller in it (each callback then answers 5xx and the platform retries).
 */
export function createBatcher<I, O>(run: (items: I[]) => Promise<O[]>, opts: { max?: number } = {}): (item: I) => Promise<O> {
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
      for (const b of batch) b.reject(e);
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
