interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: calls made while a flush is running (or within one wait) are handled together by
 * the next flush, so many writes share one commit. Flushes run one at a time, in call order; each
 * caller gets its own outcome, or the flush's error when the whole flush failed. With `wait: 'tick'`
 * each flush after the first waits a tick too: work that follows a commit (a job's next step) does
 * not run ahead of the requests that arrived meanwhile.
 */
export function batched<T, R>(
  flush: (items: T[]) => Promise<PromiseSettledResult<R>[]>,
  options: { max: number; wait: 'microtask' | 'tick' },
): (item: T) => Promise<R> {
  let queue: Waiting<T, R>[] = [];
  // A drain is scheduled or running; it will take what is queued.
  let scheduled = false;
  const schedule = () => (options.wait === 'microtask' ? queueMicrotask(() => void drain()) : setImmediate(() => void drain()));

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, options.max);
      queue = queue.slice(batch.length);
      try {
        const results = await flush(batch.map((w) => w.item));
        batch.forEach((w, i) => {
          const result = results[i];
          if (result.status === 'fulfilled') w.resolve(result.value);
          else w.reject(result.reason);
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
      if (options.wait === 'tick' && queue.length > 0) {
        schedule();
        return;
      }
    }
    // Cleared in the same synchronous step as the last emptiness check: no call can slip between.
    scheduled = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (scheduled) return;
      scheduled = true;
      schedule();
    });
}

export const fulfilled = <R>(value: R): PromiseSettledResult<R> => ({ status: 'fulfilled', value });
