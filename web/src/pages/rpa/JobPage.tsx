import { Alert, Anchor, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { call } from '../../api/http';
import { rpaApi, type JobDetail, type JobMessage } from '../../api/rpa';
import { AsyncView } from '../../components/AsyncView';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, localTimestamp } from '../../format';
import { useResource } from '../../hooks/useResource';
import { runAction } from '../../notify';
import { useJobFeed } from '../../rpa/useJobFeed';
import { FailureScreenshot, ResultDownload } from './JobArtifacts';
import { JobLogs, type LogLine } from './JobLogs';
import { FeedBadge, isRunning, JobProgress, JobStatusBadge } from './labels';

export default function JobPage() {
  const jobId = useParams().jobId ?? '';
  const job = useResource((signal) => call(rpaApi.status, { params: { job_id: jobId }, signal }), [jobId]);
  // Lines pushed since the last load; a reload brings them in `job.logs`, so they are dropped then.
  const [live, setLive] = useState<{ logs: JobDetail['logs'] | undefined; lines: LogLine[] }>({ logs: undefined, lines: [] });
  const liveLines = live.logs === job.data?.logs ? live.lines : [];

  const onMessage = (message: JobMessage) => {
    if (message.type === 'log') {
      const line = { timestamp: localTimestamp(), message: message.message, level: message.level };
      const logs = job.data?.logs;
      setLive((previous) => ({ logs, lines: [...(previous.logs === logs ? previous.lines : []), line] }));
      return;
    }
    const { status, progress } = message.data;
    job.setData((current) => current && { ...current, status, progress });
    // Result, error and completion time come only with the full status.
    if (!isRunning(status)) job.reload();
  };
  const feed = useJobFeed([jobId], onMessage, job.reload);

  const cancel = () =>
    runAction(() => call(rpaApi.cancel, { params: { job_id: jobId } }), 'Cancelamento solicitado.').then((done) => {
      if (done) job.reload();
      return done;
    });

  return (
    <AsyncView resource={job}>
      {(data) => (
        <Stack>
          <PageHeader
            title={
              <Group gap="sm">
                Execução {data.operadora}
                <JobStatusBadge status={data.status} />
              </Group>
            }
            description={
              <Anchor component={Link} to="/rpa/execucoes">
                Voltar às execuções
              </Anchor>
            }
            actions={
              <>
                <FeedBadge status={feed} />
                {isRunning(data.status) && (
                  <ConfirmButton
                    color="red"
                    variant="light"
                    title="Cancelar execução"
                    message="Cancelar esta execução? O robô para no próximo passo."
                    confirmLabel="Cancelar execução"
                    onConfirm={cancel}
                  >
                    Cancelar
                  </ConfirmButton>
                )}
              </>
            }
          />
          <Paper withBorder p="md">
            <Group justify="space-between" mb="xs">
              <Text fw={600}>Progresso</Text>
              <Text fw={600}>{data.progress}%</Text>
            </Group>
            <JobProgress status={data.status} progress={data.progress} />
          </Paper>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <Detail label="Criada em" value={formatDateTime(data.created_at)} />
            <Detail label="Iniciada em" value={formatDateTime(data.started_at)} />
            <Detail label="Concluída em" value={formatDateTime(data.completed_at)} />
            <Detail label="Identificador" value={data.job_id} mono />
          </SimpleGrid>
          {data.error && (
            <Alert color="red" title="Falha na execução" role="alert">
              {data.error}
            </Alert>
          )}
          {data.status === 'COMPLETED' && data.result && <ResultDownload jobId={data.job_id} result={data.result} />}
          {data.status === 'FAILED' && <FailureScreenshot jobId={data.job_id} />}
          <JobLogs lines={[...data.logs, ...liveLines]} />
        </Stack>
      )}
    </AsyncView>
  );
}

function Detail({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ff={mono ? 'monospace' : undefined} style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    </Paper>
  );
}
