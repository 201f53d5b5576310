import { Badge, Button, Group, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { toApiError, type ApiError } from '../../api/errors';
import { call } from '../../api/http';
import { usersApi, type ManagedUser as User } from '../../api/users';
import { PERFIL_LABELS } from '../../auth/access';
import { useUser } from '../../auth/useSession';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeader } from '../../components/PageHeader';
import { DataTable, useTableUrl, type DataColumn } from '../../components/table';
import { formatDateTime } from '../../format';
import { runAction } from '../../notify';
import { foldText } from '../../text';
import { PasswordModal } from './PasswordModal';
import { UserFormModal } from './UserFormModal';

const PAGE_SIZE = 20;
/** The API pages by 100 at most; a team's users fit in a few pages, so the console holds them all and searches them. */
const FETCH_PAGE = 100;

type Dialog = { kind: 'new' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

async function allUsers(signal: AbortSignal): Promise<User[]> {
  const users: User[] = [];
  for (let page = 1; ; page += 1) {
    const reply = await call(usersApi.list, { query: { page, page_size: FETCH_PAGE }, signal });
    users.push(...reply.results);
    if (!reply.next || reply.results.length === 0) return users;
  }
}

export default function UsersPage() {
  const me = useUser();
  const url = useTableUrl({ q: '' }, 'nome_completo');
  const [dialog, setDialog] = useState<Dialog>(null);
  const users = useQuery<User[], ApiError>({
    queryKey: [usersApi.list.path, 'all'],
    queryFn: ({ signal }) => allUsers(signal).catch((error: unknown) => Promise.reject(signal.aborted ? error : toApiError(error))),
  });
  const refresh = () => void users.refetch();
  const done = () => {
    setDialog(null);
    refresh();
  };
  const needle = foldText(url.values.q.trim());
  const rows = useMemo(
    () => users.data?.filter((user) => !needle || foldText(`${user.nome_completo} ${user.email} ${user.telefone ?? ''}`).includes(needle)),
    [users.data, needle],
  );

  const columns: DataColumn<User>[] = [
    { id: 'nome_completo', accessorKey: 'nome_completo', meta: { label: 'Nome', primary: true, csv: (u) => u.nome_completo }, cell: ({ getValue }) => <Text fw={600} size="sm">{getValue()}</Text> },
    { id: 'email', accessorKey: 'email', meta: { label: 'E-mail', csv: (u) => u.email }, cell: ({ getValue }) => <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{getValue()}</Text> },
    { id: 'telefone', accessorKey: 'telefone', enableSorting: false, meta: { label: 'Telefone', csv: (u) => u.telefone }, cell: ({ getValue }) => getValue() || '—' },
    { id: 'perfil', accessorKey: 'perfil', meta: { label: 'Perfil', csv: (u) => PERFIL_LABELS[u.perfil] }, cell: ({ row }) => <Badge>{PERFIL_LABELS[row.original.perfil]}</Badge> },
    {
      id: 'status_ativo',
      accessorFn: (u) => (u.status_ativo ? 1 : 0),
      meta: { label: 'Situação', csv: (u) => (u.status_ativo ? 'Ativo' : 'Desativado') },
      cell: ({ row }) => <Badge color={row.original.status_ativo ? 'green' : 'gray'}>{row.original.status_ativo ? 'Ativo' : 'Desativado'}</Badge>,
    },
    {
      id: 'last_login',
      // Never logged in sorts as the oldest.
      accessorFn: (u) => u.last_login ?? '',
      meta: { label: 'Último acesso', csv: (u) => (u.last_login ? formatDateTime(u.last_login) : 'Nunca') },
      cell: ({ row }) => (row.original.last_login ? formatDateTime(row.original.last_login) : 'Nunca'),
    },
    { id: 'created_at', accessorFn: (u) => u.created_at ?? '', meta: { label: 'Criado em', csv: (u) => formatDateTime(u.created_at) }, cell: ({ row }) => formatDateTime(row.original.created_at) },
    {
      id: 'acoes',
      enableSorting: false,
      enableHiding: false,
      meta: { label: 'Ações', actions: true },
      cell: ({ row }) => {
        const user = row.original;
        return (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'edit', user })} aria-label={`Editar ${user.nome_completo}`}>
              Editar
            </Button>
            <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'password', user })} aria-label={`Definir senha de ${user.nome_completo}`}>
              Senha
            </Button>
            {user.status_ativo && user.id !== me.id && (
              <ConfirmButton
                size="xs"
                variant="light"
                color="red"
                aria-label={`Desativar ${user.nome_completo}`}
                title="Desativar usuário"
                message={`Desativar ${user.nome_completo}? Ele não conseguirá mais entrar.`}
                confirmLabel="Desativar"
                onConfirm={() =>
                  runAction(() => call(usersApi.deactivate, { params: { id: user.id } }), 'Usuário desativado.').then((ok) => {
                    if (ok) refresh();
                    return ok;
                  })
                }
              >
                Desativar
              </ConfirmButton>
            )}
            {!user.status_ativo && (
              <Button
                size="xs"
                variant="light"
                aria-label={`Reativar ${user.nome_completo}`}
                onClick={() => void runAction(() => call(usersApi.update, { params: { id: user.id }, body: { status_ativo: true } }), 'Usuário reativado.').then(refresh)}
              >
                Reativar
              </Button>
            )}
          </Group>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title="Usuários"
        description="Quem entra no console. Administrador: tudo, inclusive usuários; Aprovador e Operador: os módulos do dia a dia."
        actions={<Button onClick={() => setDialog({ kind: 'new' })}>Novo usuário</Button>}
      />
      <DataTable
        id="usuarios"
        caption="Usuários"
        columns={columns}
        data={rows}
        rowId={(user) => user.id}
        loading={users.isFetching}
        error={users.error}
        onRetry={refresh}
        sorting={url.sorting}
        onSortingChange={url.setSort}
        page={url.page}
        onPageChange={url.setPage}
        pageSize={PAGE_SIZE}
        filters={
          <TextInput
            label="Buscar"
            description="Nome, e-mail ou telefone"
            type="search"
            value={url.values.q}
            onChange={(event) => url.setFilters({ q: event.currentTarget.value })}
            style={{ flex: 1, minWidth: 200, maxWidth: 420 }}
          />
        }
        empty={
          needle
            ? { title: 'Nenhum usuário encontrado.', action: <Button variant="default" onClick={() => url.setFilters({ q: '' })}>Limpar busca</Button> }
            : { title: 'Nenhum usuário cadastrado.', action: <Button onClick={() => setDialog({ kind: 'new' })}>Novo usuário</Button> }
        }
      />
      <UserFormModal
        opened={dialog?.kind === 'new' || dialog?.kind === 'edit'}
        user={dialog?.kind === 'edit' ? dialog.user : undefined}
        onClose={() => setDialog(null)}
        onSaved={done}
      />
      <PasswordModal user={dialog?.kind === 'password' ? dialog.user : null} onClose={() => setDialog(null)} onSaved={done} />
    </>
  );
}
