import { Alert, Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { Link } from 'react-router-dom';
import { DOC_LABELS, DOC_TYPES, fiscalApi, STATUS_LABELS } from '../../api/fiscal';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useApi } from '../../query/useApi';
import { StatusBadge } from './shared';

/** Notes per day over the last 30 days, from the last notes the dashboard lists. */
function lastDays(dates: string[]): { dia: string; notas: number }[] {
  const days = new Map<string, number>();
  for (let i = 29; i >= 0; i -= 1) days.set(new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10), 0);
  for (const date of dates) {
    const day = date.slice(0, 10);
    if (days.has(day)) days.set(day, (days.get(day) ?? 0) + 1);
  }
  return [...days].map(([dia, notas]) => ({ dia: `${dia.slice(8, 10)}/${dia.slice(5, 7)}`, notas }));
}

export default function FiscalHomePage() {
  const stats = useApi(fiscalApi.stats, {}, { refetchInterval: 15_000 });
  const latest = useApi(fiscalApi.latest, {}, { refetchInterval: 15_000 });
  const s = stats.data;
  return (
    <>
      <PageHeader title="Fiscal" description="Notas emitidas pela FocusNFE: situação por status e por tipo, e as mais recentes." />
      {(stats.error ?? latest.error) && (
        <Alert color="red" title="Não foi possível carregar o painel" role="alert" mb="md">
          {(stats.error ?? latest.error)?.message}
        </Alert>
      )}
      {!s ? (
        !stats.error && <Skeleton height={160} />
      ) : (
        <Stack gap="lg">
          {s.webhooks_pendentes > 0 && (
            <Alert color="yellow" title="Webhooks na fila">
              {s.webhooks_pendentes} notificação(ões) da FocusNFE ainda não aplicadas.
            </Alert>
          )}
          <section aria-labelledby="por-status">
            <Title order={2} size="h4" id="por-status" mb="sm">
              Por status ({s.total} notas)
            </Title>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              {Object.entries(s.por_status).map(([status, n]) => (
                <Card key={status} withBorder component={Link} to={`/fiscal/notas?status=${status}`}>
                  <Text size="sm" c="dimmed">
                    {STATUS_LABELS[status] ?? status}
                  </Text>
                  <Text size="xl" fw={700}>
                    {n}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
          </section>
          <section aria-labelledby="por-tipo">
            <Title order={2} size="h4" id="por-tipo" mb="sm">
              Por tipo
            </Title>
            <BarChart
              h={200}
              data={DOC_TYPES.map((tipo) => ({ tipo: DOC_LABELS[tipo], notas: s.por_tipo[tipo] ?? 0 }))}
              dataKey="tipo"
              series={[{ name: 'notas', color: 'blue.6', label: 'Notas' }]}
            />
          </section>
          <section aria-labelledby="dias">
            <Title order={2} size="h4" id="dias" mb="sm">
              Últimos 30 dias (entre as 50 notas mais recentes)
            </Title>
            <BarChart h={180} data={lastDays((latest.data ?? []).map((n) => n.created_at))} dataKey="dia" series={[{ name: 'notas', color: 'teal.6', label: 'Notas' }]} />
          </section>
          <section aria-labelledby="recentes">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" id="recentes">
                Mais recentes
              </Title>
              <Anchor component={Link} to="/fiscal/notas">
                Ver todas
              </Anchor>
            </Group>
            <Table.ScrollContainer minWidth={600}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Referência</Table.Th>
                    <Table.Th>Tipo</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Número</Table.Th>
                    <Table.Th>Emitida em</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(latest.data ?? []).map((nota) => (
                    <Table.Tr key={nota.ref}>
                      <Table.Td>
                        <Anchor component={Link} to={`/fiscal/notas/${encodeURIComponent(nota.ref)}`}>
                          {nota.ref}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{DOC_LABELS[nota.tipo]}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={nota.status} />
                      </Table.Td>
                      <Table.Td>{nota.numero ?? '—'}</Table.Td>
                      <Table.Td>{formatDateTime(nota.created_at)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        </Stack>
      )}
    </>
  );
}
