import { Alert, Anchor, Button, CopyButton, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { call } from '../../api/http';
import { rpaApi, type JobDetail, type JobInputs, type JobMessage } from '../../api/rpa';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { formatDateTime, localTimestamp } from '../../format';
import { notifySuccess, runAction } from '../../notify';
import { queryClient } from '../../query/client';
import { apiKey, invalidate, useApi } from '../../query/useApi';
import { useJobFeed } from '../../rpa/useJobFeed';
import { FailureScreenshot, ResultDownload } from './JobArtifacts';
import { JobLogs, type LogLine } from './JobLogs';
import { competencia, duration, FeedBadge, isRunning, JobProgress, JobStatusBadge } from './labels';

const INPUT_LABELS: Record<string, string> = {
  operadora: 'Operadora',
  login: 'Login no portal',
  filtro: 'Conta / contrato',
  cnpj: 'CNPJ',
  competencia: 'Competência',
  processo_id: 'ID do processo',
  razao: 'Razão social',
  nome_filtro: 'Nome do filtro',
  unidade: 'Unidade',
  servico: 'Serviço',
  dados_sat: 'Dados SAT',
  nome_arquivo: 'Arquivo',
  data_vencimento: 'Vencimento',
};

const seconds = (from: string | null, to: string | null) => (from && to ? (new Date(to).getTime() - new Date(from).getTime()) / 1000 : null);

export default function JobPage() {
  const jobId = useParams().jobId ?? '';
  const navigate = useNavigate();
  const args = { params: { job_id: jobId } };
  const job = useApi(rpaApi.status, args);
  const inputs = useApi(rpaApi.inputs, args, { staleTime: Infinity });
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
    queryClient.setQueryData<JobDetail>(apiKey(rpaApi.status, args), (current) => current && { ...current, status, progress });
    // Result, error and completion time come only with the full status.
    if (!isRunning(status)) void invalidate(rpaApi.status, rpaApi.searchJobs);
  };
  const finished = job.data !== undefined && !isRunning(job.data.status);
  // On (re)connection the socket may have missed changes; a status read a moment ago already has them
  // (the first connection, right after the page loaded), so it is not asked again.
  const resync = () => {
    if (Date.now() - job.dataUpdatedAt > 2_000) void job.refetch();
  };
  const feed = useJobFeed(finished ? [] : [jobId], onMessage, resync);

  const cancel = () =>
    runAction(() => call(rpaApi.cancel, { params: { job_id: jobId } }), 'Cancelamento solicitado.').then((done) => {
      if (done) void invalidate(rpaApi.status);
      return done;
    });
  const [rerunning, setRerunning] = useState(false);
  const rerun = async () => {
    setRerunning(true);
    await runAction(async () => {
      const created = await call(rpaApi.rerun, args);
      notifySuccess(created.message);
      void invalidate(rpaApi.searchJobs);
      navigate(`/rpa/execucoes/${created.job_id}`);
    }, 'Execução reiniciada com as mesmas entradas.');
    setRerunning(false);
  };

  return (
    <QueryView query={job} notFound="Execução não encontrada">
      {(data) => {
        const given = inputs.data?.inputs ?? {};
        const sat = data.operadora === 'SAT';
        const title = `${data.operadora} · ${sat ? 'envio ao SAT' : 'download'}${given.filtro || given.nome_filtro ? ` · ${given.filtro ?? given.nome_filtro}` : ''}`;
        return (
          <Stack>
            <PageHeader
              title={
                <Group gap="sm" component="span">
                  {title}
                  <JobStatusBadge status={data.status} />
                </Group>
              }
              documentTitle={`${title} · Execuções`}
              description={
                <Anchor component={Link} to="/rpa/execucoes">
                  Voltar às execuções
                </Anchor>
              }
              actions={
                <>
                  <FeedBadge status={feed} finished={finished} />
                  {isRunning(data.status) ? (
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
                  ) : (
                    <Button variant={data.status === 'COMPLETED' ? 'default' : 'filled'} onClick={rerun} loading={rerunning}>
                      Reexecutar
                    </Button>
                  )}
                  {!sat && data.status === 'COMPLETED' && data.result && <SendToSat inputs={inputs.data} result={data.result} />}
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
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
              <Detail label="Criada em" value={formatDateTime(data.created_at)} />
              <Detail label="Iniciada em" value={formatDateTime(data.started_at)} />
              <Detail label="Concluída em" value={formatDateTime(data.completed_at)} />
              <Detail label="Duração" value={duration(seconds(data.started_at, data.completed_at))} />
            </SimpleGrid>
            {data.error && (
              <Alert color="red" title="Falha na execução" role="alert">
                {data.error}
              </Alert>
            )}
            {data.status === 'COMPLETED' && data.result && (sat ? <SatProtocol protocol={data.result} /> : <ResultDownload jobId={data.job_id} result={data.result} />)}
            {data.status === 'FAILED' && <FailureScreenshot jobId={data.job_id} />}
            {inputs.data && <InputsPanel inputs={inputs.data} jobId={data.job_id} />}
            <JobLogs lines={[...data.logs, ...liveLines]} />
          </Stack>
        );
      }}
    </QueryView>
  );
}

/** A SAT upload's result is its protocolo, not a file. */
function SatProtocol({ protocol }: { protocol: string }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <div>
          <Text fw={600}>Enviado ao SAT</Text>
          <Text size="sm">
            Protocolo <strong style={{ fontFamily: 'monospace' }}>{protocol}</strong>
          </Text>
        </div>
        <CopyButton value={protocol}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? 'Copiado' : 'Copiar protocolo'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Paper>
  );
}

/** "Enviar ao SAT" from a finished download: the SAT form opens with what the download already knew. */
function SendToSat({ inputs, result }: { inputs: JobInputs | undefined; result: string }) {
  const given = inputs?.inputs ?? {};
  const params = new URLSearchParams({
    operadora: inputs?.operadora ?? '',
    cnpj: given.cnpj ?? '',
    nome_filtro: given.filtro ?? '',
    nome_arquivo: result.split(/[\\/]/).pop() ?? '',
  });
  return (
    <Button component={Link} to={`/rpa/envio-sat?${params}`}>
      Enviar ao SAT
    </Button>
  );
}

/** What the robot was asked (never the password), so a failure can be understood and retried. */
function InputsPanel({ inputs, jobId }: { inputs: JobInputs; jobId: string }) {
  const entries = Object.entries(inputs.inputs);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        Entrada
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
        {entries.map(([key, value]) => (
          <Detail key={key} label={INPUT_LABELS[key] ?? key} value={key === 'competencia' ? competencia(value) : value} bare />
        ))}
        <Detail label="Identificador" value={jobId} mono bare />
      </SimpleGrid>
    </Paper>
  );
}

function Detail({ label, value, mono = false, bare = false }: { label: string; value: string; mono?: boolean; bare?: boolean }) {
  const body = (
    <>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ff={mono ? 'monospace' : undefined} style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    </>
  );
  return bare ? <div>{body}</div> : <Paper withBorder p="sm">{body}</Paper>;
}
