import { Anchor, Button, Group, Switch, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { fiadosApi, type Client } from '../../api/fiados';
import { call } from '../../api/http';
import { AsyncView } from '../../components/AsyncView';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeader } from '../../components/PageHeader';
import { OffsetPager } from '../../components/Pager';
import { useResource } from '../../hooks/useResource';
import { runAction } from '../../notify';
import { ClientFormModal } from './ClientFormModal';
import { ActiveBadge } from './labels';

const PAGE_SIZE = 20;

function matches(client: Client, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase('pt-BR');
  return [client.name, client.nickname ?? ''].some((text) => text.toLocaleLowerCase('pt-BR').includes(needle));
}

export default function ClientsPage() {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [showInactive, setShowInactive] = useState(false);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Client | 'new' | null>(null);
  // One row more than the page tells whether a next page exists.
  const clients = useResource(
    (signal) =>
      call(fiadosApi.listClients, {
        query: { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE, is_active: !showInactive },
        signal,
      }).then((reply) => reply.clients),
    [page, showInactive],
  );
  const rows = (clients.data ?? []).slice(0, PAGE_SIZE).filter((client) => matches(client, search));

  const saved = (client: Client) => {
    setEditing(null);
    if (editing === 'new') navigate(`/fiados/clientes/${client.id}`);
    else clients.reload();
  };
  const deactivate = (client: Client) =>
    runAction(() => call(fiadosApi.deactivateClient, { params: { client_id: client.id } }), 'Cliente desativado.').then((done) => {
      if (done) clients.reload();
      return done;
    });
  const restore = (client: Client) =>
    runAction(() => call(fiadosApi.updateClient, { params: { client_id: client.id }, body: { is_active: 1 } }), 'Cliente restaurado.').then((done) => {
      if (done) clients.reload();
    });

  return (
    <>
      <PageHeader title="Clientes" description="Quem compra fiado na loja." actions={<Button onClick={() => setEditing('new')}>Novo cliente</Button>} />
      <Group mb="md" align="flex-end">
        <TextInput
          label="Buscar por nome ou apelido"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: 1, minWidth: 220 }}
        />
        <Switch
          label="Mostrar desativados"
          checked={showInactive}
          onChange={(event) => {
            setShowInactive(event.currentTarget.checked);
            setPage(1);
          }}
          mb={8}
        />
      </Group>
      <AsyncView resource={clients} isEmpty={() => rows.length === 0} empty="Nenhum cliente encontrado.">
        {() => (
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Nome</Table.Th>
                  <Table.Th>Apelido</Table.Th>
                  <Table.Th>Telefone</Table.Th>
                  <Table.Th>E-mail</Table.Th>
                  <Table.Th>Situação</Table.Th>
                  <Table.Th>Ações</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((client) => (
                  <Table.Tr key={client.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/fiados/clientes/${client.id}`}>
                        {client.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{client.nickname ?? '—'}</Table.Td>
                    <Table.Td>{client.phone ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" truncate="end" maw={220}>
                        {client.email ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ActiveBadge active={client.is_active === 1} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setEditing(client)} aria-label={`Editar ${client.name}`}>
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
                            onConfirm={() => deactivate(client)}
                          >
                            Desativar
                          </ConfirmButton>
                        ) : (
                          <Button size="xs" variant="light" onClick={() => restore(client)} aria-label={`Restaurar ${client.name}`}>
                            Restaurar
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </AsyncView>
      <OffsetPager page={page} hasNext={(clients.data?.length ?? 0) > PAGE_SIZE} onChange={setPage} />
      <ClientFormModal
        opened={editing !== null}
        client={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={saved}
      />
    </>
  );
}
