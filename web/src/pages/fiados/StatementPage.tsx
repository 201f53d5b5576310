import { Anchor, Badge, Paper, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { fiadosApi, type StatementEntry } from '../../api/fiados';
import { call } from '../../api/http';
import { AsyncView } from '../../components/AsyncView';
import { PageHeader } from '../../components/PageHeader';
import { NumberPager } from '../../components/Pager';
import { formatDateTime, formatMoney } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useResource } from '../../hooks/useResource';

const PAGE_SIZE = 20;

export default function StatementPage() {
  const clientId = Number(useParams().clientId);
  const statement = useResource((signal) => call(fiadosApi.statement, { params: { client_id: clientId }, signal }), [clientId]);
  return (
    <AsyncView resource={statement}>
      {(data) => (
        <>
          <PageHeader
            title={`Extrato de ${data.client.name}`}
            description={
              <Anchor component={Link} to={`/fiados/clientes/${clientId}`}>
                Voltar ao cliente
              </Anchor>
            }
          />
          <Paper withBorder p="md" mb="lg" maw={320} aria-label="Total devido">
            <Text size="sm" c="dimmed">
              Total devido
            </Text>
            <Text fz="xl" fw={700}>
              {formatMoney(data.total_owed)}
            </Text>
          </Paper>
          {data.entries.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl">
              Nenhum lançamento.
            </Text>
          ) : (
            <StatementTable entries={data.entries} />
          )}
        </>
      )}
    </AsyncView>
  );
}

function StatementTable({ entries }: { entries: StatementEntry[] }) {
  const paged = usePaged(entries, PAGE_SIZE);
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Data</Table.Th>
              <Table.Th>Lançamento</Table.Th>
              <Table.Th>Descrição</Table.Th>
              <Table.Th ta="right">Valor</Table.Th>
              <Table.Th ta="right">Saldo</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paged.items.map((entry) => (
              <Table.Tr key={`${entry.type}-${entry.payment_id ?? entry.purchase_id}`}>
                <Table.Td>{formatDateTime(entry.date)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={entry.type === 'purchase' ? 'orange' : 'green'}>
                    {entry.type === 'purchase' ? 'Compra' : 'Pagamento'}
                  </Badge>
                </Table.Td>
                <Table.Td>{entry.description}</Table.Td>
                <Table.Td ta="right" c={entry.type === 'payment' ? 'green' : undefined}>
                  {entry.type === 'payment' ? '− ' : ''}
                  {formatMoney(Math.abs(entry.amount))}
                </Table.Td>
                <Table.Td ta="right">{formatMoney(entry.balance)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <NumberPager page={paged.page} total={paged.total} onChange={paged.setPage} />
    </>
  );
}
