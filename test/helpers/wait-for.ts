/**
 * The one way tests wait: for a positive signal that the work was done (the row marked
 * handled, the answer at the fake platform, the job settled), never for a fixed time.
 * Polls `check` until it returns a truthy value and returns that value; throws, naming
 * `what`, when `timeoutMs` passes. Safe on a slow, shared machine: a fast run returns at
 * once, a slow one waits up to the limit.
 */
export interface WaitOptions {
  /** give up after this long (default 10 s) */
  timeoutMs?: number;
  /** poll this often (default 25 ms) */
  everyMs?: number;
  /** what is awaited, for the error message */
  what?: string;
}

/** `opts` may be just the timeout in ms. */
export async function waitFor<T>(check: () => T | Promise<T>, opts: WaitOptions | number = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 10_000, everyMs = 25, what = 'the condition' } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `: last error ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
