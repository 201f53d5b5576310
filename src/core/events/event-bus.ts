/**
 * Typed publish/subscribe between parts of the service. `local` delivers in process;
 * `redis` delivers to every process of a cluster. A handler's failure never reaches the publisher.
 * Payloads must survive JSON (both adapters deliver a JSON copy, so embedded mode behaves as a cluster would).
 */
export interface EventBus<M extends object> {
  /** Resolves once the transport accepted the event (local: after handlers ran; redis: after PUBLISH). */
  publish<K extends keyof M & string>(name: K, payload: M[K]): Promise<void>;
  /** Returns the function that removes this subscription. */
  subscribe<K extends keyof M & string>(name: K, handler: (payload: M[K]) => void): () => void;
  /**
   * Resolves once every subscription made so far receives events. Await it before reading history
   * that live events continue (SSE replay), so nothing published in between is lost.
   */
  ready(): Promise<void>;
  /** Handlers currently subscribed in this process, for one event or all. */
  listenerCount(name?: keyof M & string): number;
  close(): Promise<void>;
}

/** What the buses need to report a failing handler; a pino or Fastify logger fits. */
export interface BusLogger {
  error(obj: object, msg?: string): void;
}
