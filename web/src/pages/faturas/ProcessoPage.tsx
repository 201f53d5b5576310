import { Alert, Anchor, Button, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router-dom';
import { faturasApi } from '../../api/faturas';
import { useUser } from '../../auth/useSession';
import { MessagePage } from '../../components/MessagePage';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, formatMoney } from '../../format';
import { invalidate, useApi } from '../../query/useApi';
import { AlertasFatura } from './AlertasFatura';
import { formatCnpj } from './documents';
import { FaturaViewer, UploadZone } from './FaturaViewer';
import { formatIsoDate, StatusBadge } from './labels';
import { LiveExecucao, useCurrentExecucao } from './LiveExecucao';
import { ProcessoActions } from './ProcessoActions';
import { ProcessoExecucoes, ProcessoTimeline } from './ProcessoHistory';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function ProcessoPage() {
  const id = useParams().id ?? '';
  // A malformed address is a missing page, not a form error from the API.
  if (!UUID.test(id)) return <MessagePage code="404" title="Processo não encontrado" text="O endereço não corresponde a um processo." />;
  return <Processo id={id} />;
}

function Processo({ id }: { id: string }) {
  const user = useUser();
  const processo = useApi(faturasApi.getProcesso, { params: { id } });
  const { execucoes, running, followed } = useCurrentExecucao(id);
  const refresh = () => void invalidate(faturasApi.getProcesso, faturasApi.listExecucoes, faturasApi.historico, faturasApi.listProcessos);
  // The robot's end moves the processo on the server a moment after the job ends: reload once the
  // execução itself is no longer running.
  const runningId = running?.id;
  const previous = useRef(runningId);
  useEffect(() => {
    if (previous.current && !runningId) refresh();
    previous.current = runningId;
  }, [runningId]);

  if (processo.error?.status === 404) return <MessagePage code="404" title="Processo não encontrado" text="Ele pode ter sido removido." />;
  if (processo.error) {
    return (
      <Alert color="red" title="Não foi possível carregar" role="alert">
        <Group justify="space-between">
          <Text size="sm">{processo.error.message}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => void processo.refetch()}>
            Tentar novamente
          </Button>
        </Group>
      </Alert>
    );
  }
  const p = processo.data;
  if (!p) return <Skeleton h={400} aria-label="Carregando" />;

  return (
    <>
      <PageHeader
        title={p.cliente.razao_social}
        documentTitle={`${p.cliente.razao_social} · ${p.mes_ano} · Processos`}
        description={
          <Group gap="xs" component="span">
            <StatusBadge status={p.status_processo} size="lg" />
            <span>
              {p.operadora.codigo} · {p.mes_ano}
            </span>
            <Anchor component={Link} to="/faturas/processos" size="sm">
              Voltar aos processos
            </Anchor>
          </Group>
        }
        actions={<ProcessoActions processo={p} perfil={user.perfil} onChanged={refresh} busy={running !== undefined} />}
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }} order={{ base: 2, lg: 1 }}>
          <Stack>
            {followed && <LiveExecucao key={followed.id} execucao={followed} onEnd={refresh} />}
            <FaturaViewer processo={p} />
            {p.status_processo !== 'UPLOAD_REALIZADO' && <UploadZone processo={p} onUploaded={refresh} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }} order={{ base: 1, lg: 2 }}>
          <Stack>
            <AlertasFatura processo={p} />
            {p.ultimo_erro && p.status_processo === 'AGUARDANDO_DOWNLOAD' && (
              <Alert color="red" title={`Última tentativa falhou (${p.tentativas_download} tentativa(s))`} role="alert">
                {p.ultimo_erro}
              </Alert>
            )}
            <Paper withBorder p="md">
              <Title order={2} size="h5" mb="sm">
                Dados enviados ao SAT
              </Title>
              <SimpleGrid cols={2} spacing="sm">
                <Field label="Cliente SAT" value={p.cliente.nome_sat} />
                <Field label="CNPJ" value={formatCnpj(p.cliente.cnpj)} />
                <Field label="Operadora" value={`${p.operadora.codigo} · ${p.operadora.nome}`} />
                <Field label="Competência" value={p.mes_ano} />
              </SimpleGrid>
              <Anchor component={Link} to={`/faturas/clientes?q=${encodeURIComponent(p.cliente.cnpj)}`} size="sm" mt="xs" display="inline-block">
                Ver cadastro do cliente
              </Anchor>
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h5" mb="sm">
                Valores da fatura
              </Title>
              <SimpleGrid cols={2} spacing="sm">
                <Field label="Valor" value={p.valor_fatura === null ? '—' : formatMoney(p.valor_fatura)} />
                <Field label="Vencimento" value={formatIsoDate(p.data_vencimento)} />
                <Field label="Linha digitável" value={p.linha_digitavel ?? '—'} mono span />
                <Field label="Origem" value={p.fatura_url ? (p.upload_manual ? 'Upload manual' : 'Robô') : '—'} />
                <Field label="Aprovada em" value={formatDateTime(p.data_aprovacao)} />
                <Field label="Enviada ao SAT em" value={formatDateTime(p.data_envio_sat)} />
                <Field label="Protocolo SAT" value={p.protocolo_sat ?? '—'} mono />
              </SimpleGrid>
              {p.observacoes && (
                <Text size="sm" mt="sm">
                  {p.observacoes}
                </Text>
              )}
            </Paper>
            <ProcessoTimeline processoId={p.id} />
            <ProcessoExecucoes execucoes={execucoes.data?.results} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Field({ label, value, mono = false, span = false }: { label: string; value: string; mono?: boolean; span?: boolean }) {
  return (
    <div style={{ minWidth: 0, gridColumn: span ? '1 / -1' : undefined }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ff={mono ? 'monospace' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}
