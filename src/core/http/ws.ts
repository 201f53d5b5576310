import { Counter, Gauge, register } from 'prom-client';
import type { RawData, WebSocket } from 'ws';

export { registerWsRoute, WS_MAX_PAYLOAD_BYTES, WsTokenQuery, wsRoutesPlugin, type WsRouteOptions } from './ws-route.js';

export interface WsHubOptions {
  /** Pings every peer this often; one that has not answered the previous ping is terminated. */
  pingIntervalMs?: number;
  /** Above this many unsent bytes on a socket, new messages wait in a per-peer map, latest per coalescing key. */
  softLimitBytes?: number;
  /** Unsent bytes plus waiting messages above this close the socket with 1013 (try again later). */
  hardLimitBytes?: number;
  /** How long a dropped peer gets to finish the close handshake before its socket is destroyed. */
  closeGraceMs?: number;
  maxTopicsPerPeer?: number;
  /** Larger incoming messages are refused (also set @fastify/websocket's `maxPayload`). */
  maxIncomingBytes?: number;
  logger?: { error(obj: object, msg?: string): void };
}

export interface WsPeerOptions {
  /** Asked before each subscription; false refuses it with an error message. */
  canSubscribe?: (topic: string) => boolean | Promise<boolean>;
  /** Any JSON object message other than subscribe, unsubscribe and ping. */
  onMessage?: (message: Record<string, unknown>, peer: WsPeer) => void;
}

export interface WsPeer {
  readonly topics: ReadonlySet<string>;
  /** Sends a JSON message; with a coalescing key, a congested peer keeps only the latest one for that key. */
  send(message: unknown, coalesceKey?: string): void;
  subscribe(topic: string): boolean;
  unsubscribe(topic: string): void;
  /** Bytes held for this peer: what the socket has not sent yet plus messages waiting for it to drain. */
  retainedBytes(): number;
  close(code?: number, reason?: string): void;
}

export interface WsHub {
  add(socket: WebSocket, options?: WsPeerOptions): WsPeer;
  /** Sends to every subscriber of `topic`; returns how many peers it was handed to. */
  publish(topic: string, message: unknown, coalesceKey?: string): number;
  broadcast(message: unknown, coalesceKey?: string): number;
  subscriberCount(topic: string): number;
  readonly size: number;
  retainedBytes(): number;
  close(): void;
}

function metric<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

/** Open WebSocket connections in this process. */
export const wsConnections = metric(
  'retaguarda_ws_connections',
  () => new Gauge({ name: 'retaguarda_ws_connections', help: 'Open WebSocket connections' }),
);
/** Peers dropped by the hub: `slow` (backlog over the hard bound) or `dead` (no pong). */
export const wsDropped = metric(
  'retaguarda_ws_dropped_total',
  () => new Counter({ name: 'retaguarda_ws_dropped_total', help: 'WebSocket peers dropped', labelNames: ['reason'] }),
);

const OPEN = 1;
const INVALID = Buffer.from(JSON.stringify({ type: 'error', message: 'Mensagem inválida' }));
const PONG = Buffer.from(JSON.stringify({ type: 'pong' }));

const encode = (message: unknown) => Buffer.from(JSON.stringify(message));

