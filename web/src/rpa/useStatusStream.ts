import { useEffect, useRef, useState } from 'react';
import { session } from '../auth/session';
import type { FeedStatus } from './notifications';

const RETRY_MS = 3_000;

/**
 * Every job's status changes, live (`/events/status`, seed 001's SSE): the job list refreshes on
 * them, so jobs started elsewhere appear without a reload. EventSource cannot send headers, so the
 * token goes in the query string; after an error the stream is reopened with a fresh token.
 */
export function useStatusStream(onEvent: () => void): FeedStatus {
  const [status, setStatus] = useState<FeedStatus>('connecting');
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      const token = session.accessToken();
      if (!token) return setStatus('idle');
      source = new EventSource(`/events/status?token=${encodeURIComponent(token)}`);
      source.onopen = () => setStatus('open');
      source.onmessage = (event: MessageEvent<string>) => {
        if (!event.data.includes('"connection"')) handler.current();
      };
      source.onerror = () => {
        source?.close();
        if (stopped) return;
        setStatus('reconnecting');
        retry = setTimeout(open, RETRY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, []);
  return status;
}
