import { useEffect, useRef, useState } from 'react';
import { liveLogPath } from '../../api/faturas';
import { session } from '../../auth/session';
import type { LogLine } from '../rpa/JobLogs';

export type LiveState = 'connecting' | 'open' | 'completed' | 'failed' | 'unavailable';

interface LiveEvent {
  type?: string;
  level?: string;
  message?: string;
  timestamp?: string;
}

const EVENTS = ['connection', 'log', 'job_completed', 'job_failed', 'error'] as const;

/**
 * A robot job's log as it happens (seed §11): `GET /api/v2/logs-tempo-real/stream/{job_id}`, replayed
 * then live. EventSource cannot send headers, so the access token goes in `?token=`, as the rpa
 * pages' WebSocket does. Events arrive named or as `{type}` in the default event; both are read.
 * `onEnd` runs once when the job completes or fails.
 */
export function useLiveLog(jobId: string | null, onEnd: (outcome: 'completed' | 'failed') => void) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [state, setState] = useState<LiveState>('connecting');
  const ended = useRef(onEnd);
  useEffect(() => {
    ended.current = onEnd;
  });

  useEffect(() => {
    setLines([]);
    if (!jobId) return;
    setState('connecting');
    const url = new URL(liveLogPath(jobId), window.location.href);
    url.searchParams.set('token', session.accessToken() ?? '');
    const source = new EventSource(url);
    let finished = false;
    const handle = (name: string, raw: string) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(raw) as LiveEvent;
      } catch {
        event = { message: raw };
      }
      const type = name === 'message' ? (event.type ?? 'log') : name;
      if (type === 'connection') return setState('open');
      if (event.message) {
        const level = event.level ?? (type === 'error' || type === 'job_failed' ? 'ERROR' : undefined);
        setLines((previous) => [...previous, { timestamp: event.timestamp || new Date().toISOString(), message: event.message!, level }]);
      }
      if ((type === 'job_completed' || type === 'job_failed') && !finished) {
        finished = true;
        const outcome = type === 'job_completed' ? 'completed' : 'failed';
        setState(outcome);
        source.close();
        ended.current(outcome);
      }
    };
    source.onmessage = (event: MessageEvent<string>) => handle('message', event.data);
    for (const name of EVENTS) source.addEventListener(name, (event) => 'data' in event && handle(name, (event as MessageEvent<string>).data));
    // A closed source will not reconnect by itself (an HTTP error): the page falls back to polling.
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED && !finished) setState('unavailable');
    };
    return () => source.close();
  }, [jobId]);

  return { lines, state };
}
