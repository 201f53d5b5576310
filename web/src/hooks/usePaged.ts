import { useState } from 'react';

/** Pages a list already in memory. */
export function usePaged<T>(items: readonly T[], pageSize: number) {
  const [page, setPage] = useState(1);
  const total = Math.max(1, Math.ceil(items.length / pageSize));
  const current = Math.min(page, total);
  return {
    page: current,
    total,
    setPage,
    items: items.slice((current - 1) * pageSize, current * pageSize),
  };
}
