import { formatSort, parseSort, useUrlState } from '../../hooks/useUrlState';

/**
 * Page and sort of a table kept in the URL (`?page=2&sort=-saldo`), plus the table's own filters;
 * give `sort` the default order (`''` for none). Changing a filter or the sort goes back to page 1.
 */
export function useTableUrl<F extends Record<string, string>>(filters: F, sort = '') {
  const [values, set] = useUrlState({ ...filters, page: '1', sort });
  const page = Math.max(1, Number.parseInt(values.page, 10) || 1);
  return {
    values,
    page,
    sort: values.sort,
    sorting: parseSort(values.sort),
    setPage: (next: number) => set({ page: String(next) } as never),
    setSort: (next: { id: string; desc: boolean }[]) => set({ sort: formatSort(next) } as never),
    setFilters: (patch: Partial<F>) => set(patch as never),
  };
}
