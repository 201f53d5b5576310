import type { SseEvent, SseStream } from '../../core/http/sse.js';
import type { WsHub } from '../../core/http/ws.js';
import type { ClientView } from './rpa.events.js';

export const SERVICE_NAME = 'rpa-api';

/** Seed 001 §4.3.1 writes SSE times in UTC with a `Z`, to the second. */
export const utcStamp = (at: number): string => new Date(at).toISOString().slice(0, 19) + 'Z';

/** §4.3.2 `job_update`, the WebSocket's and `/events/status`'s message. */
export function jobUpdateMessage(view: Pick<ClientView, 'jobId' | 'operadora'>, update: { status: string; progress: number }) {
  return { type: 'job_update', job_id: view.jobId, data: { status: update.status, progress: update.progress, operadora: view.operadora } };
}

/** §4.3.1 `log`, with the fields seed 004's dashboard reads. */
export function sseLogMessage(view: ClientView, log: { level: string; message: string }) {
  return {
    type: 'log',
    level: log.level,
    message: log.message,
    operadora: view.operadora,
    job_id: view.jobId,
    timestamp: utcStamp(view.at),
    service: SERVICE_NAME,
    logger: `rpa.${view.operadora}`,
  };
}

export type FeedKind = 'logs' | 'status';

/** The SSE event a job event becomes on a feed, if any; its id is the job event's, for replay. */
export function sseEventFor(kind: FeedKind, view: ClientView): SseEvent | undefined {
  if (kind === 'logs' && view.log) return { id: view.eventId, data: sseLogMessage(view, view.log) };
  if (kind === 'status' && view.update) {
    return { id: view.eventId, data: { ...jobUpdateMessage(view, view.update), timestamp: utcStamp(view.at) } };
  }
  return undefined;
}

interface Listener {
  kind: FeedKind;
  stream: SseStream;
}

/**
 * Routes each job event to the open streams that watch it (one job, or all) and to the WebSocket
 * peers subscribed to that job (the hub encodes a message once for all its peers).
 */
export class Feeds {
  private readonly byJob = new Map<string, Set<Listener>>();
  private readonly everything = new Set<Listener>();

  constructor(private readonly hub: WsHub) {}

  add(kind: FeedKind, stream: SseStream, jobId: string | undefined): void {
    const listener = { kind, stream };
    let set = this.everything;
    if (jobId !== undefined) {
      set = this.byJob.get(jobId) ?? new Set();
      this.byJob.set(jobId, set);
    }
    set.add(listener);
    stream.onClose(() => {
      set.delete(listener);
      if (jobId !== undefined && set.size === 0) this.byJob.delete(jobId);
    });
  }

  /** Streams that show every job's logs: they also get `system_status`. */
  allLogStreams(): SseStream[] {
    return [...this.everything].filter((l) => l.kind === 'logs').map((l) => l.stream);
  }

  deliver(view: ClientView): void {
    if (view.update) this.hub.publish(view.jobId, jobUpdateMessage(view, view.update), `update:${view.jobId}`);
    if (view.log) this.hub.publish(view.jobId, { type: 'log', job_id: view.jobId, level: view.log.level, message: view.log.message });
    for (const set of [this.everything, this.byJob.get(view.jobId)]) {
      for (const listener of set ?? []) {
        const event = sseEventFor(listener.kind, view);
        if (event) listener.stream.send(event);
      }
    }
  }
}
