import { NOTIFICATIONS_PATH, type JobMessage } from '../api/rpa';
import { session } from '../auth/session';

export type FeedStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';
type Listener = (message: JobMessage) => void;

const MAX_BACKOFF_MS = 30_000;
/** Keep an unused socket a little, so moving between RPA pages does not reconnect. */
const IDLE_CLOSE_MS = 10_000;

/**
 * One WebSocket for the whole console (seed 001 §4.3.2): subscribes to jobs as pages watch them,
 * reconnects with exponential backoff and a fresh access token, and subscribes again after reconnecting.
 */
class JobNotifications {
  private socket: WebSocket | null = null;
  private subscribed = new Set<string>();
  private listeners = new Map<string, Set<Listener>>();
  private statusListeners = new Set<() => void>();
  private state: FeedStatus = 'idle';
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  watch(jobId: string, listener: Listener): () => void {
    clearTimeout(this.idleTimer);
    const set = this.listeners.get(jobId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(jobId, set);
    if (this.socket?.readyState === WebSocket.OPEN) this.subscribe(jobId);
    else if (!this.socket && !this.retryTimer) this.connect();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(jobId);
      if (this.listeners.size === 0) this.idleTimer = setTimeout(() => this.close(), IDLE_CLOSE_MS);
    };
  }

  status = (): FeedStatus => this.state;

  onStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  private setStatus(next: FeedStatus): void {
    this.state = next;
    this.statusListeners.forEach((listener) => listener());
  }

  private connect(): void {
    this.retryTimer = undefined;
    const token = session.accessToken();
    if (!token) return this.setStatus('idle');
    const url = new URL(NOTIFICATIONS_PATH, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    const socket = new WebSocket(url);
    this.socket = socket;
    this.subscribed.clear();
    this.setStatus(this.attempts === 0 ? 'connecting' : 'reconnecting');
    socket.onopen = () => {
      this.attempts = 0;
      this.setStatus('open');
      this.listeners.forEach((_, jobId) => this.subscribe(jobId));
    };
    socket.onmessage = (event) => this.dispatch(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.listeners.size === 0) return this.setStatus('idle');
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempts) * (0.75 + Math.random() / 2);
      this.attempts += 1;
      this.setStatus('reconnecting');
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  private subscribe(jobId: string): void {
    if (this.subscribed.has(jobId)) return;
    this.subscribed.add(jobId);
    this.socket?.send(JSON.stringify({ action: 'subscribe', job_id: jobId }));
  }

  private dispatch(raw: unknown): void {
    let message: JobMessage;
    try {
      message = JSON.parse(String(raw)) as JobMessage;
    } catch {
      return;
    }
    this.listeners.get(message.job_id)?.forEach((listener) => listener(message));
  }

  private close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.setStatus('idle');
  }
}

export const jobNotifications = new JobNotifications();
