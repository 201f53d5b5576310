import { useCallback, useEffect, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { toApiError, type ApiError } from '../api/errors';

export interface Resource<T> {
  /** The last value loaded; kept while reloading so the page does not flicker. */
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  setData: Dispatch<SetStateAction<T | undefined>>;
}

/**
 * Loads data when `deps` change (aborting the previous load) and on `reload()`.
 * `load` is a fresh closure each render; `deps` says what it reads.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  // Other arguments mean other data: never show the previous one meanwhile (a reload keeps it).
  useEffect(() => setData(undefined), deps);

  useEffect(() => {
    const controller = new AbortController();
    const current = () => !controller.signal.aborted;
    setLoading(true);
    load(controller.signal)
      .then((value) => {
        if (!current()) return;
        setData(value);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (current()) setError(toApiError(caught));
      })
      .finally(() => {
        if (current()) setLoading(false);
      });
    return () => controller.abort();
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}
