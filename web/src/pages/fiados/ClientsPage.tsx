import { Anchor, Button, Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { fiadosApi, type Client, type ClientWithBalance, type Situacao } from '../../api/fiados';
import { call } from '../../api/http';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeader } from '../../components/PageHeader';
import { DataTable, useTableUrl, type DataColumn } from '../../components/table';
import { formatMoney } from '../../format';
import { invalidate, useApi } from '../../query/useApi';
import { runAction } from '../../notify';
import { ClientFormModal } from './ClientFormModal';
import { ActiveBadge } from './labels';

const PAGE_SIZE = 20;
const SITUACOES: { value: Situacao; label: string }[] = [
  { value: 'ativos', label: 'Ativos' },
  { value: 'devendo', label: 'Devendo' },
  { value: 'desativados', label: 'Desativados' },
  { value: 'todos', label: 'Todos' },
];

export default function ClientsPage() {
  const navigate = useNavigate();
  const url = useTableUrl({ q: '', situacao: 'ativos' }, 'name');
  const { q, situacao } = url.values;
  const [typed, setTyped] = useState(q);
  const search = useDebouncedCallback((text: string) => url.setFilters({ q: text.trim() }), 300);
  const [editing, setEditing] = useState<Client | 'new' | null>(null);
  const query = { q, situacao: situacao as Situacao, sort: url.sort, limit: PAGE_SIZE, offset: (url.page - 1) * PAGE_SIZE };
  const clients = useApi(fiadosApi.searchClients, { query }, { keepPrevious: true });

  const changed = () => invalidate(fiadosApi.searchClients, fiadosApi.receivables);
  const columns = useMemo(() => clientColumns(setEditing, changed), []);

  const exportRows = async () => {
    const all: ClientWithBalance[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await call(fiadosApi.searchClients, { query: { ...query, limit: 500, offset } });
      all.push(...page.clients);
      if (all.length >= page.total || page.clients.length === 0) return all;
    }
  };

  const filtered = Boolean(q) || situacao !== 'ativos';
  return (
    <>
      <PageHeader title="Clientes" description="Quem compra fiado na loja." actions={<Button onClick={() => setEditing('new')}>Novo cliente</Button>} />
      {clients.data && (
        <Text mb="sm" size="sm" aria-live="polite">
          A receber destes clientes: <strong>{formatMoney(clients.data.total_balance)}</strong>
        </Text>
      )}
      <DataTable
        id="clientes"
        caption="Clientes"
        columns={columns}
        data={clients.data?.clients}
        rowId={(client) => String(client.id)}
        loading={clients.isFetching}
        error={clients.error}
        onRetry={() => void clients.refetch()}
        total={clients.data?.total ?? 0}
        sorting={url.sorting}
        onSortingChange={url.setSort}
        page={url.page}
        onPageChange={url.setPage}
        pageSize={PAGE_SIZE}
        exportRows={exportRows}
        empty={
          filtered
            ? {
                title: 'Nenhum cliente encontrado.',
                description: 'A busca vale para todos os clientes, em todas as páginas.',
                action: (
                  <Button
                    variant="default"
                    onClick={() => {
                      setTyped('');
                      url.setFilters({ q: '', situacao: 'ativos' });
                    }}
                  >
                    Limpar filtros
                  </Button>
                ),
              }
            : { title: 'Nenhum cliente ainda.', action: <Button onClick={() => setEditing('new')}>Cadastrar o primeiro cliente</Button> }
        }
        filters={
          <>
            <TextInput
              label="Buscar"
              description="Nome, apelido, telefone ou e-mail"
              type="search"
              value={typed}
              onChange={(event) => {
                setTyped(event.currentTarget.value);
                search(event.currentTarget.value);
              }}
              style={{ flex: 1, minWidth: 200, maxWidth: 420 }}
            />
            <SegmentedControl
              aria-label="Situação"
              data={SITUACOES}
              value={situacao}
              onChange={(value) => url.setFilters({ situacao: value })}
            />
          </>
        }
      />
      <ClientFormModal
        opened={editing !== null}
        client={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={(client) => {
          setEditing(null);
          if (editing === 'new') navigate(`/fiados/clientes/${client.id}`);
          else void changed();
        }}
      />
    </>
  );
}

function clientColumns(edit: (client: Client) => void, changed: () => Promise<void>): DataColumn<ClientWithBalance>[] {
  const act = (action: () => Promise<unknown>, success: string) =>
    runAction(action, success).then((done) => {
      if (done) void changed();
      return done;
    });
  return [
    {
      id: 'name',
      accessorKey: 'name',
      meta: { label: 'Nome', primary: true, csv: (c) => c.name },
      cell: ({ row }) => (
        <Anchor component={Link} to={`/fiados/clientes/${row.original.id}`} fw={600}>
          {row.original.name}
        </Anchor>
      ),
    },
    { id: 'nickname', accessorKey: 'nickname', enableSorting: false, meta: { label: 'Apelido', csv: (c) => c.nickname }, cell: ({ getValue }) => getValue() ?? '—' },
    {
      id: 'phone',
      accessorKey: 'phone',
      enableSorting: false,
      meta: { label: 'Telefone', csv: (c) => c.phone },
      cell: ({ row }) =>
        row.original.phone ? (
          <Anchor href={`tel:${row.original.phone.replace(/[^\d+]/g, '')}`} style={{ whiteSpace: 'nowrap' }}>
            {row.original.phone}
          </Anchor>
        ) : (
          '—'
        ),
    },
    {
      id: 'email',
      accessorKey: 'email',
      enableSorting: false,
      meta: { label: 'E-mail', csv: (c) => c.email },
      cell: ({ getValue }) => (
        <Text size="sm" truncate="end" maw={220}>
          {getValue() ?? '—'}
        </Text>
      ),
    },
    {
      id: 'balance',
      accessorKey: 'balance',
      sortDescFirst: true,
      meta: { label: 'Saldo', numeric: true, csv: (c) => c.balance },
      cell: ({ row }) => (
        <Text size="sm" fw={row.original.balance > 0 ? 700 : undefined} c={row.original.balance > 0 ? undefined : 'dimmed'}>
          {row.original.balance > 0 ? formatMoney(row.original.balance) : '—'}
        </Text>
      ),
    },
    {
      id: 'situacao',
      enableSorting: false,
      meta: { label: 'Situação', csv: (c) => (c.is_active ? 'Ativo' : 'Desativado') },
      cell: ({ row }) => <ActiveBadge active={row.original.is_active === 1} />,
    },
    {
      id: 'acoes',
      enableSorting: false,
      enableHiding: false,
      meta: { label: 'Ações', actions: true },
      cell: ({ row }) => {
        const client = row.original;
        return (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" onClick={() => edit(client)} aria-label={`Editar ${client.name}`}>
              Editar
            </Button>
            {client.is_active ? (
              <ConfirmButton
                size="xs"
                variant="light"
                color="red"
                aria-label={`Desativar ${client.name}`}
                title="Desativar cliente"
                message={`Desativar ${client.name}? As compras e os pagamentos dele também serão desativados.`}
                confirmLabel="Desativar"
                onConfirm={() => act(() => call(fiadosApi.deactivateClient, { params: { client_id: client.id } }), 'Cliente desativado.')}
              >
                Desativar
              </ConfirmButton>
            ) : (
              <Button
                size="xs"
                variant="light"
                aria-label={`Restaurar ${client.name}`}
                onClick={() => act(() => call(fiadosApi.updateClient, { params: { client_id: client.id }, body: { is_active: 1 } }), 'Cliente restaurado.')}
              >
                Restaurar
              </Button>
            )}
          </Group>
        );
      },
    },
  ];
}
