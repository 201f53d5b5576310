import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

type Defaults = Record<string, string>;

/**
 * A list's filters, sort and page kept in the URL, so a view can be bookmarked, shared and survives a
 * reload. Values equal to their default are left out of the URL; changing anything but `page` goes
 * back to page 1.
 */
export function useUrlState<D extends Defaults>(defaults: D) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(
    () => Object.fromEntries(Object.entries(defaults).map(([key, fallback]) => [key, params.get(key) ?? fallback])) as { [K in keyof D]: string },
    // `defaults` is a literal at the call site: its content, not its identity, matters.
    [params, JSON.stringify(defaults)],
  );
  const set = useCallback(
    (patch: Partial<{ [K in keyof D]: string }>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === defaults[key]) next.delete(key);
            else next.set(key, value);
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams, JSON.stringify(defaults)],
  );
  return [values, set] as const;
}

/** `name` / `-name` in the URL; react-table's sorting state. */
export function parseSort(value: string): { id: string; desc: boolean }[] {
  if (!value) return [];
  return [{ id: value.replace(/^-/, ''), desc: value.startsWith('-') }];
}

export function formatSort(sorting: { id: string; desc: boolean }[]): string {
  const first = sorting[0];
  return first ? `${first.desc ? '-' : ''}${first.id}` : '';
}
