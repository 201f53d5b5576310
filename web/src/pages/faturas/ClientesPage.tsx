import { Badge, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { faturasApi, type Cliente } from '../../api/faturas';
import { call } from '../../api/http';
import { useUser } from '../../auth/useSession';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeader } from '../../components/PageHeader';
import { DataTable, useTableUrl, type DataColumn } from '../../components/table';
import { downloadFile } from '../../csv';
import { runAction } from '../../notify';
import { invalidate, useApi } from '../../query/useApi';
import { ClienteFormModal } from './ClienteFormModal';
import { formatCnpj } from './documents';
import { ImportWizard } from './ImportWizard';
import { can } from './labels';
import { OperadoraSelect, SearchInput, PhoneFilters, withHeaders } from './shared';

const PAGE_SIZE = 25;
const FILTERS = { q: '', operadora: '', situacao: 'ativos' };
const SITUACAO: Record<string, boolean | undefined> = { ativos: true, inativos: false, todos: undefined };

// No `csv` on these columns: the page exports the whole cadastro from the service instead of one page.
function columns(admin: boolean, edit: (c: Cliente) => void): DataColumn<Cliente>[] {
  return withHeaders([
    {
      id: 'razao_social',
      accessorKey: 'razao_social',
      meta: { label: 'Razão social', primary: true },
      cell: ({ row: { original: c } }) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {c.razao_social}
          </Text>
          <Text size="xs" c="dimmed">
            SAT: {c.nome_sat}
          </Text>
        </Stack>
      ),
    },
    { id: 'cnpj', accessorKey: 'cnpj', meta: { label: 'CNPJ' }, cell: ({ row }) => <Text ff="monospace" size="sm">{formatCnpj(row.original.cnpj)}</Text> },
    { id: 'operadora', enableSorting: false, meta: { label: 'Operadora' }, cell: ({ row }) => row.original.operadora.codigo },
    { id: 'servico', accessorKey: 'servico', meta: { label: 'Serviço' }, cell: ({ row }) => row.original.servico },
    { id: 'unidade', accessorKey: 'unidade', meta: { label: 'Unidade' }, cell: ({ row }) => row.original.unidade },
    {
      id: 'senha',
      enableSorting: false,
      meta: { label: 'Senha do portal' },
      cell: ({ row }) => (
        <Badge color={row.original.possui_senha ? 'green' : 'gray'} variant="light">
          {row.original.possui_senha ? 'definida' : 'não definida'}
        </Badge>
      ),
    },
    {
      id: 'status_ativo',
      enableSorting: false,
      meta: { label: 'Situação' },
      cell: ({ row }) => <Badge color={row.original.status_ativo ? 'green' : 'gray'}>{row.original.status_ativo ? 'Ativo' : 'Inativo'}</Badge>,
    },
    {
      id: 'acoes',
      enableSorting: false,
      meta: { label: 'Ações', actions: true },
      cell: ({ row: { original: c } }) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" component={Link} to={`/faturas/processos?cliente=${c.id}`} aria-label={`Processos de ${c.razao_social}`}>
            Processos
          </Button>
          {admin && (
            <Button size="xs" variant="default" onClick={() => edit(c)} aria-label={`Editar ${c.razao_social}`}>
              Editar
            </Button>
          )}
          {admin && c.status_ativo && (
            <ConfirmButton
              size="xs"
              variant="light"
              color="red"
              aria-label={`Desativar ${c.razao_social}`}
              title="Desativar cliente"
              message={`Desativar ${c.razao_social}? Ele deixa de receber processos novos; os processos e o histórico ficam.`}
              confirmLabel="Desativar"
              onConfirm={() =>
                runAction(() => call(faturasApi.deactivateCliente, { params: { id: c.id } }), 'Cliente desativado.').then(async (done) => {
                  if (done) await invalidate(faturasApi.listClientes);
                  return done;
                })
              }
            >
              Desativar
            </ConfirmButton>
          )}
        </Group>
      ),
    },
  ]);
}

export default function ClientesPage() {
  const user = useUser();
  const admin = can.manage(user.perfil);
  const url = useTableUrl(FILTERS, 'razao_social');
  const { values } = url;
  const query = {
    page: url.page,
    page_size: PAGE_SIZE,
    q: values.q || undefined,
    operadora_id: values.operadora || undefined,
    status_ativo: SITUACAO[values.situacao],
    ordering: values.sort || undefined,
  };
  const clientes = useApi(faturasApi.listClientes, { query }, { keepPrevious: true });
  const [editing, setEditing] = useState<Cliente | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const filtered = values.q !== '' || values.operadora !== '';

  const exportCsv = () =>
    runAction(async () => downloadFile(`clientes-${new Date().toISOString().slice(0, 10)}.csv`, await call(faturasApi.exportClientes)), 'Arquivo CSV gerado.');

  return (
    <>
      <PageHeader
        title="Clientes"
        description="Quem recebe faturas: a conta na operadora e os dados para o SAT."
        actions={
          <>
            <Button variant="default" onClick={() => void exportCsv()}>
              Exportar cadastro (CSV)
            </Button>
            {admin && (
              <Button variant="default" onClick={() => setImporting(true)}>
                Importar CSV
              </Button>
            )}
            {admin && <Button onClick={() => setEditing('new')}>Novo cliente</Button>}
          </>
        }
      />
      <DataTable
        id="faturas-clientes"
        caption="Clientes de faturas"
        columns={columns(admin, setEditing)}
        data={clientes.data?.results}
        total={clientes.data?.count ?? 0}
        rowId={(c) => c.id}
        loading={clientes.isFetching}
        error={clientes.error}
        onRetry={() => void clientes.refetch()}
        sorting={url.sorting}
        onSortingChange={url.setSort}
        page={url.page}
        onPageChange={url.setPage}
        pageSize={PAGE_SIZE}
        empty={
          filtered
            ? {
                title: 'Nenhum cliente encontrado',
                description: 'Ajuste a busca ou os filtros.',
                action: <Button variant="default" onClick={() => url.setFilters({ q: '', operadora: '' })}>Limpar filtros</Button>,
              }
            : {
                title: 'Nenhum cliente cadastrado',
                description: admin ? 'Cadastre um cliente ou importe a planilha de clientes (CSV).' : 'Peça a um administrador para cadastrar os clientes.',
                action: admin ? <Button onClick={() => setImporting(true)}>Importar CSV</Button> : undefined,
              }
        }
        filters={
          <>
            <SearchInput label="Buscar" placeholder="Razão social, nome SAT, CNPJ, filtro" value={values.q} onSearch={(q) => url.setFilters({ q })} />
            <PhoneFilters active={(values.operadora ? 1 : 0) + (values.situacao !== 'ativos' ? 1 : 0)}>
              <OperadoraSelect label="Operadora" value={values.operadora} onChange={(event) => url.setFilters({ operadora: event.currentTarget.value })} />
              <NativeSelect
                label="Situação"
                value={values.situacao}
                onChange={(event) => url.setFilters({ situacao: event.currentTarget.value })}
                data={[
                  { value: 'ativos', label: 'Ativos' },
                  { value: 'inativos', label: 'Inativos' },
                  { value: 'todos', label: 'Todos' },
                ]}
              />
            </PhoneFilters>
          </>
        }
      />
      <ClienteFormModal
        opened={editing !== null}
        cliente={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void invalidate(faturasApi.listClientes);
        }}
      />
      <ImportWizard opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
