import { Anchor, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router-dom';
import { faturasApi, STATUS_EXECUCAO, TIPO_EXECUCAO, type Execucao } from '../../api/faturas';
import { PageHeader } from '../../components/PageHeader';
import { DataTable, useTableUrl, type DataColumn } from '../../components/table';
import { formatDateTime } from '../../format';
import { useApi } from '../../query/useApi';
import { ExecucaoActions } from './ExecucaoActions';
import { ExecucaoBadge, STATUS_EXECUCAO_LABEL, TIPO_EXECUCAO_LABEL } from './labels';
import { OperadoraSelect, SearchInput, PhoneFilters, withHeaders } from './shared';

const PAGE_SIZE = 25;
const FILTERS = { q: '', status: '', tipo: '', operadora: '', desde: '', ate: '' };

export const duracao = (e: Execucao) => (e.duracao_segundos === null ? 'em andamento' : `${e.duracao_segundos.toLocaleString('pt-BR')} s`);

// The API lists newest first and offers no other order.
const COLUMNS: DataColumn<Execucao>[] = withHeaders<Execucao>([
  {
    id: 'cliente',
    enableSorting: false,
    meta: { label: 'Cliente', primary: true, csv: (e) => e.razao_social },
    cell: ({ row: { original: e } }) => (
      <Stack gap={0}>
        <Anchor component={Link} to={`/faturas/execucoes/${e.id}`} fw={600} size="sm">
          {e.razao_social}
        </Anchor>
        <Text size="xs" c="dimmed">
          {e.operadora} · {e.mes_ano}
        </Text>
      </Stack>
    ),
  },
  { id: 'tipo', enableSorting: false, meta: { label: 'Tipo', csv: (e) => TIPO_EXECUCAO_LABEL[e.tipo_execucao] }, cell: ({ row }) => TIPO_EXECUCAO_LABEL[row.original.tipo_execucao] },
  {
    id: 'status',
    enableSorting: false,
    meta: { label: 'Situação', csv: (e) => STATUS_EXECUCAO_LABEL[e.status_execucao]?.label ?? e.status_execucao },
    cell: ({ row }) => <ExecucaoBadge status={row.original.status_execucao} />,
  },
  { id: 'tentativa', enableSorting: false, meta: { label: 'Tentativa', numeric: true, csv: (e) => e.numero_tentativa }, cell: ({ row }) => `#${row.original.numero_tentativa}` },
  { id: 'inicio', enableSorting: false, meta: { label: 'Início', csv: (e) => formatDateTime(e.data_inicio) }, cell: ({ row }) => formatDateTime(row.original.data_inicio) },
  { id: 'duracao', enableSorting: false, meta: { label: 'Duração', csv: (e) => e.duracao_segundos }, cell: ({ row }) => duracao(row.original) },
  {
    id: 'erro',
    enableSorting: false,
    meta: { label: 'Mensagem', csv: (e) => e.mensagem_log },
    cell: ({ row }) => (
      <Text size="xs" lineClamp={2} maw={280}>
        {row.original.mensagem_log ?? '—'}
      </Text>
    ),
  },
  {
    id: 'acoes',
    enableSorting: false,
    meta: { label: 'Ações', actions: true },
    cell: ({ row }) => (
      <Group gap="xs" wrap="nowrap">
        <Button component={Link} to={`/faturas/execucoes/${row.original.id}`} size="xs" variant="default" aria-label={`Ver execução de ${row.original.razao_social}`}>
          Ver
        </Button>
        <ExecucaoActions execucao={row.original} size="xs" />
      </Group>
    ),
  },
]);

export default function ExecucoesPage() {
  const url = useTableUrl(FILTERS);
  const { values } = url;
  const execucoes = useApi(
    faturasApi.listExecucoes,
    {
      query: {
        page: url.page,
        page_size: PAGE_SIZE,
        q: values.q || undefined,
        status_execucao: values.status || undefined,
        tipo_execucao: values.tipo || undefined,
        operadora_id: values.operadora || undefined,
        data_inicio: values.desde || undefined,
        data_fim: values.ate || undefined,
      },
    },
    // Running robots change these rows: keep them fresh while the page is open.
    { keepPrevious: true, refetchInterval: 5_000 },
  );
  const filtered = Object.keys(FILTERS).some((key) => values[key as keyof typeof FILTERS] !== '');
  return (
    <>
      <PageHeader title="Execuções" description="Cada download, envio ao SAT e upload manual, com o que o robô fez." />
      <DataTable
        id="faturas-execucoes"
        caption="Execuções"
        columns={COLUMNS}
        data={execucoes.data?.results}
        total={execucoes.data?.count ?? 0}
        rowId={(e) => e.id}
        loading={execucoes.isFetching}
        error={execucoes.error}
        onRetry={() => void execucoes.refetch()}
        sorting={[]}
        onSortingChange={() => undefined}
        page={url.page}
        onPageChange={url.setPage}
        pageSize={PAGE_SIZE}
        empty={
          filtered
            ? { title: 'Nenhuma execução com esses filtros', action: <Button variant="default" onClick={() => url.setFilters(FILTERS)}>Limpar filtros</Button> }
            : {
                title: 'Nenhuma execução ainda',
                description: 'Elas aparecem quando um download, um envio ao SAT ou um upload manual começa.',
                action: <Button component={Link} to="/faturas/processos?status=AGUARDANDO_DOWNLOAD">Ver processos aguardando download</Button>,
              }
        }
        filters={
          <>
            <SearchInput label="Buscar" placeholder="Cliente, CNPJ ou ID do job" value={values.q} onSearch={(q) => url.setFilters({ q })} />
            <PhoneFilters active={['status', 'tipo', 'operadora', 'desde', 'ate'].filter((key) => values[key as keyof typeof FILTERS]).length}>
              <NativeSelect
                label="Situação"
                value={values.status}
                onChange={(event) => url.setFilters({ status: event.currentTarget.value })}
                data={[{ value: '', label: 'Todas' }, ...STATUS_EXECUCAO.map((s) => ({ value: s, label: STATUS_EXECUCAO_LABEL[s].label }))]}
              />
              <NativeSelect
                label="Tipo"
                value={values.tipo}
                onChange={(event) => url.setFilters({ tipo: event.currentTarget.value })}
                data={[{ value: '', label: 'Todos' }, ...TIPO_EXECUCAO.map((t) => ({ value: t, label: TIPO_EXECUCAO_LABEL[t] }))]}
              />
              <OperadoraSelect label="Operadora" value={values.operadora} onChange={(event) => url.setFilters({ operadora: event.currentTarget.value })} />
              <TextInput label="De" type="date" value={values.desde} onChange={(event) => url.setFilters({ desde: event.currentTarget.value })} />
              <TextInput label="Até" type="date" value={values.ate} onChange={(event) => url.setFilters({ ate: event.currentTarget.value })} />
            </PhoneFilters>
          </>
        }
      />
    </>
  );
}
