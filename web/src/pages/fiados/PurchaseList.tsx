import { Accordion, Group, Pagination, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Purchase } from '../../api/fiados';
import { formatDateTime, formatMoney } from '../../format';
import { PurchaseStatusBadge } from './labels';
import { PurchasePanel } from './PurchasePanel';

const PAGE_SIZE = 10;

/** The client's purchases; opening one shows its payments and actions. */
export function PurchaseList({ purchases, onChanged }: { purchases: Purchase[]; onChanged: () => void }) {
  const [open, setOpen] = useState<string[]>([]);
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(purchases.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  return (
    <>
      <Accordion multiple value={open} onChange={setOpen} variant="separated" chevronPosition="left">
        {purchases.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((purchase) => (
          <Accordion.Item key={purchase.id} value={String(purchase.id)}>
            <Accordion.Control>
              <PurchaseSummary purchase={purchase} />
            </Accordion.Control>
            <Accordion.Panel>{open.includes(String(purchase.id)) && <PurchasePanel purchase={purchase} onChanged={onChanged} />}</Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {pages > 1 && (
        <Group justify="center" mt="md">
          <Pagination value={current} total={pages} onChange={setPage} getItemProps={(n) => ({ 'aria-label': `Página ${n}` })} />
        </Group>
      )}
    </>
  );
}

function PurchaseSummary({ purchase }: { purchase: Purchase }) {
  const remaining = purchase.is_active ? purchase.total_value - purchase.total_paid_value : 0;
  return (
    <Group justify="space-between" gap="xs">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text fw={600} td={purchase.is_active ? undefined : 'line-through'}>
          {purchase.description}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(purchase.created_at)}
          {purchase.note_number ? ` · Nota ${purchase.note_number}` : ''}
        </Text>
      </Stack>
      <Group gap="md">
        <Stack gap={0} align="flex-end">
          <Text size="sm">{formatMoney(purchase.total_value)}</Text>
          <Text size="xs" c="dimmed">
            falta {formatMoney(Math.max(0, remaining))}
          </Text>
        </Stack>
        <PurchaseStatusBadge purchase={purchase} />
      </Group>
    </Group>
  );
}
