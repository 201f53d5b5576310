import { Anchor, Button, CloseButton, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { faturasApi, STATUS_PROCESSO, type Processo, type ProcessoQuery } from '../../api/faturas';
import { call } from '../../api/http';
import { useUser } from '../../auth/useSession';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeader } from '../../components/PageHeader';
import { DataTable, useTableUrl, type DataColumn } from '../../components/table';
import { formatMoney } from '../../format';
import { invalidate, useApi } from '../../query/useApi';
import { CriarMensaisModal } from './CriarMensaisModal';
import { formatCnpj } from './documents';
import { can, formatIsoDate, normalizeMesAno, STATUS_PROCESSO_LABEL, StatusBadge } from './labels';
import { forEachLimited, OperadoraSelect, SearchInput, PhoneFilters, withHeaders } from './shared';

const PAGE_SIZE = 25;
const FILTERS = { q: '', status: '', mes_ano: '', operadora: '', cliente: '', venc_de: '', venc_ate: '' };

const COLUMNS: DataColumn<Processo>[] = withHeaders<Processo>([
  {
    id: 'razao_social',
    accessorFn: (p) => p.cliente.razao_social,
    meta: { label: 'Cliente', primary: true, csv: (p) => p.cliente.razao_social },
    cell: ({ row: { original: p } }) => (
      <Stack gap={0}>
        <Anchor component={Link} to={`/faturas/processos/${p.id}`} fw={600} size="sm">
          {p.cliente.razao_social}
        </Anchor>
        <Text size="xs" c="dimmed">
          {formatCnpj(p.cliente.cnpj)}
        </Text>
      </Stack>
    ),
  },
  { id: 'operadora', enableSorting: false, meta: { label: 'Operadora', csv: (p) => p.operadora.codigo }, cell: ({ row }) => row.original.operadora.codigo },
  { id: 'mes_ano', accessorKey: 'mes_ano', meta: { label: 'Mês/ano', csv: (p) => p.mes_ano }, cell: ({ row }) => row.original.mes_ano },
  {
    id: 'status_processo',
    accessorKey: 'status_processo',
    meta: { label: 'Status', csv: (p) => STATUS_PROCESSO_LABEL[p.status_processo]?.label ?? p.status_processo },
    cell: ({ row }) => <StatusBadge status={row.original.status_processo} />,
  },
  {
    id: 'valor_fatura',
    accessorKey: 'valor_fatura',
    meta: { label: 'Valor', numeric: true, csv: (p) => p.valor_fatura },
    cell: ({ row }) => (row.original.valor_fatura === null ? '—' : formatMoney(row.original.valor_fatura)),
  },
  {
    id: 'data_vencimento',
    accessorKey: 'data_vencimento',
    meta: { label: 'Vencimento', csv: (p) => formatIsoDate(p.data_vencimento) },
    cell: ({ row }) => formatIsoDate(row.original.data_vencimento),
  },
  {
    id: 'acoes',
    enableSorting: false,
    meta: { label: 'Ações', actions: true },
    cell: ({ row }) => (
      <Button component={Link} to={`/faturas/processos/${row.original.id}`} size="xs" variant="default" aria-label={`Abrir processo de ${row.original.cliente.razao_social}`}>
        Abrir
      </Button>
    ),
  },
]);

function toQuery(values: typeof FILTERS & { sort: string }, page: number): ProcessoQuery {
  return {
    page,
    page_size: PAGE_SIZE,
    q: values.q || undefined,
    status_processo: values.status || undefined,
    mes_ano: normalizeMesAno(values.mes_ano) ?? undefined,
    operadora_id: values.operadora || undefined,
    cliente_id: values.cliente || undefined,
    vencimento_de: values.venc_de || undefined,
    vencimento_ate: values.venc_ate || undefined,
    ordering: values.sort || undefined,
  };
}

