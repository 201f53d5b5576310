import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { flexRender, type Table } from '@tanstack/react-table';
import { SELECT } from './types';

/** Phone width: one card per row, its primary column as the title, the actions at the bottom. */
export function DataCards<T>({ table, caption }: { table: Table<T>; caption: string }) {
  return (
    <Stack gap="sm" component="ul" aria-label={caption} p={0} m={0} style={{ listStyle: 'none' }}>
      {table.getRowModel().rows.map((row) => {
        const cells = row.getVisibleCells();
        const select = cells.find((cell) => cell.column.id === SELECT);
        const primary = cells.find((cell) => cell.column.columnDef.meta?.primary);
        const actions = cells.filter((cell) => cell.column.columnDef.meta?.actions);
        // A card lists only what the row has: an empty nickname or e-mail (a column with an accessor
        // whose value is empty) is left out instead of shown as "—".
        const empty = (cell: (typeof cells)[number]) => {
          const value = cell.column.accessorFn ? cell.getValue() : 'computed';
          return value === null || value === undefined || value === '';
        };
        const fields = cells.filter((cell) => cell !== select && cell !== primary && !actions.includes(cell) && !empty(cell));
        return (
          <Card key={row.id} component="li" withBorder padding="sm" radius="md">
            <Group gap="sm" wrap="nowrap" align="flex-start" mb={fields.length ? 'xs' : 0}>
              {select && flexRender(select.column.columnDef.cell, select.getContext())}
              {primary && (
                <Text fw={700} style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }} component="div">
                  {flexRender(primary.column.columnDef.cell, primary.getContext())}
                </Text>
              )}
            </Group>
            <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
              {fields.map((cell) => (
                <div key={cell.id} style={{ minWidth: 0 }}>
                  <Text size="xs" c="dimmed">
                    {cell.column.columnDef.meta?.label}
                  </Text>
                  <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
            {actions.map((cell) => (
              <Group key={cell.id} mt="sm" gap="xs">
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </Group>
            ))}
          </Card>
        );
      })}
    </Stack>
  );
}
