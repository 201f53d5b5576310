import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { JobMessage } from '../api/rpa';
import { jobNotifications, type FeedStatus } from './notifications';

/**
 * Live updates for the given jobs. `onResync` runs whenever the socket (re)opens,
 * since whatever happened before the subscription was not pushed.
 */
export function useJobFeed(jobIds: readonly string[], onMessage: (message: JobMessage) => void, onResync: () => void): FeedStatus {
  const handlers = useRef({ onMessage, onResync });
  useEffect(() => {
    handlers.current = { onMessage, onResync };
  });

  const key = [...jobIds].sort().join(',');
  useEffect(() => {
    if (!key) return;
    const stops = key.split(',').map((jobId) => jobNotifications.watch(jobId, (message) => handlers.current.onMessage(message)));
    return () => stops.forEach((stop) => stop());
  }, [key]);

  const status = useSyncExternalStore(jobNotifications.onStatus, jobNotifications.status);
  const previous = useRef(status);
  useEffect(() => {
    if (status === 'open' && previous.current !== 'open') handlers.current.onResync();
    previous.current = status;
  }, [status]);
  return status;
}
