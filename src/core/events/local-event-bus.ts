import { pino } from 'pino';
import { createDispatcher, encodePayload, type Handler } from './dispatcher.js';
import type { BusLogger, EventBus } from './event-bus.js';

export interface LocalEventBusOptions {
  logger?: BusLogger;
}

/** In-process bus for the embedded mode: handlers run before `publish` resolves, each on a JSON copy. */
export function createLocalEventBus<M extends object>(options: LocalEventBusOptions = {}): EventBus<M> {
  const dispatcher = createDispatcher(options.logger ?? pino({ name: 'events' }));
  let closed = false;
  return {
    async publish(name, payload) {
      if (closed) throw new Error('EventBus fechado');
      dispatcher.emit(name, JSON.parse(encodePayload(payload)));
    },
    subscribe: (name, handler) => {
      const remove = dispatcher.add(name, handler as Handler);
      return () => void remove();
    },
    ready: async () => undefined,
    listenerCount: (name) => dispatcher.count(name),
    async close() {
      closed = true;
      dispatcher.clear();
    },
  };
}
