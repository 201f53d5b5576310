export type { BusLogger, EventBus } from './event-bus.js';
export { createLocalEventBus, type LocalEventBusOptions } from './local-event-bus.js';
export { createRedisEventBus, type RedisEventBusOptions } from './redis-event-bus.js';
