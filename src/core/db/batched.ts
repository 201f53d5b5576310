interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: calls made while a flush is running (or within one tick) are handled together by
 * the next flush, so many writes share one commit. Flushes run one at a time, in call order; each
 * caller gets its own outcome, or the flush's error when the whole flush failed.
 */
export function batched<T, R>(
  flush: (items: T[]) => Promise<PromiseSettledResult<R>[]>,
  options: { max: number; wait: 'microtask' | 'tick' },
): (item: T) => Promise<R> {
  let queue: Waiting<T, R>[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
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
    }
    // Set in the same synchronous step as the last emptiness check: no call can slip between.
    running = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // One drain is scheduled or running already; it will take this item.
      if (running || queue.length > 1) return;
      if (options.wait === 'microtask') queueMicrotask(() => void drain());
      else setImmediate(() => void drain());
    });
}

export const fulfilled = <R>(value: R): PromiseSettledResult<R> => ({ status: 'fulfilled', value });
