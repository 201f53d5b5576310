import { Button, Checkbox, Group, Menu, Stack, Text } from '@mantine/core';
import type { Table } from '@tanstack/react-table';
import { useState, type ReactNode } from 'react';
import { downloadFile, toCsv } from '../../csv';
import { runAction } from '../../notify';

interface TableToolbarProps<T> {
  table: Table<T>;
  id: string;
  filters?: ReactNode;
  exportRows: () => Promise<readonly T[]>;
  count: number | undefined;
}

/** Filters on the left; the row count, the column chooser and the CSV export on the right. */
export function TableToolbar<T>({ table, id, filters, exportRows, count }: TableToolbarProps<T>) {
  const [exporting, setExporting] = useState(false);
  const hideable = table.getAllLeafColumns().filter((column) => column.getCanHide() && !column.columnDef.meta?.actions);
  const exported = table.getAllLeafColumns().filter((column) => column.getIsVisible() && column.columnDef.meta?.csv);

  const exportCsv = async () => {
    setExporting(true);
    await runAction(async () => {
      const rows = await exportRows();
      const header = exported.map((column) => column.columnDef.meta!.label);
      const lines = rows.map((row) => exported.map((column) => column.columnDef.meta!.csv!(row)));
      downloadFile(`${id}-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(header, lines));
    }, 'Arquivo CSV gerado.');
    setExporting(false);
  };

  return (
    <Group justify="space-between" align="flex-end" mb="md" gap="sm" className="no-print">
      {/* A wide basis: on a phone the filters take their own row and the buttons go below. */}
      <Group align="flex-end" gap="sm" style={{ flex: '1 1 420px', minWidth: 0 }}>
        {filters}
      </Group>
      <Group gap="xs" wrap="nowrap">
        {count !== undefined && (
          <Text size="sm" c="dimmed" aria-live="polite" mr={4}>
            {count} {count === 1 ? 'registro' : 'registros'}
          </Text>
        )}
        {hideable.length > 1 && (
          <Menu closeOnItemClick={false} position="bottom-end">
            <Menu.Target>
              <Button variant="default" size="sm" visibleFrom="sm">
                Colunas
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Stack gap={6} p={6}>
                {hideable.map((column) => (
                  <Checkbox
                    key={column.id}
                    label={column.columnDef.meta?.label ?? column.id}
                    checked={column.getIsVisible()}
                    onChange={column.getToggleVisibilityHandler()}
                  />
                ))}
              </Stack>
            </Menu.Dropdown>
          </Menu>
        )}
        {exported.length > 0 && (
          <Button variant="default" size="sm" onClick={exportCsv} loading={exporting}>
            Exportar CSV
          </Button>
        )}
      </Group>
    </Group>
  );
}