export default function ProcessosPage() {
  const user = useUser();
  const url = useTableUrl(FILTERS, 'data_vencimento');
  const { values } = url;
  const query = toQuery(values, url.page);
  const processos = useApi(faturasApi.listProcessos, { query }, { keepPrevious: true });
  const [creating, setCreating] = useState(false);
  const filtered = Object.keys(FILTERS).some((key) => values[key as keyof typeof FILTERS] !== '');
  const mesAnoInvalid = values.mes_ano !== '' && normalizeMesAno(values.mes_ano) === null;

  const exportRows = async () => {
    const rows: Processo[] = [];
    for (let page = 1; ; page += 1) {
      const reply = await call(faturasApi.listProcessos, { query: { ...query, page, page_size: 100 } });
      rows.push(...reply.results);
      if (!reply.next || rows.length >= 10_000) return rows;
    }
  };

  const bulk = async (selected: Processo[], status: Processo['status_processo'], run: (p: Processo) => Promise<unknown>, verb: string) => {
    const eligible = selected.filter((p) => p.status_processo === status);
    const { done, failures } = await forEachLimited(eligible, run);
    const skipped = selected.length - eligible.length;
    const parts = [`${done} ${verb}`, skipped ? `${skipped} ignorado(s) por estarem em outro status` : '', failures.length ? `${failures.length} falharam: ${failures[0]}` : ''];
    notifications.show({ color: failures.length ? 'red' : done ? 'green' : 'yellow', message: parts.filter(Boolean).join('; ') + '.' });
    await invalidate(faturasApi.listProcessos, faturasApi.dashboard);
    return done > 0 || failures.length === 0;
  };

  return (
    <>
      <PageHeader
        title="Processos"
        description="As faturas do mês, de cada cliente, do download ao envio ao SAT."
        actions={<Button onClick={() => setCreating(true)}>Criar processos do mês</Button>}
      />
      <DataTable
        id="faturas-processos"
        caption="Processos de faturas"
        columns={COLUMNS}
        data={processos.data?.results}
        total={processos.data?.count ?? 0}
        rowId={(p) => p.id}
        loading={processos.isFetching}
        error={processos.error}
        onRetry={() => void processos.refetch()}
        sorting={url.sorting}
        onSortingChange={url.setSort}
        page={url.page}
        onPageChange={url.setPage}
        pageSize={PAGE_SIZE}
        exportRows={exportRows}
        empty={
          filtered
            ? {
                title: 'Nenhum processo com esses filtros',
                description: 'Mude ou limpe os filtros para ver outros processos.',
                action: <Button variant="default" onClick={() => url.setFilters(FILTERS)}>Limpar filtros</Button>,
              }
            : {
                title: 'Nenhum processo ainda',
                description: 'Crie os processos do mês: um para cada cliente ativo.',
                action: <Button onClick={() => setCreating(true)}>Criar processos do mês</Button>,
              }
        }
        bulkActions={(selected, clear) => (
          <>
            <ConfirmButton
              size="xs"
              color="blue"
              title="Executar downloads"
              message={`Iniciar o download da fatura dos processos selecionados que aguardam download (${selected.filter((p) => p.status_processo === 'AGUARDANDO_DOWNLOAD').length} de ${selected.length})?`}
              confirmLabel="Executar downloads"
              onConfirm={async () => {
                const ok = await bulk(selected, 'AGUARDANDO_DOWNLOAD', (p) => call(faturasApi.executarDownload, { params: { id: p.id } }), 'download(s) iniciado(s)');
                if (ok) clear();
                return true;
              }}
            >
              Executar downloads
            </ConfirmButton>
            {can.approve(user.perfil) && (
              <ConfirmButton
                size="xs"
                color="green"
                title="Aprovar processos"
                message={`Aprovar as faturas selecionadas que aguardam aprovação (${selected.filter((p) => p.status_processo === 'AGUARDANDO_APROVACAO').length} de ${selected.length})? Elas seguem para o envio ao SAT.`}
                confirmLabel="Aprovar"
                onConfirm={async () => {
                  const ok = await bulk(selected, 'AGUARDANDO_APROVACAO', (p) => call(faturasApi.aprovar, { params: { id: p.id }, body: {} }), 'aprovado(s)');
                  if (ok) clear();
                  return true;
                }}
              >
                Aprovar selecionados
              </ConfirmButton>
            )}
          </>
        )}
        filters={
          <>
            <SearchInput label="Buscar" placeholder="Cliente, CNPJ, operadora…" value={values.q} onSearch={(q) => url.setFilters({ q })} />
            <PhoneFilters active={['status', 'mes_ano', 'operadora', 'venc_de', 'venc_ate', 'cliente'].filter((key) => values[key as keyof typeof FILTERS]).length}>
              <NativeSelect
                label="Status"
                value={values.status}
                onChange={(event) => url.setFilters({ status: event.currentTarget.value })}
                data={[{ value: '', label: 'Todos' }, ...STATUS_PROCESSO.map((s) => ({ value: s, label: STATUS_PROCESSO_LABEL[s].label }))]}
              />
              <TextInput
                label="Mês/ano"
                placeholder="MM/AAAA"
                w={110}
                defaultValue={values.mes_ano}
                key={values.mes_ano}
                error={mesAnoInvalid ? 'Use MM/AAAA' : undefined}
                onBlur={(event) => url.setFilters({ mes_ano: event.currentTarget.value.trim() })}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') url.setFilters({ mes_ano: event.currentTarget.value.trim() });
                }}
              />
              <OperadoraSelect label="Operadora" value={values.operadora} onChange={(event) => url.setFilters({ operadora: event.currentTarget.value })} />
              <TextInput label="Vencimento de" type="date" value={values.venc_de} onChange={(event) => url.setFilters({ venc_de: event.currentTarget.value })} />
              <TextInput label="até" type="date" value={values.venc_ate} onChange={(event) => url.setFilters({ venc_ate: event.currentTarget.value })} />
              {values.cliente && <ClienteChip id={values.cliente} onClear={() => url.setFilters({ cliente: '' })} />}
            </PhoneFilters>
          </>
        }
      />
      <CriarMensaisModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

/** The cliente filter, set from the Clientes page: its name and a way out. */
function ClienteChip({ id, onClear }: { id: string; onClear: () => void }) {
  const cliente = useApi(faturasApi.getCliente, { params: { id } });
  return (
    <Group gap={4} wrap="nowrap" mb={4} px="xs" py={4} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
      <Text size="sm">Cliente: {cliente.data?.razao_social ?? '…'}</Text>
      <CloseButton size="sm" aria-label="Remover o filtro de cliente" onClick={onClear} />
    </Group>
  );
}
