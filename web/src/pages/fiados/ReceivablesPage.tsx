import { Anchor, Paper, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { fiadosApi, type Receivable } from '../../api/fiados';
import { AGING_BUCKETS, AgingBar } from '../../components/charts/AgingBar';
import { PageHeader } from '../../components/PageHeader';
import { DataTable, useTableUrl, type DataColumn } from '../../components/table';
import { formatDateTime, formatMoney } from '../../format';
import { useApi } from '../../query/useApi';

const PAGE_SIZE = 20;
const age = (days: number) => (days === 0 ? 'hoje' : days === 1 ? 'há 1 dia' : `há ${days} dias`);
/** Zero cells read as a dash, so the real debts stand out. */
const money = (value: number) => (value === 0 ? '—' : formatMoney(value));

const COLUMNS: DataColumn<Receivable>[] = [
  {
    id: 'name',
    accessorKey: 'name',
    meta: { label: 'Cliente', primary: true, csv: (r) => r.name },
    cell: ({ row }) => (
      <>
        <Anchor component={Link} to={`/fiados/clientes/${row.original.client_id}`} fw={600}>
          {row.original.name}
        </Anchor>
        {row.original.nickname && (
          <Text size="xs" c="dimmed">
            {row.original.nickname}
          </Text>
        )}
      </>
    ),
  },
  {
    id: 'open_balance',
    accessorKey: 'open_balance',
    sortDescFirst: true,
    meta: { label: 'Em aberto', numeric: true, csv: (r) => r.open_balance },
    cell: ({ row }) => <strong>{formatMoney(row.original.open_balance)}</strong>,
  },
  { id: 'open_purchases', accessorKey: 'open_purchases', sortDescFirst: true, meta: { label: 'Compras', numeric: true, csv: (r) => r.open_purchases } },
  {
    id: 'days_oldest',
    accessorKey: 'days_oldest',
    sortDescFirst: true,
    meta: { label: 'Mais antiga', numeric: true, csv: (r) => formatDateTime(r.oldest_open_purchase_at) },
    cell: ({ row }) => (
      <>
        {formatDateTime(row.original.oldest_open_purchase_at)}
        <Text size="xs" c="dimmed">
          {age(row.original.days_oldest)}
        </Text>
      </>
    ),
  },
  ...AGING_BUCKETS.map(
    (bucket): DataColumn<Receivable> => ({
      id: `b${bucket.key}`,
      accessorFn: (r) => r.buckets[bucket.key],
      sortDescFirst: true,
      meta: { label: bucket.label, numeric: true, csv: (r) => r.buckets[bucket.key] },
      cell: ({ row }) => money(row.original.buckets[bucket.key]),
    }),
  ),
];

/** "Quem me deve": open balances by client, aged, the aging as a chart, every column sortable both ways. */
export default function ReceivablesPage() {
  const report = useApi(fiadosApi.receivables, {});
  const url = useTableUrl({}, '-open_balance');
  const data = report.data;
  return (
    <>
      <PageHeader title="Quem me deve" description={data ? `Posição em ${formatDateTime(data.generated_at)}` : 'Saldos em aberto por cliente.'} />
      {data && data.clients.length > 0 && (
        <Paper withBorder p="md" mb="lg">
          <Text size="sm" c="dimmed">
            Total a receber
          </Text>
          <Text fz={28} fw={800} lh={1.2}>
            {formatMoney(data.totals.open_balance)}
          </Text>
          <AgingBar buckets={data.totals.buckets} />
        </Paper>
      )}
      <DataTable
        id="quem-me-deve"
        caption="Clientes com saldo em aberto"
        columns={COLUMNS}
        data={data?.clients}
        rowId={(row) => String(row.client_id)}
        loading={report.isFetching}
        error={report.error}
        onRetry={() => void report.refetch()}
        sorting={url.sorting}
        onSortingChange={url.setSort}
        page={url.page}
        onPageChange={url.setPage}
        pageSize={PAGE_SIZE}
        empty={{ title: 'Ninguém deve nada.', description: 'Clientes com compras em aberto aparecem aqui.' }}
      />
    </>
  );
}
