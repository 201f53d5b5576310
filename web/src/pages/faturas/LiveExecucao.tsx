import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Execucao } from '../../api/faturas';
import { faturasApi } from '../../api/faturas';
import { rpaApi } from '../../api/rpa';
import { useApi } from '../../query/useApi';
import { JobLogs } from '../rpa/JobLogs';
import { JobProgress } from '../rpa/labels';
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
  const live = useLiveLog(execucao.job_id, onEnd);
  const finished = live.state === 'completed' || live.state === 'failed';
  const job = useApi(rpaApi.status, { params: { job_id: execucao.job_id } }, { refetchInterval: finished ? false : live.state === 'unavailable' ? 2_000 : 1_000 });
  const status = job.data?.status ?? 'RUNNING';
  const progress = finished && live.state === 'completed' ? 100 : (job.data?.progress ?? 0);
  const lines = live.state === 'unavailable' ? (job.data?.logs ?? []) : live.lines;
  const { label, color } = LIVE[live.state];

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h5">
            {TIPO_EXECUCAO_LABEL[execucao.tipo_execucao]} em andamento
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
        <JobProgress status={finished ? (live.state === 'completed' ? 'COMPLETED' : 'FAILED') : status} progress={progress} />
        <JobLogs lines={lines} />
      </Stack>
    </Paper>
  );
}

/** The processo's newest execução still waiting for its robot, with a job to follow. */
export function useCurrentExecucao(processoId: string) {
  const execucoes = useApi(faturasApi.listExecucoes, { query: { processo_id: processoId, page_size: 20 } });
  const running = execucoes.data?.results.find((e): e is Execucao & { job_id: string } => e.status_execucao === 'EXECUTANDO' && e.job_id !== null);
  return { execucoes, running };
}
