import { Alert, Anchor, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { faturasApi, STATUS_PROCESSO, type Dashboard } from '../../api/faturas';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, formatMoney } from '../../format';
import { useUrlState } from '../../hooks/useUrlState';
import { useApi } from '../../query/useApi';
import { isoDay, mesAnoOf, normalizeMesAno, STATUS_PROCESSO_LABEL } from './labels';

const processos = (params: Record<string, string>) => `/faturas/processos?${new URLSearchParams(params)}`;

/** Risk buckets by days left to the due date, each the processos list filtered to it. */
function riskCards(d: Dashboard) {
  return [
    { label: 'Vencidas e não enviadas', value: d.risco_vencimento.vencidas, color: 'red', to: processos({ venc_ate: isoDay(-1), sort: 'data_vencimento' }) },
    { label: 'Vencem em menos de 3 dias', value: d.risco_vencimento.ate_3_dias, color: 'red', to: processos({ venc_de: isoDay(0), venc_ate: isoDay(2), sort: 'data_vencimento' }) },
    { label: 'Vencem em 3 a 7 dias', value: d.risco_vencimento.de_3_a_7_dias, color: 'orange', to: processos({ venc_de: isoDay(3), venc_ate: isoDay(7), sort: 'data_vencimento' }) },
    { label: 'Vencem em mais de 7 dias', value: d.risco_vencimento.acima_7_dias, color: 'gray', to: processos({ venc_de: isoDay(8), sort: 'data_vencimento' }) },
  ];
}

export default function FaturasHomePage() {
  const [values, set] = useUrlState({ mes_ano: '' });
  const mesAno = normalizeMesAno(values.mes_ano) ?? mesAnoOf();
  const dashboard = useApi(faturasApi.dashboard, { query: { mes_ano: mesAno } }, { keepPrevious: true, refetchInterval: 60_000 });
  const d = dashboard.data;

  return (
    <>
      <PageHeader
        title="Faturas"
        description="O que precisa de você hoje: faturas perto do vencimento, aprovações e robôs que falharam."
        actions={
          <TextInput
            label="Mês"
            placeholder="MM/AAAA"
            w={120}
            defaultValue={mesAno}
            key={mesAno}
            onBlur={(event) => set({ mes_ano: event.currentTarget.value.trim() })}
            onKeyDown={(event) => event.key === 'Enter' && set({ mes_ano: event.currentTarget.value.trim() })}
          />
        }
      />
      {dashboard.error && (
        <Alert color="red" title="Não foi possível carregar o painel" role="alert" mb="md">
          {dashboard.error.message}
        </Alert>
      )}
      {!d ? (
        !dashboard.error && <DashboardSkeleton />
      ) : (
        <Stack gap="lg">
          <Section title="Em risco: ainda não enviadas ao SAT">
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              {riskCards(d).map((card) => (
                <LinkCard key={card.label} {...card} />
              ))}
            </SimpleGrid>
          </Section>
          <Section title="Precisa de ação">
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <LinkCard label="Aprovações aguardando" value={d.aprovacoes_pendentes} color="yellow" to={processos({ status: 'AGUARDANDO_APROVACAO' })} />
              <LinkCard label="Robôs que falharam (7 dias)" value={d.falhas_ultimos_7_dias.total} color="red" to={`/faturas/execucoes?${new URLSearchParams({ status: 'FALHOU', desde: isoDay(-7) })}`} />
            </SimpleGrid>
            {d.falhas_ultimos_7_dias.recentes.length > 0 && (
              <Paper withBorder p="sm" mt="sm">
                <Text size="sm" fw={600} mb={4}>
                  Falhas recentes
                </Text>
                <Stack gap={4}>
                  {d.falhas_ultimos_7_dias.recentes.slice(0, 5).map((f) => (
                    <Text key={f.execucao_id} size="sm" lineClamp={1}>
                      <Anchor component={Link} to={`/faturas/execucoes/${f.execucao_id}`}>
                        {f.operadora} · {f.razao_social}
                      </Anchor>{' '}
                      <Text span c="dimmed" size="sm">
                        {formatDateTime(f.data_inicio)} · {f.mensagem ?? 'sem mensagem'}
                      </Text>
                    </Text>
                  ))}
                </Stack>
              </Paper>
            )}
          </Section>
          <Section title={`Processos de ${d.mes_ano} por status · ${d.total.toLocaleString('pt-BR')} no total, ${formatMoney(d.valor_total)}`}>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              {STATUS_PROCESSO.map((status) => (
                <LinkCard
                  key={status}
                  label={STATUS_PROCESSO_LABEL[status].label}
                  value={d.por_status[status] ?? 0}
                  color={STATUS_PROCESSO_LABEL[status].color}
                  to={processos({ status, mes_ano: d.mes_ano })}
                />
              ))}
            </SimpleGrid>
          </Section>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md">
              <Title order={2} size="h5" mb="md">
                O mês por operadora
              </Title>
              {d.por_operadora.length === 0 ? (
                <Text c="dimmed" size="sm">
                  Nenhum processo em {d.mes_ano}. Crie os processos do mês na página Processos.
                </Text>
              ) : (
                <BarChart
                  h={260}
                  data={d.por_operadora.map((o) => ({ operadora: o.codigo, ...Object.fromEntries(STATUS_PROCESSO.map((s) => [s, o.por_status[s] ?? 0])) }))}
                  dataKey="operadora"
                  type="stacked"
                  yAxisProps={{ allowDecimals: false }}
                  withLegend
                  legendProps={{ verticalAlign: 'bottom' }}
                  series={STATUS_PROCESSO.map((s) => ({ name: s, label: STATUS_PROCESSO_LABEL[s].short, color: `${STATUS_PROCESSO_LABEL[s].color}.6` }))}
                />
              )}
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h5" mb="md">
                Robôs nos últimos 30 dias
              </Title>
              {d.taxa_sucesso_robos.length === 0 ? (
                <Text c="dimmed" size="sm">
                  Nenhuma execução de robô nos últimos 30 dias.
                </Text>
              ) : (
                <>
                  <BarChart
                    h={220}
                    data={d.taxa_sucesso_robos.map((r) => ({ operadora: r.operadora, sucesso: r.concluidas, falhas: r.falhas }))}
                    dataKey="operadora"
                    type="stacked"
                    yAxisProps={{ allowDecimals: false }}
                    withLegend
                    legendProps={{ verticalAlign: 'bottom' }}
                    series={[
                      { name: 'sucesso', label: 'Sucesso', color: 'green.6' },
                      { name: 'falhas', label: 'Falhas', color: 'red.6' },
                    ]}
                  />
                  <Group gap="md" mt="sm">
                    {d.taxa_sucesso_robos.map((r) => (
                      <Text key={r.operadora} size="sm">
                        {r.operadora}: <b>{Math.round(r.taxa_sucesso)}%</b> de sucesso
                      </Text>
                    ))}
                  </Group>
                </>
              )}
            </Paper>
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}

function LinkCard({ label, value, color, to }: { label: string; value: number; color: string; to: string }) {
  return (
    <Card
      component={Link}
      to={to}
      withBorder
      padding="md"
      aria-label={`${label}: ${value}`}
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}
    >
      <Text fz={28} fw={800} lh={1.1}>
        {value.toLocaleString('pt-BR')}
      </Text>
      <Text size="sm">{label}</Text>
    </Card>
  );
}

function DashboardSkeleton() {
  return (
    <Stack aria-busy aria-label="Carregando" role="status">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} h={80} />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Skeleton h={300} />
        <Skeleton h={300} />
      </SimpleGrid>
    </Stack>
  );
}
