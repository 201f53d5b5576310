import { Anchor, Table, Text, UnstyledButton } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { fiadosApi, type AgingBuckets, type Receivable } from '../../api/fiados';
import { call } from '../../api/http';
import { AsyncView } from '../../components/AsyncView';
import { PageHeader } from '../../components/PageHeader';
import { NumberPager } from '../../components/Pager';
import { formatDateTime, formatMoney } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useResource } from '../../hooks/useResource';

const PAGE_SIZE = 20;
type SortKey = 'open_balance' | 'days_oldest';

const BUCKETS: { key: keyof AgingBuckets; label: string }[] = [
  { key: '0_30', label: '0–30 dias' },
  { key: '31_60', label: '31–60 dias' },
  { key: '61_90', label: '61–90 dias' },
  { key: 'over_90', label: '+90 dias' },
];

const age = (days: number) => (days === 0 ? 'hoje' : days === 1 ? 'há 1 dia' : `há ${days} dias`);

/** "Quem me deve": open balances by client, aged, sortable by amount or age. */
export default function ReceivablesPage() {
  const report = useResource((signal) => call(fiadosApi.receivables, { signal }), []);
  return (
    <>
      <PageHeader
        title="Quem me deve"
        description={report.data ? `Posição em ${formatDateTime(report.data.generated_at)}` : 'Saldos em aberto por cliente.'}
      />
      <AsyncView resource={report} isEmpty={(data) => data.clients.length === 0} empty="Nenhum cliente com saldo em aberto.">
        {(data) => <ReceivablesTable clients={data.clients} totals={data.totals} />}
      </AsyncView>
    </>
  );
}

function ReceivablesTable({ clients, totals }: { clients: Receivable[]; totals: { open_balance: number; buckets: AgingBuckets } }) {
  const [sort, setSort] = useState<SortKey>('open_balance');
  const sorted = [...clients].sort((a, b) => b[sort] - a[sort]);
  const paged = usePaged(sorted, PAGE_SIZE);
  const header = (key: SortKey, label: string) => (
    <SortHeader active={sort === key} onClick={() => setSort(key)}>
      {label}
    </SortHeader>
  );
  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Cliente</Table.Th>
              {header('open_balance', 'Em aberto')}
              <Table.Th ta="right">Compras</Table.Th>
              {header('days_oldest', 'Mais antiga')}
              {BUCKETS.map((bucket) => (
                <Table.Th key={bucket.key} ta="right">
                  {bucket.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paged.items.map((row) => (
              <Table.Tr key={row.client_id}>
                <Table.Td>
                  <Anchor component={Link} to={`/fiados/clientes/${row.client_id}`}>
                    {row.name}
                  </Anchor>
                  {row.nickname && (
                    <Text size="xs" c="dimmed">
                      {row.nickname}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {formatMoney(row.open_balance)}
                </Table.Td>
                <Table.Td ta="right">{row.open_purchases}</Table.Td>
                <Table.Td ta="right">
                  {formatDateTime(row.oldest_open_purchase_at)}
                  <Text size="xs" c="dimmed">
                    {age(row.days_oldest)}
                  </Text>
                </Table.Td>
                {BUCKETS.map((bucket) => (
                  <Table.Td key={bucket.key} ta="right">
                    {formatMoney(row.buckets[bucket.key])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Td>Total</Table.Td>
              <Table.Td ta="right">{formatMoney(totals.open_balance)}</Table.Td>
              <Table.Td />
              <Table.Td />
              {BUCKETS.map((bucket) => (
                <Table.Td key={bucket.key} ta="right">
                  {formatMoney(totals.buckets[bucket.key])}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      <NumberPager page={paged.page} total={paged.total} onChange={paged.setPage} />
    </>
  );
}

/** A column header that sorts the table (largest first) and says so to screen readers. */
function SortHeader({ active, onClick, children }: { active: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Table.Th ta="right" aria-sort={active ? 'descending' : 'none'}>
      <UnstyledButton onClick={onClick} fw={700} fz="sm">
        {children} {active ? '▼' : '↕'}
      </UnstyledButton>
    </Table.Th>
  );
}
