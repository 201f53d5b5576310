import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { fiadosApi, type Client, type Purchase } from '../../api/fiados';
import { PageHeader } from '../../components/PageHeader';
import { idParam, QueryView, RecordNotFound } from '../../components/QueryView';
import { formatMoney, toCents } from '../../format';
import { invalidate, useApi } from '../../query/useApi';
import { ClientFormModal } from './ClientFormModal';
import { PurchaseFormModal } from './PurchaseFormModal';
import { PurchaseList } from './PurchaseList';
import { ReceivePaymentModal } from './ReceivePaymentModal';

/** What the client still owes: the unpaid part of every active purchase, summed in centavos. */
function balanceOf(purchases: Purchase[]): number {
  const active = purchases.filter((purchase) => purchase.is_active);
  return active.reduce((sum, purchase) => sum + toCents(purchase.total_value) - toCents(purchase.total_paid_value), 0) / 100;
}

/** After any change on this page: the client's purchases and payments, and the lists that sum them. */
export const fiadosChanged = () =>
  invalidate(fiadosApi.listClientPurchases, fiadosApi.listPayments, fiadosApi.searchClients, fiadosApi.receivables, fiadosApi.statement);

export default function ClientPage() {
  const clientId = idParam(useParams().clientId);
  const valid = !Number.isNaN(clientId);
  const client = useApi(fiadosApi.getClient, { params: { client_id: clientId } }, { enabled: valid });
  const purchases = useApi(fiadosApi.listClientPurchases, { params: { client_id: clientId }, query: { only_active: false } }, { enabled: valid });
  const [dialog, setDialog] = useState<'purchase' | 'edit' | 'receive' | null>(null);
  const rows = purchases.data?.purchases;
  const balance = rows ? balanceOf(rows) : 0;
  const done = () => {
    setDialog(null);
    void fiadosChanged();
  };

  if (!valid) return <RecordNotFound title="Cliente não encontrado" />;
  return (
    <QueryView query={client} notFound="Cliente não encontrado">
      {(data) => (
        <>
          <PageHeader
            title={
              <Group gap="sm" component="span">
                {data.name}
                {!data.is_active && <Badge color="gray">Desativado</Badge>}
              </Group>
            }
            documentTitle={`${data.name} · Clientes`}
            description={
              <>
                <Anchor component={Link} to="/fiados/clientes">
                  Clientes
                </Anchor>
                {data.nickname ? ` · Apelido: ${data.nickname}` : ''}
              </>
            }
            actions={
              <>
                <Button variant="default" onClick={() => setDialog('edit')}>
                  Editar
                </Button>
                <Button variant="default" component={Link} to={`/fiados/clientes/${clientId}/extrato`}>
                  Extrato
                </Button>
                <Button variant="default" onClick={() => setDialog('purchase')} disabled={!data.is_active}>
                  Nova compra
                </Button>
                <Button onClick={() => setDialog('receive')} disabled={!data.is_active || balance <= 0}>
                  Receber pagamento
                </Button>
              </>
            }
          />
          <ClientSummary client={data} purchases={rows} balance={balance} />
          <Title order={2} size="h4" mt="xl" mb="sm">
            Compras
          </Title>
          {rows === undefined ? null : rows.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl">
              Nenhuma compra registrada.
            </Text>
          ) : (
            <PurchaseList purchases={rows} onChanged={() => void fiadosChanged()} />
          )}
          <PurchaseFormModal clientId={clientId} opened={dialog === 'purchase'} onClose={() => setDialog(null)} onSaved={done} />
          <ReceivePaymentModal clientId={clientId} balance={balance} opened={dialog === 'receive'} onClose={() => setDialog(null)} onSaved={done} />
          <ClientFormModal
            client={data}
            opened={dialog === 'edit'}
            onClose={() => setDialog(null)}
            onSaved={() => {
              setDialog(null);
              void invalidate(fiadosApi.getClient, fiadosApi.searchClients);
            }}
          />
        </>
      )}
    </QueryView>
  );
}

function ClientSummary({ client, purchases, balance }: { client: Client; purchases: Purchase[] | undefined; balance: number }) {
  const open = purchases?.filter((purchase) => purchase.is_active && purchase.status !== 'paid').length;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
      <Paper withBorder p="sm" aria-label="Saldo devedor">
        <Text size="sm" c="dimmed">
          Saldo devedor
        </Text>
        <Text fz="xl" fw={700}>
          {purchases ? formatMoney(balance) : '—'}
        </Text>
      </Paper>
      <Paper withBorder p="sm">
        <Text size="sm" c="dimmed">
          Compras em aberto
        </Text>
        <Text fz="xl" fw={700}>
          {open ?? '—'}
        </Text>
      </Paper>
      <Paper withBorder p="sm" style={{ minWidth: 0 }}>
        <Text size="sm" c="dimmed">
          Contato
        </Text>
        {client.phone ? (
          <Anchor size="sm" href={`tel:${client.phone.replace(/[^\d+]/g, '')}`} display="block">
            {client.phone}
          </Anchor>
        ) : (
          <Text size="sm">Sem telefone</Text>
        )}
        {client.email ? (
          <Anchor size="sm" href={`mailto:${client.email}`} style={{ overflowWrap: 'anywhere' }}>
            {client.email}
          </Anchor>
        ) : (
          <Text size="sm">Sem e-mail</Text>
        )}
      </Paper>
    </SimpleGrid>
  );
}
