import { Anchor, Badge, Button, NativeSelect, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { faturasApi, type Notificacao } from '../../api/faturas';
import { call } from '../../api/http';
import { PageHeader } from '../../components/PageHeader';
import { DataTable, useTableUrl, type DataColumn } from '../../components/table';
import { formatDateTime } from '../../format';
import { runAction } from '../../notify';
import { invalidate, useApi } from '../../query/useApi';
import { notificacaoLink } from './NotificationBell';
import { withHeaders } from './shared';

const PAGE_SIZE = 25;
const LIDA: Record<string, boolean | undefined> = { nao_lidas: false, lidas: true, todas: undefined };

const markRead = (n: Notificacao) =>
  runAction(() => call(faturasApi.markRead, { params: { id: n.id } }), 'Marcada como lida.').then(() => invalidate(faturasApi.listNotificacoes));

const COLUMNS: DataColumn<Notificacao>[] = withHeaders<Notificacao>([
  {
    id: 'titulo',
    enableSorting: false,
    meta: { label: 'Notificação', primary: true, csv: (n) => n.titulo },
    cell: ({ row: { original: n } }) => (
      <Stack gap={0}>
        <Anchor component={Link} to={notificacaoLink(n)} fw={n.lida ? 400 : 700} size="sm">
          {n.titulo}
        </Anchor>
        <Text size="xs">{n.mensagem}</Text>
      </Stack>
    ),
  },
  { id: 'quando', enableSorting: false, meta: { label: 'Quando', csv: (n) => formatDateTime(n.created_at) }, cell: ({ row }) => formatDateTime(row.original.created_at) },
  {
    id: 'lida',
    enableSorting: false,
    meta: { label: 'Situação', csv: (n) => (n.lida ? 'Lida' : 'Não lida') },
    cell: ({ row }) => <Badge color={row.original.lida ? 'gray' : 'blue'}>{row.original.lida ? 'Lida' : 'Não lida'}</Badge>,
  },
  {
    id: 'acoes',
    enableSorting: false,
    meta: { label: 'Ações', actions: true },
    cell: ({ row }) =>
      row.original.lida ? null : (
        <Button size="xs" variant="default" onClick={() => void markRead(row.original)} aria-label={`Marcar "${row.original.titulo}" como lida`}>
          Marcar como lida
        </Button>
      ),
  },
]);

export default function NotificacoesPage() {
  const url = useTableUrl({ situacao: 'nao_lidas' });
  const notificacoes = useApi(
    faturasApi.listNotificacoes,
    { query: { page: url.page, page_size: PAGE_SIZE, lida: LIDA[url.values.situacao] } },
    { keepPrevious: true },
  );
  return (
    <>
      <PageHeader
        title="Notificações"
        description="Downloads que falharam, faturas esperando aprovação e vencimentos próximos."
        actions={
          <Button variant="default" onClick={() => void runAction(() => call(faturasApi.markAllRead), 'Notificações marcadas como lidas.').then(() => invalidate(faturasApi.listNotificacoes))}>
            Marcar todas como lidas
          </Button>
        }
      />
      <DataTable
        id="faturas-notificacoes"
        caption="Notificações"
        columns={COLUMNS}
        data={notificacoes.data?.results}
        total={notificacoes.data?.count ?? 0}
        rowId={(n) => String(n.id)}
        loading={notificacoes.isFetching}
        error={notificacoes.error}
        onRetry={() => void notificacoes.refetch()}
        sorting={[]}
        onSortingChange={() => undefined}
        page={url.page}
        onPageChange={url.setPage}
        pageSize={PAGE_SIZE}
        empty={{ title: 'Nenhuma notificação aqui', description: 'Tudo em dia.' }}
        filters={
          <NativeSelect
            label="Mostrar"
            value={url.values.situacao}
            onChange={(event) => url.setFilters({ situacao: event.currentTarget.value })}
            data={[
              { value: 'nao_lidas', label: 'Não lidas' },
              { value: 'lidas', label: 'Lidas' },
              { value: 'todas', label: 'Todas' },
            ]}
          />
        }
      />
    </>
  );
}
