import { Anchor, Box, Button, Group, NativeSelect, Tabs, Text, Tooltip } from '@mantine/core';
import { useThrottledCallback } from '@mantine/hooks';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { call } from '../../api/http';
import { CARRIERS, JOB_STATUSES, rpaApi, type JobRow, type JobStatus } from '../../api/rpa';
import { PageHeader } from '../../components/PageHeader';
import { DataTable, useTableUrl, type DataColumn } from '../../components/table';
import { formatDateTime } from '../../format';
import { runAction } from '../../notify';
import { invalidate, useApi } from '../../query/useApi';
import { useStatusStream } from '../../rpa/useStatusStream';
import { competencia, duration, FeedBadge, isRunning, JOB_STATUS, JobProgress, JobStatusBadge, jobTitle } from './labels';

const PAGE_SIZE = 20;
const TABS = ['ALL', ...JOB_STATUSES] as const;
const carrierOptions = [{ value: '', label: 'Todas' }, ...[...CARRIERS, 'SAT'].map((carrier) => ({ value: carrier, label: carrier }))];

const rerunAll = (jobs: JobRow[]) =>
  runAction(async () => {
    for (const job of jobs) await call(rpaApi.rerun, { params: { job_id: job.job_id } });
    await invalidate(rpaApi.searchJobs);
  }, jobs.length === 1 ? 'Execução reiniciada.' : `${jobs.length} execuções reiniciadas.`);

const COLUMNS: DataColumn<JobRow>[] = [
  {
    id: 'job',
    meta: { label: 'Execução', primary: true, csv: jobTitle },
    cell: ({ row }) => (
      <Anchor component={Link} to={`/rpa/execucoes/${row.original.job_id}`} fw={600}>
        {jobTitle(row.original)}
      </Anchor>
    ),
  },
  {
    id: 'status',
    meta: { label: 'Status', csv: (job) => JOB_STATUS[job.status].label },
    cell: ({ row }) =>
      isRunning(row.original.status) ? (
        <Group gap={6} wrap="nowrap" miw={120}>
          <JobStatusBadge status={row.original.status} />
          <Box style={{ flex: 1 }}>
            <JobProgress status={row.original.status} progress={row.original.progress} size="sm" />
          </Box>
        </Group>
      ) : (
        <JobStatusBadge status={row.original.status} />
      ),
  },
  { id: 'cnpj', meta: { label: 'CNPJ', csv: (job) => job.cnpj }, cell: ({ row }) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{row.original.cnpj ?? '—'}</Text> },
  { id: 'competencia', meta: { label: 'Competência', csv: (job) => competencia(job.competencia) }, cell: ({ row }) => competencia(row.original.competencia) },
  { id: 'created_at', meta: { label: 'Criada em', csv: (job) => formatDateTime(job.created_at) }, cell: ({ row }) => formatDateTime(row.original.created_at) },
  { id: 'duration', meta: { label: 'Duração', numeric: true, csv: (job) => job.duration_seconds }, cell: ({ row }) => duration(row.original.duration_seconds) },
  {
    id: 'error',
    meta: { label: 'Erro', csv: (job) => job.error },
    cell: ({ row }) =>
      row.original.error ? (
        <Tooltip label={row.original.error} multiline w={360} openDelay={300}>
          <Text size="sm" c="var(--mantine-color-red-light-color)" lineClamp={2} maw={320} style={{ overflowWrap: 'anywhere' }}>
            {row.original.error}
          </Text>
        </Tooltip>
      ) : (
        '—'
      ),
  },
  {
    id: 'acoes',
    enableHiding: false,
    meta: { label: 'Ações', actions: true },
    cell: ({ row }) =>
      isRunning(row.original.status) ? null : (
        <Button size="xs" variant="light" onClick={() => void rerunAll([row.original])} aria-label={`Reexecutar ${jobTitle(row.original)}`}>
          Reexecutar
        </Button>
      ),
  },
];

export default function JobsPage() {
  const url = useTableUrl({ status: '', operadora: '' });
  const { status, operadora } = url.values;
  const query = { limit: PAGE_SIZE, offset: (url.page - 1) * PAGE_SIZE, status: (status || undefined) as JobStatus | undefined, operadora: operadora || undefined };
  const jobs = useApi(rpaApi.searchJobs, { query }, { keepPrevious: true });
  // A burst of events (a job's steps) refreshes the list at most once a second.
  const refresh = useThrottledCallback(() => void invalidate(rpaApi.searchJobs), 1_000);
  const feed = useStatusStream(refresh);
  const counts = jobs.data?.counts;
  const columns = useMemo(() => COLUMNS, []);

  const exportRows = async () => {
    const all: JobRow[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await call(rpaApi.searchJobs, { query: { ...query, limit: 200, offset } });
      all.push(...page.jobs);
      if (all.length >= page.total || page.jobs.length === 0) return all;
    }
  };

  const table = (
    <DataTable
      id="execucoes"
      caption="Execuções dos robôs"
      columns={columns}
      data={jobs.data?.jobs}
      rowId={(job) => job.job_id}
      loading={jobs.isFetching}
      error={jobs.error}
      onRetry={() => void jobs.refetch()}
      total={jobs.data?.total ?? 0}
      page={url.page}
      onPageChange={url.setPage}
      pageSize={PAGE_SIZE}
      exportRows={exportRows}
      bulkActions={(selected, clear) => {
        const finished = selected.filter((job) => !isRunning(job.status));
        return (
          <Button size="xs" disabled={finished.length === 0} onClick={() => void rerunAll(finished).then((done) => done && clear())}>
            Reexecutar {finished.length}
          </Button>
        );
      }}
      filters={<NativeSelect label="Operadora" data={carrierOptions} value={operadora} onChange={(event) => url.setFilters({ operadora: event.currentTarget.value })} />}
      empty={
        status || operadora
          ? {
              title: 'Nenhuma execução com estes filtros.',
              action: (
                <Button variant="default" onClick={() => url.setFilters({ status: '', operadora: '' })}>
                  Limpar filtros
                </Button>
              ),
            }
          : {
              title: 'Nenhuma execução ainda.',
              description: 'Peça ao robô a fatura de uma conta.',
              action: (
                <Button component={Link} to="/rpa/novo-download">
                  Novo download
                </Button>
              ),
            }
      }
    />
  );

  return (
    <>
      <PageHeader
        title="Execuções dos robôs"
        description="Downloads de faturas e envios ao SAT; novas execuções aparecem sozinhas."
        actions={
          <>
            <FeedBadge status={feed} />
            <Button component={Link} to="/rpa/novo-download">
              Novo download
            </Button>
          </>
        }
      />
      {/* Mantine tabs need a non-empty value: "ALL" stands for no status filter. */}
      <Tabs value={status || 'ALL'} onChange={(value) => url.setFilters({ status: value === 'ALL' || !value ? '' : value })}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          <Tabs.Tab value="ALL">Todas {counts ? `(${counts.ALL})` : ''}</Tabs.Tab>
          {JOB_STATUSES.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {JOB_STATUS[value].label} {counts ? `(${counts[value]})` : ''}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {/* One panel per tab, so each tab's aria-controls names an element; the list sits in the chosen one. */}
        {TABS.map((value) => (
          <Tabs.Panel key={value} value={value} pt="md">
            {(status || 'ALL') === value && table}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
