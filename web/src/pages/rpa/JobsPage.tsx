import { Anchor, Box, Button, Group, NativeSelect, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { call } from '../../api/http';
import { CARRIERS, JOB_STATUSES, rpaApi, type JobMessage, type JobStatus, type JobSummary } from '../../api/rpa';
import { AsyncView } from '../../components/AsyncView';
import { PageHeader } from '../../components/PageHeader';
import { NumberPager } from '../../components/Pager';
import { formatDateTime } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useResource } from '../../hooks/useResource';
import { useJobFeed } from '../../rpa/useJobFeed';
import { FeedBadge, JOB_STATUS, JobProgress, JobStatusBadge } from './labels';

/** How many recent jobs the list asks for; pages work over them. */
const FETCH_LIMIT = 200;
const PAGE_SIZE = 20;
const ALL = '';

const carrierOptions = [{ value: ALL, label: 'Todas' }, ...[...CARRIERS, 'SAT'].map((carrier) => ({ value: carrier, label: carrier }))];
const statusOptions = [{ value: ALL, label: 'Todos' }, ...JOB_STATUSES.map((status) => ({ value: status, label: JOB_STATUS[status].label }))];

function applyMessage(jobs: JobSummary[] | undefined, message: JobMessage): JobSummary[] | undefined {
  if (message.type !== 'job_update') return jobs;
  return jobs?.map((job) => (job.job_id === message.job_id ? { ...job, status: message.data.status, progress: message.data.progress } : job));
}

export default function JobsPage() {
  const [carrier, setCarrier] = useState(ALL);
  const [status, setStatus] = useState<JobStatus | typeof ALL>(ALL);
  const jobs = useResource(
    (signal) =>
      call(rpaApi.listJobs, {
        query: { limit: FETCH_LIMIT, operadora: carrier || undefined, status: status || undefined },
        signal,
      }).then((reply) => [...reply.jobs].sort((a, b) => b.created_at.localeCompare(a.created_at))),
    [carrier, status],
  );
  const paged = usePaged(jobs.data ?? [], PAGE_SIZE);
  const feed = useJobFeed(
    paged.items.map((job) => job.job_id),
    (message) => jobs.setData((current) => applyMessage(current, message)),
    jobs.reload,
  );

  return (
    <>
      <PageHeader
        title="Execuções dos robôs"
        description="Downloads de faturas e envios ao SAT, atualizados ao vivo."
        actions={
          <>
            <FeedBadge status={feed} />
            <Button variant="default" onClick={jobs.reload} loading={jobs.loading && jobs.data !== undefined}>
              Atualizar lista
            </Button>
            <Button component={Link} to="/rpa/novo-download">
              Novo download
            </Button>
          </>
        }
      />
      <Group mb="md">
        <NativeSelect label="Operadora" data={carrierOptions} value={carrier} onChange={(event) => setCarrier(event.currentTarget.value)} />
        <NativeSelect label="Status" data={statusOptions} value={status} onChange={(event) => setStatus(event.currentTarget.value as JobStatus)} />
      </Group>
      <AsyncView resource={jobs} isEmpty={(rows) => rows.length === 0} empty="Nenhuma execução encontrada.">
        {() => (
          <>
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Operadora</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th w="35%">Progresso</Table.Th>
                    <Table.Th>Criado em</Table.Th>
                    <Table.Th>Execução</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {paged.items.map((job) => (
                    <Table.Tr key={job.job_id}>
                      <Table.Td fw={600}>{job.operadora}</Table.Td>
                      <Table.Td>
                        <JobStatusBadge status={job.status} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Box style={{ flex: 1 }}>
                            <JobProgress status={job.status} progress={job.progress} size="md" />
                          </Box>
                          <Text size="xs" w={36} ta="right">
                            {job.progress}%
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>{formatDateTime(job.created_at)}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/rpa/execucoes/${job.job_id}`} ff="monospace" size="sm">
                          {job.job_id.slice(0, 8)}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <NumberPager page={paged.page} total={paged.total} onChange={paged.setPage} />
          </>
        )}
      </AsyncView>
    </>
  );
}
