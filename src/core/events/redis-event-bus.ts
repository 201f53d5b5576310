import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createDispatcher, encodePayload, type Handler } from './dispatcher.js';
import type { BusLogger, EventBus } from './event-bus.js';

export interface RedisEventBusOptions {
  /** Namespaces the channels (`<prefix><event name>`), so clusters or test runs sharing a Redis never mix. */
  channelPrefix?: string;
  logger?: BusLogger;
}

/**
 * Cluster-wide bus over Redis pub/sub: one publishing and one subscribing connection per bus, one
 * channel per event name, subscribed while this process has a handler for it. Delivery is at most
 * once (pub/sub keeps nothing for a process that is down): durable state lives in the database.
 */
export function createRedisEventBus<M extends object>(redisUrl: string, options: RedisEventBusOptions = {}): EventBus<M> {
  const { channelPrefix = 'retaguarda:events:' } = options;
  const logger = options.logger ?? pino({ name: 'events' });
  const publisher = new Redis(redisUrl);
  const subscriber = new Redis(redisUrl);
  const dispatcher = createDispatcher(logger);
  // SUBSCRIBE/UNSUBSCRIBE run in order on one chain, so `ready()` and our own publishes can wait for them.
  let pending: Promise<unknown> = Promise.resolve();

  for (const [role, conn] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
    conn.on('error', (err: Error) => logger.error({ err, role }, 'redis event bus connection error'));
  }
  subscriber.on('message', (channel: string, message: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    const name = channel.slice(channelPrefix.length);
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch (err) {
      logger.error({ err, channel }, 'invalid event payload');
      return;
    }
    dispatcher.emit(name, payload);
  });

  function enqueue(op: () => Promise<unknown>): void {
    pending = pending.catch(() => undefined).then(op);
    pending.catch((err: unknown) => logger.error({ err }, 'redis subscription change failed'));
  }

  return {
    async publish(name, payload) {
      await pending.catch(() => undefined);
      await publisher.publish(channelPrefix + name, encodePayload(payload));
    },
    subscribe(name, handler) {
      const channel = channelPrefix + name;
      if (dispatcher.count(name) === 0) enqueue(() => subscriber.subscribe(channel));
      const remove = dispatcher.add(name, handler as Handler);
      return () => {
        if (remove() && dispatcher.count(name) === 0) enqueue(() => subscriber.unsubscribe(channel));
      };
    },
    ready: async () => {
      await pending;
    },
    listenerCount: (name) => dispatcher.count(name),
    async close() {
      dispatcher.clear();
      await pending.catch(() => undefined);
      await Promise.all(
        [publisher, subscriber].map((conn) => conn.quit().catch(() => conn.disconnect())),
      );
    },
  };
}
