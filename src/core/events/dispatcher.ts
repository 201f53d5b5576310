import { EventEmitter } from 'node:events';
import type { BusLogger } from './event-bus.js';

export type Handler = (payload: unknown) => void;

/** Per-process handler registry shared by both buses: isolates handlers from each other and from publishers. */
export interface Dispatcher {
  /** Adds a handler; the returned function removes it and says whether it was still there. */
  add(name: string, handler: Handler): () => boolean;
  emit(name: string, payload: unknown): void;
  count(name?: string): number;
  clear(): void;
}

export function createDispatcher(logger: BusLogger): Dispatcher {
  const emitter = new EventEmitter();
  // One listener per SSE/WS client is normal here, not a leak.
  emitter.setMaxListeners(0);
  const report = (name: string, err: unknown) => logger.error({ err, event: name }, 'event handler failed');

  return {
    add(name, handler) {
      const wrapped = (payload: unknown) => {
        try {
          const result: unknown = handler(payload);
          if (result instanceof Promise) result.catch((err: unknown) => report(name, err));
        } catch (err) {
          report(name, err);
        }
      };
      emitter.on(name, wrapped);
      let active = true;
      return () => {
        if (!active) return false;
        active = false;
        emitter.off(name, wrapped);
        return true;
      };
    },
    emit: (name, payload) => void emitter.emit(name, payload),
    count: (name) =>
      name === undefined
        ? emitter.eventNames().reduce((sum, n) => sum + emitter.listenerCount(n), 0)
        : emitter.listenerCount(name),
    clear: () => void emitter.removeAllListeners(),
  };
}

/** Both buses deliver this copy, so a payload that would not survive Redis fails in embedded mode too. */
export function encodePayload(payload: unknown): string {
  return JSON.stringify(payload) ?? 'null';
}
