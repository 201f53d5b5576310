import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Execucao } from '../../api/faturas';
import { faturasApi } from '../../api/faturas';
import { rpaApi } from '../../api/rpa';
import { useApi } from '../../query/useApi';
import { JobLogs } from '../rpa/JobLogs';
import { isRunning, JobProgress } from '../rpa/labels';
import { TIPO_EXECUCAO_LABEL } from './labels';
import { useLiveLog, type LiveState } from './useLiveLog';

const LIVE: Record<LiveState, { label: string; color: string }> = {
  connecting: { label: 'Conectando…', color: 'gray' },
  open: { label: 'Ao vivo', color: 'green' },
  completed: { label: 'Finalizada', color: 'green' },
  failed: { label: 'Falhou', color: 'red' },
  unavailable: { label: 'Atualizando a cada 2 s', color: 'yellow' },
};

/**
 * A running execução: its robot's progress and log as they happen. The log comes from the SSE stream;
 * the progress (and the log, when the stream is unavailable) from the robot's status, polled.
 */
export function LiveExecucao({ execucao, onEnd }: { execucao: Execucao & { job_id: string }; onEnd: () => void }) {
  // The stream or the polled status, whichever sees the end first, reports it once.
  const reported = useRef(false);
  const end = () => {
    if (reported.current) return;
    reported.current = true;
    onEnd();
  };
  const live = useLiveLog(execucao.job_id, end);
  const job = useApi(rpaApi.status, { params: { job_id: execucao.job_id } }, { refetchInterval: (query) => (query.state.data && !isRunning(query.state.data.status) ? false : 1_000) });
  const status = job.data?.status ?? 'RUNNING';
  const jobEnded = job.data !== undefined && !isRunning(status);
  const finished = live.state === 'completed' || live.state === 'failed' || jobEnded;
  useEffect(() => {
    if (jobEnded) end();
  });
  const progress = live.state === 'completed' || status === 'COMPLETED' ? 100 : (job.data?.progress ?? 0);
  const lines = live.state === 'unavailable' ? (job.data?.logs ?? []) : live.lines;
  const { label, color } = jobEnded && live.state !== 'failed' && live.state !== 'completed' ? LIVE[status === 'COMPLETED' ? 'completed' : 'failed'] : LIVE[live.state];

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h5">
            {TIPO_EXECUCAO_LABEL[execucao.tipo_execucao]} {finished ? 'finalizada' : 'em andamento'}
          </Title>
          <Group gap="xs">
            <Badge variant="dot" color={color} role="status">
              {label}
            </Badge>
            <Anchor component={Link} to={`/faturas/execucoes/${execucao.id}`} size="sm">
              Detalhes
            </Anchor>
          </Group>
        </Group>
        <Group justify="space-between">
          <Text size="sm">Progresso do robô</Text>
          <Text size="sm" fw={600}>
            {progress}%
          </Text>
        </Group>
        <JobProgress status={live.state === 'failed' ? 'FAILED' : live.state === 'completed' ? 'COMPLETED' : status} progress={progress} />
        <JobLogs lines={lines} />
      </Stack>
    </Paper>
  );
}

/** The processo's newest execução still waiting for its robot, with a job to follow. */
export function useCurrentExecucao(processoId: string) {
  const execucoes = useApi(
    faturasApi.listExecucoes,
    { query: { processo_id: processoId, page_size: 20 } },
    // While a robot runs, its end (and the processo's move) is seen within a couple of seconds.
    { refetchInterval: (query) => (query.state.data?.results.some((e) => e.status_execucao === 'EXECUTANDO' || e.status_execucao === 'TENTANDO_NOVAMENTE') ? 2_000 : false) },
  );
  const running = execucoes.data?.results.find((e): e is Execucao & { job_id: string } => e.status_execucao === 'EXECUTANDO' && e.job_id !== null);
  // The execução being watched stays on screen after it ends, so its last lines can be read.
  const [followed, setFollowed] = useState<(Execucao & { job_id: string }) | undefined>(undefined);
  if (running && running.id !== followed?.id) setFollowed(running);
  return { execucoes, running, followed };
}
