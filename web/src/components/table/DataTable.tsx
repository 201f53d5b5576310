import { Alert, Box, Button, Checkbox, Group, Pagination, Skeleton, Table, Text, UnstyledButton } from '@mantine/core';
import { useLocalStorage, useMediaQuery } from '@mantine/hooks';
import {
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useMemo, useState, type ReactNode } from 'react';
import type { ApiError } from '../../api/errors';
import { DataCards } from './DataCards';
import { TableToolbar } from './TableToolbar';
import { SELECT, type DataColumn, type EmptyState } from './types';

export interface DataTableProps<T> {
  /** Names the table: column choices are remembered under it, and the CSV file is named after it. */
  id: string;
  /** What screen readers announce for the table. */
  caption: string;
  columns: DataColumn<T>[];
  /** The rows on screen (server paging) or every row (client paging). */
  data: readonly T[] | undefined;
  rowId: (row: T) => string;
  loading?: boolean;
  error?: ApiError | null;
  onRetry?: () => void;
  empty: EmptyState;
  /** Sorting, usually from `useTableUrl`; absent, the list keeps the order it came in. */
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  /** The page, usually from `useTableUrl`. */
  page: number;
  onPageChange: (page: number) => void;
  pageSize: number;
  /** Server paging: how many rows match (the data is one page). Absent: the table pages and sorts `data` itself. */
  total?: number;
  /** Row selection: what to do with the chosen rows (bulk actions). */
  bulkActions?: (selected: T[], clear: () => void) => ReactNode;
  /** Every row for the CSV export (server paging fetches them all); absent, the rows on hand. */
  exportRows?: () => Promise<readonly T[]>;
  /** Left of the toolbar: the table's filters. */
  filters?: ReactNode;
}

const PHONE = '(max-width: 48em)';
const NO_SORT: SortingState = [];

