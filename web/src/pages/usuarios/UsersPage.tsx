import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { User } from '../../api/auth';
import { call } from '../../api/http';
import { usersApi } from '../../api/users';
import { PERFIL_LABELS } from '../../auth/access';
import { useUser } from '../../auth/useSession';
import { AsyncView } from '../../components/AsyncView';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeader } from '../../components/PageHeader';
import { NumberPager } from '../../components/Pager';
import { useResource } from '../../hooks/useResource';
import { runAction } from '../../notify';
import { PasswordModal } from './PasswordModal';
import { UserFormModal } from './UserFormModal';

const PAGE_SIZE = 20;

type Dialog = { kind: 'new' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

export default function UsersPage() {
  const me = useUser();
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const users = useResource((signal) => call(usersApi.list, { query: { page, page_size: PAGE_SIZE }, signal }), [page]);
  const done = () => {
    setDialog(null);
    users.reload();
  };
  const deactivate = (user: User) =>
    runAction(() => call(usersApi.deactivate, { params: { id: user.id } }), 'Usuário desativado.').then((ok) => {
      if (ok) users.reload();
      return ok;
    });

  return (
    <>
      <PageHeader
        title="Usuários"
        description="Quem entra no console e o que cada perfil pode fazer."
        actions={<Button onClick={() => setDialog({ kind: 'new' })}>Novo usuário</Button>}
      />
      <AsyncView resource={users} isEmpty={(data) => data.results.length === 0} empty="Nenhum usuário cadastrado.">
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Nome</Table.Th>
                    <Table.Th>E-mail</Table.Th>
                    <Table.Th>Telefone</Table.Th>
                    <Table.Th>Perfil</Table.Th>
                    <Table.Th>Situação</Table.Th>
                    <Table.Th>Ações</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.results.map((user) => (
                    <Table.Tr key={user.id}>
                      <Table.Td fw={600}>{user.nome_completo}</Table.Td>
                      <Table.Td>{user.email}</Table.Td>
                      <Table.Td>{user.telefone || '—'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light">{PERFIL_LABELS[user.perfil]}</Badge>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={user.status_ativo ? 'green' : 'gray'} variant="light">
                          {user.status_ativo ? 'Ativo' : 'Desativado'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'edit', user })} aria-label={`Editar ${user.nome_completo}`}>
                            Editar
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setDialog({ kind: 'password', user })}
                            aria-label={`Definir senha de ${user.nome_completo}`}
                          >
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
                              onConfirm={() => deactivate(user)}
                            >
                              Desativar
                            </ConfirmButton>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="sm" c="dimmed" mt="sm">
              {data.count} {data.count === 1 ? 'usuário' : 'usuários'}
            </Text>
            <NumberPager page={page} total={Math.ceil(data.count / PAGE_SIZE)} onChange={setPage} />
          </>
        )}
      </AsyncView>
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