/** Tracks sockets and their topics, answers the JSON protocol, and bounds what each peer can make us hold. */
export function createWsHub(options: WsHubOptions = {}): WsHub {
  const {
    pingIntervalMs = 30_000,
    softLimitBytes = 1024 * 1024,
    hardLimitBytes = 8 * 1024 * 1024,
    closeGraceMs = 5_000,
    maxTopicsPerPeer = 256,
    maxIncomingBytes = 64 * 1024,
    logger = { error: () => undefined },
  } = options;
  const peers = new Set<Peer>();
  const byTopic = new Map<string, Set<Peer>>();

  class Peer implements WsPeer {
    readonly topics = new Set<string>();
    alive = true;
    private pending = new Map<string, Buffer>();
    private pendingBytes = 0;
    private nextKey = 0;
    private dropping: NodeJS.Timeout | undefined;
    private readonly afterWrite = (err?: Error) => {
      if (!err && this.pending.size > 0) this.flush();
    };

    constructor(
      readonly socket: WebSocket,
      private readonly peerOptions: WsPeerOptions,
    ) {}

    send(message: unknown, coalesceKey?: string): void {
      this.deliver(encode(message), coalesceKey);
    }

    deliver(data: Buffer, coalesceKey?: string): void {
      if (this.dropping || this.socket.readyState !== OPEN) return;
      if (this.pending.size === 0 && this.socket.bufferedAmount <= softLimitBytes) {
        this.socket.send(data, { binary: false }, this.afterWrite);
        return;
      }
      // Uncoalesced messages get a key of their own; a re-set key moves behind what arrived before it.
      const key = coalesceKey === undefined ? `\0${this.nextKey++}` : `k${coalesceKey}`;
      const previous = this.pending.get(key);
      if (previous) {
        this.pending.delete(key);
        this.pendingBytes -= previous.length;
      }
      this.pending.set(key, data);
      this.pendingBytes += data.length;
      if (this.retainedBytes() > hardLimitBytes) this.drop('slow');
    }

    private flush(): void {
      for (const [key, data] of this.pending) {
        if (this.socket.bufferedAmount > softLimitBytes || this.dropping) return;
        this.pending.delete(key);
        this.pendingBytes -= data.length;
        this.socket.send(data, { binary: false }, this.afterWrite);
      }
    }

    retainedBytes(): number {
      return this.socket.bufferedAmount + this.pendingBytes;
    }

    drop(reason: 'slow' | 'dead'): void {
      if (this.dropping) return;
      wsDropped.inc({ reason });
      this.pending.clear();
      this.pendingBytes = 0;
      if (reason === 'dead') {
        this.socket.terminate();
        return;
      }
      this.socket.close(1013, 'Try Again Later');
      // The close frame queues behind the backlog a stalled client never reads.
      this.dropping = setTimeout(() => this.socket.terminate(), closeGraceMs);
    }

    subscribe(topic: string): boolean {
      if (this.topics.has(topic)) return true;
      if (this.topics.size >= maxTopicsPerPeer || !peers.has(this)) return false;
      this.topics.add(topic);
      let set = byTopic.get(topic);
      if (!set) byTopic.set(topic, (set = new Set()));
      set.add(this);
      return true;
    }

    unsubscribe(topic: string): void {
      if (!this.topics.delete(topic)) return;
      const set = byTopic.get(topic);
      set?.delete(this);
      if (set?.size === 0) byTopic.delete(topic);
    }

    close(code = 1000, reason = ''): void {
      this.socket.close(code, reason);
    }

    release(): void {
      if (!peers.delete(this)) return;
      for (const topic of [...this.topics]) this.unsubscribe(topic);
      clearTimeout(this.dropping);
      this.pending.clear();
      this.pendingBytes = 0;
      wsConnections.dec();
    }

    async handle(raw: RawData, isBinary: boolean): Promise<void> {
      this.alive = true;
      const bytes = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
      let message: unknown;
      try {
        if (isBinary || bytes.length > maxIncomingBytes) return this.deliver(INVALID);
        message = JSON.parse(bytes.toString('utf8'));
      } catch {
        return this.deliver(INVALID);
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) return this.deliver(INVALID);
      const m = message as Record<string, unknown>;
      if (m.type === 'ping') return this.deliver(PONG);
      if (m.action === 'subscribe' || m.action === 'unsubscribe') {
        const topic = m.topic ?? m.job_id;
        if ((typeof topic !== 'string' && typeof topic !== 'number') || topic === '') return this.deliver(INVALID);
        if (m.action === 'unsubscribe') return this.unsubscribe(String(topic));
        const allowed = (await this.peerOptions.canSubscribe?.(String(topic))) ?? true;
        if (!allowed || !this.subscribe(String(topic))) {
          this.send({ type: 'error', message: 'Inscrição recusada', topic });
        }
        return;
      }
      this.peerOptions.onMessage?.(m, this);
    }
  }

  const heartbeat = setInterval(() => {
    for (const peer of peers) {
      if (!peer.alive) {
        peer.drop('dead');
        continue;
      }
      peer.alive = false;
      peer.socket.ping();
    }
  }, pingIntervalMs);
  heartbeat.unref();

  function fanOut(targets: Iterable<Peer>, message: unknown, coalesceKey?: string): number {
    const data = encode(message);
    let count = 0;
    for (const peer of targets) {
      peer.deliver(data, coalesceKey);
      count++;
    }
    return count;
  }

  return {
    add(socket, peerOptions = {}) {
      const peer = new Peer(socket, peerOptions);
      peers.add(peer);
      wsConnections.inc();
      socket.on('pong', () => (peer.alive = true));
      socket.on('message', (raw, isBinary) => {
        peer.handle(raw, isBinary).catch((err: unknown) => logger.error({ err }, 'websocket message failed'));
      });
      socket.on('error', (err) => logger.error({ err }, 'websocket error'));
      socket.once('close', () => peer.release());
      // The socket may have closed while the route was still working: 'close' will not come again.
      if (socket.readyState !== OPEN) peer.release();
      return peer;
    },
    publish: (topic, message, coalesceKey) => fanOut(byTopic.get(topic) ?? [], message, coalesceKey),
    broadcast: (message, coalesceKey) => fanOut(peers, message, coalesceKey),
    subscriberCount: (topic) => byTopic.get(topic)?.size ?? 0,
    get size() {
      return peers.size;
    },
    retainedBytes: () => [...peers].reduce((sum, peer) => sum + peer.retainedBytes(), 0),
    close() {
      clearInterval(heartbeat);
      for (const peer of [...peers]) {
        peer.socket.terminate();
        peer.release();
      }
    },
  };
}