/**
 * The console's one list: sortable headers (both ways, `aria-sort`), row selection for bulk actions,
 * column choice, CSV export, skeleton rows while loading, an empty state with the next action, and
 * cards instead of a table at phone width. Server or client paging, its state owned by the caller
 * (usually the URL).
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, data, sorting = NO_SORT, onSortingChange, page, pageSize, total, bulkActions } = props;
  const server = total !== undefined;
  const phone = useMediaQuery(PHONE) ?? false;
  const [visibility, setVisibility] = useLocalStorage<VisibilityState>({ key: `retaguarda.colunas.${props.id}`, defaultValue: {} });
  const [selection, setSelection] = useState<RowSelectionState>({});
  const allColumns = useMemo<ColumnDef<T, any>[]>(() => (bulkActions ? [selectColumn<T>(), ...columns] : columns), [columns, bulkActions]);

  const table = useReactTable<T>({
    data: (data ?? []) as T[],
    columns: allColumns,
    getRowId: props.rowId,
    // Without this react-table would title a column by its id; `meta.label` is the title everywhere.
    defaultColumn: { header: ({ column }) => column.columnDef.meta?.label ?? column.id },
    state: { sorting, columnVisibility: visibility, rowSelection: selection, pagination: { pageIndex: page - 1, pageSize } },
    manualSorting: server,
    manualPagination: server,
    rowCount: total,
    enableSorting: onSortingChange !== undefined,
    enableSortingRemoval: false,
    onSortingChange: (updater) => onSortingChange?.(typeof updater === 'function' ? updater(sorting) : updater),
    onColumnVisibilityChange: setVisibility,
    onRowSelectionChange: setSelection,
    getCoreRowModel: getCoreRowModel(),
    ...(server ? {} : { getSortedRowModel: getSortedRowModel(), getPaginationRowModel: getPaginationRowModel() }),
  });

  const rows = table.getRowModel().rows;
  const pages = Math.max(1, Math.ceil((total ?? data?.length ?? 0) / pageSize));
  const selected = table.getSelectedRowModel().rows.map((row) => row.original);
  const clear = () => setSelection({});
  const count = total ?? data?.length;

  return (
    <Box>
      <TableToolbar
        table={table}
        id={props.id}
        filters={props.filters}
        exportRows={props.exportRows ?? (async () => table.getSortedRowModel().rows.map((row) => row.original))}
        count={count}
      />
      {bulkActions && selected.length > 0 && (
        <Group mb="sm" gap="sm" p="xs" bg="var(--mantine-color-default-hover)" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Text size="sm" fw={600} aria-live="polite">
            {selected.length} selecionado{selected.length > 1 ? 's' : ''}
          </Text>
          {bulkActions(selected, clear)}
          <Button size="xs" variant="subtle" onClick={clear}>
            Limpar seleção
          </Button>
        </Group>
      )}
      {props.error && (
        <Alert color="red" title="Não foi possível carregar" role="alert" mb="md">
          <Group justify="space-between">
            <Text size="sm">{props.error.message}</Text>
            {props.onRetry && (
              <Button size="xs" variant="light" color="red" onClick={props.onRetry}>
                Tentar novamente
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {data === undefined ? (
        !props.error && <SkeletonRows columns={phone ? 1 : table.getVisibleLeafColumns().length} />
      ) : rows.length === 0 ? (
        <Empty {...props.empty} />
      ) : phone ? (
        <DataCards table={table} caption={props.caption} />
      ) : (
        <Table.ScrollContainer minWidth={0} type="native">
          <Table striped highlightOnHover verticalSpacing="sm" aria-busy={props.loading || undefined}>
            <caption className="sr-only">{props.caption}</caption>
            <Table.Thead>
              {table.getHeaderGroups().map((group) => (
                <Table.Tr key={group.id}>
                  {group.headers.map((header) => {
                    const meta = header.column.columnDef.meta;
                    const sorted = header.column.getIsSorted();
                    return (
                      <Table.Th
                        key={header.id}
                        ta={meta?.numeric ? 'right' : undefined}
                        aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
                        w={header.column.id === SELECT ? 40 : undefined}
                      >
                        {header.column.getCanSort() ? (
                          <UnstyledButton onClick={header.column.getToggleSortingHandler()} fw={700} fz="sm">
                            {flexRender(header.column.columnDef.header, header.getContext())}{' '}
                            <span aria-hidden>{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                          </UnstyledButton>
                        ) : (
                          flexRender(header.column.columnDef.header, header.getContext())
                        )}
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} bg={row.getIsSelected() ? 'var(--mantine-primary-color-light)' : undefined}>
                  {row.getVisibleCells().map((cell) => (
                    <Table.Td key={cell.id} ta={cell.column.columnDef.meta?.numeric ? 'right' : undefined}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 && (
        <Group justify="center" mt="md" className="no-print">
          <Pagination
            value={Math.min(page, pages)}
            total={pages}
            onChange={props.onPageChange}
            siblings={phone ? 0 : 1}
            getItemProps={(n) => ({ 'aria-label': `Página ${n}` })}
            getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
          />
        </Group>
      )}
    </Box>
  );
}

const CONTROL_LABELS: Record<string, string> = {
  first: 'Primeira página',
  previous: 'Página anterior',
  next: 'Próxima página',
  last: 'Última página',
};

function selectColumn<T>(): DataColumn<T> {
  return {
    id: SELECT,
    enableSorting: false,
    enableHiding: false,
    meta: { label: 'Selecionar' },
    header: ({ table }) => (
      <Checkbox
        aria-label="Selecionar todos desta página"
        checked={table.getIsAllPageRowsSelected()}
        indeterminate={table.getIsSomePageRowsSelected()}
        onChange={table.getToggleAllPageRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <Checkbox aria-label={`Selecionar linha ${row.index + 1}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
    ),
  };
}

function SkeletonRows({ columns }: { columns: number }) {
  return (
    <Box aria-busy aria-label="Carregando" role="status">
      {Array.from({ length: 6 }, (_, row) => (
        <Group key={row} gap="md" py={10} wrap="nowrap">
          {Array.from({ length: Math.max(1, columns) }, (_, column) => (
            <Skeleton key={column} height={18} style={{ flex: 1 }} />
          ))}
        </Group>
      ))}
    </Box>
  );
}

function Empty({ title, description, action }: EmptyState) {
  return (
    <Box ta="center" py="xl" px="md" style={{ border: '1px dashed var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
      <Text fw={600}>{title}</Text>
      {description && (
        <Text c="dimmed" size="sm" mt={4}>
          {description}
        </Text>
      )}
      {action && (
        <Group justify="center" mt="md">
          {action}
        </Group>
      )}
    </Box>
  );
}
