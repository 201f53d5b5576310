import { BarChart } from '@mantine/charts';
import { Anchor, Box, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { fiadosApi } from '../api/fiados';
import { call } from '../api/http';
import { rpaApi, type JobRow } from '../api/rpa';
import { canAccess, navigationFor } from '../auth/access';
import { useUser } from '../auth/useSession';
import { AgingBar } from '../components/charts/AgingBar';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime, formatMoney } from '../format';
import { useApi } from '../query/useApi';
import { jobTitle } from './rpa/labels';

const DAYS = 14;

/** Início: the numbers that need someone today, then where to go. */
export default function HomePage() {
  const user = useUser();
  const fiados = canAccess(user, { module: 'fiados' });
  const rpa = canAccess(user, { module: 'rpa' });
  return (
    <>
      <PageHeader title={`Olá, ${user.nome_completo.split(' ')[0]}`} documentTitle="Início" description="O que precisa de você hoje." />
      <Stack gap="xl">
        {fiados && <FiadosOverview />}
        {rpa && <RobotsOverview />}
        {!fiados && !rpa && <Shortcuts />}
      </Stack>
    </>
  );
}

function Kpi({ label, value, hint, to }: { label: string; value: ReactNode; hint?: ReactNode; to?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={800} lh={1.25}>
        {to ? (
          <Anchor component={Link} to={to} inherit c="inherit" underline="hover">
            {value}
          </Anchor>
        ) : (
          value
        )}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function FiadosOverview() {
  const report = useApi(fiadosApi.receivables, {});
  const data = report.data;
  const overdue = data ? data.totals.open_balance - data.totals.buckets['0_30'] : 0;
  return (
    <section aria-labelledby="home-fiados">
      <Title order={2} size="h4" mb="sm" id="home-fiados">
        Fiados
      </Title>
      {!data ? (
        <Skeleton height={120} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mb="sm">
            <Kpi label="Total a receber" value={formatMoney(data.totals.open_balance)} to="/fiados/quem-me-deve" />
            <Kpi label="Em aberto há mais de 30 dias" value={formatMoney(overdue)} hint={`${data.clients.filter((c) => c.days_oldest > 30).length} cliente(s)`} />
            <Kpi label="Clientes devendo" value={data.clients.length} to="/fiados/clientes?situacao=devendo" />
          </SimpleGrid>
          {data.clients.length > 0 && (
            <Paper withBorder p="md">
              <Text size="sm" fw={600}>
                Idade do que está em aberto
              </Text>
              <AgingBar buckets={data.totals.buckets} />
            </Paper>
          )}
        </>
      )}
    </section>
  );
}

/** Jobs of the last 14 days (newest first, up to 1,000): enough for the chart and today's numbers. */
async function recentJobs(signal: AbortSignal): Promise<JobRow[]> {
  const since = dayjs().subtract(DAYS - 1, 'day').startOf('day');
  const jobs: JobRow[] = [];
  for (let offset = 0; offset < 1_000; offset += 200) {
    const page = await call(rpaApi.searchJobs, { query: { limit: 200, offset }, signal });
    jobs.push(...page.jobs);
    const last = page.jobs.at(-1);
    if (!last || dayjs(last.created_at).isBefore(since) || jobs.length >= page.total) break;
  }
  return jobs.filter((job) => !dayjs(job.created_at).isBefore(since));
}

function RobotsOverview() {
  const jobs = useQuery({ queryKey: [rpaApi.searchJobs.path, 'recent'], queryFn: ({ signal }) => recentJobs(signal), refetchInterval: 30_000 });
  const data = jobs.data;
  const today = dayjs().format('YYYY-MM-DD');
  const ofToday = data?.filter((job) => job.created_at.startsWith(today)) ?? [];
  const failures = data?.filter((job) => job.status === 'FAILED').slice(0, 5) ?? [];
  const days = Array.from({ length: DAYS }, (_, i) => dayjs().subtract(DAYS - 1 - i, 'day'));
  const chart = days.map((day) => {
    const key = day.format('YYYY-MM-DD');
    const of = data?.filter((job) => job.created_at.startsWith(key)) ?? [];
    return { dia: day.format('DD/MM'), Concluídas: of.filter((j) => j.status === 'COMPLETED').length, Falhas: of.filter((j) => j.status === 'FAILED').length };
  });
  const summary = chart.map((d) => `${d.dia}: ${d.Concluídas} concluídas, ${d.Falhas} falhas`).join('; ');
  return (
    <section aria-labelledby="home-rpa">
      <Title order={2} size="h4" mb="sm" id="home-rpa">
        Robôs
      </Title>
      {!data ? (
        <Skeleton height={200} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mb="sm">
            <Kpi label="Execuções hoje" value={ofToday.length} to="/rpa/execucoes" />
            <Kpi label="Falhas hoje" value={ofToday.filter((j) => j.status === 'FAILED').length} to="/rpa/execucoes?status=FAILED" />
            <Kpi label="Rodando agora" value={data.filter((j) => j.status === 'RUNNING' || j.status === 'PENDING').length} to="/rpa/execucoes?status=RUNNING" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <Paper withBorder p="md">
              <Text size="sm" fw={600} mb="xs">
                Sucesso e falha nos últimos {DAYS} dias
              </Text>
              <Box role="img" aria-label={`Execuções por dia — ${summary}`}>
                <BarChart
                  h={200}
                  data={chart}
                  dataKey="dia"
                  type="stacked"
                  withLegend
                  legendProps={{ verticalAlign: 'bottom' }}
                  yAxisProps={{ allowDecimals: false }}
                  series={[
                    { name: 'Concluídas', color: 'teal.6' },
                    { name: 'Falhas', color: 'red.7' },
                  ]}
                />
              </Box>
            </Paper>
            <Paper withBorder p="md">
              <Text size="sm" fw={600} mb="xs">
                Falhas que precisam de você
              </Text>
              {failures.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nenhuma falha nos últimos {DAYS} dias.
                </Text>
              ) : (
                <Stack gap={8}>
                  {failures.map((job) => (
                    <div key={job.job_id}>
                      <Anchor component={Link} to={`/rpa/execucoes/${job.job_id}`} size="sm" fw={600}>
                        {jobTitle(job)}
                      </Anchor>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {formatDateTime(job.created_at)} · {job.error ?? 'sem mensagem'}
                      </Text>
                    </div>
                  ))}
                </Stack>
              )}
            </Paper>
          </SimpleGrid>
        </>
      )}
    </section>
  );
}

function Shortcuts() {
  const sections = navigationFor(useUser());
  if (sections.length === 0) return <Text c="dimmed">Nenhum módulo disponível para o seu perfil.</Text>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {sections.map((section) => (
        <Paper key={section.label} withBorder p="lg">
          <Title order={2} size="h4" mb="sm">
            {section.label}
          </Title>
          <Stack gap={4}>
            {section.items.map((item) => (
              <Anchor key={item.to} component={Link} to={item.to}>
                {item.label}
              </Anchor>
            ))}
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
