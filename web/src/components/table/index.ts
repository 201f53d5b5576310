export { DataTable, type DataTableProps } from './DataTable';
export type { DataColumn, EmptyState } from './types';
export { useTableUrl } from './useTableUrl';
