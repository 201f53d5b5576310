import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { fiadosApi, type Client, type Purchase } from '../../api/fiados';
import { call } from '../../api/http';
import { AsyncView } from '../../components/AsyncView';
import { PageHeader } from '../../components/PageHeader';
import { formatMoney, toCents } from '../../format';
import { useResource } from '../../hooks/useResource';
import { ClientFormModal } from './ClientFormModal';
import { PurchaseFormModal } from './PurchaseFormModal';
import { PurchaseList } from './PurchaseList';

/** What the client still owes: the unpaid part of every active purchase, summed in centavos. */
function balanceOf(purchases: Purchase[]): number {
  const active = purchases.filter((purchase) => purchase.is_active);
  return active.reduce((sum, purchase) => sum + toCents(purchase.total_value) - toCents(purchase.total_paid_value), 0) / 100;
}

export default function ClientPage() {
  const clientId = Number(useParams().clientId);
  const client = useResource((signal) => call(fiadosApi.getClient, { params: { client_id: clientId }, signal }), [clientId]);
  const purchases = useResource(
    (signal) =>
      call(fiadosApi.listClientPurchases, { params: { client_id: clientId }, query: { only_active: false }, signal }).then(
        (reply) => reply.purchases,
      ),
    [clientId],
  );
  const [dialog, setDialog] = useState<'purchase' | 'edit' | null>(null);

  return (
    <AsyncView resource={client}>
      {(data) => (
        <>
          <PageHeader
            title={
              <Group gap="sm">
                {data.name}
                {!data.is_active && <Badge color="gray">Desativado</Badge>}
              </Group>
            }
            description={data.nickname ? `Apelido: ${data.nickname}` : undefined}
            actions={
              <>
                <Button variant="default" onClick={() => setDialog('edit')}>
                  Editar
                </Button>
                <Button variant="default" component={Link} to={`/fiados/clientes/${clientId}/extrato`}>
                  Extrato
                </Button>
                <Button onClick={() => setDialog('purchase')} disabled={!data.is_active}>
                  Nova compra
                </Button>
              </>
            }
          />
          <ClientSummary client={data} purchases={purchases.data} />
          <Title order={3} size="h4" mt="xl" mb="sm">
            Compras
          </Title>
          <AsyncView resource={purchases} isEmpty={(rows) => rows.length === 0} empty="Nenhuma compra registrada.">
            {(rows) => <PurchaseList purchases={rows} onChanged={purchases.reload} />}
          </AsyncView>
          <PurchaseFormModal
            clientId={clientId}
            opened={dialog === 'purchase'}
            onClose={() => setDialog(null)}
            onSaved={() => {
              setDialog(null);
              purchases.reload();
            }}
          />
          <ClientFormModal
            client={data}
            opened={dialog === 'edit'}
            onClose={() => setDialog(null)}
            onSaved={(saved) => {
              setDialog(null);
              client.setData(saved);
            }}
          />
        </>
      )}
    </AsyncView>
  );
}

function ClientSummary({ client, purchases }: { client: Client; purchases: Purchase[] | undefined }) {
  const open = purchases?.filter((purchase) => purchase.is_active && purchase.status !== 'paid').length;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Paper withBorder p="md" aria-label="Saldo devedor">
        <Text size="sm" c="dimmed">
          Saldo devedor
        </Text>
        <Text fz="xl" fw={700}>
          {purchases ? formatMoney(balanceOf(purchases)) : '—'}
        </Text>
      </Paper>
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          Compras em aberto
        </Text>
        <Text fz="xl" fw={700}>
          {open ?? '—'}
        </Text>
      </Paper>
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          Contato
        </Text>
        <Text size="sm">{client.phone ?? 'Sem telefone'}</Text>
        {client.email ? (
          <Anchor size="sm" href={`mailto:${client.email}`}>
            {client.email}
          </Anchor>
        ) : (
          <Text size="sm">Sem e-mail</Text>
        )}
      </Paper>
    </SimpleGrid>
  );
}
