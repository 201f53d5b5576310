import { Alert, Anchor, Code, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { faturasApi, type ExecucaoDetalhe } from '../../api/faturas';
import { MessagePage } from '../../components/MessagePage';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { invalidate, useApi } from '../../query/useApi';
import { JobLogs } from '../rpa/JobLogs';
import { ExecucaoActions } from './ExecucaoActions';
import { duracao } from './ExecucoesPage';
import { ExecucaoBadge, TIPO_EXECUCAO_LABEL } from './labels';
import { LiveExecucao } from './LiveExecucao';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function ExecucaoPage() {
  const id = useParams().id ?? '';
  if (!UUID.test(id)) return <MessagePage code="404" title="Execução não encontrada" text="O endereço não corresponde a uma execução." />;
  return <Execucao id={id} />;
}

function Execucao({ id }: { id: string }) {
  const execucao = useApi(faturasApi.getExecucao, { params: { id } });
  if (execucao.error?.status === 404) return <MessagePage code="404" title="Execução não encontrada" text="Ela pode ter sido removida." />;
  if (execucao.error) {
    return (
      <Alert color="red" title="Não foi possível carregar" role="alert">
        {execucao.error.message}
      </Alert>
    );
  }
  const e = execucao.data;
  if (!e) return <Skeleton h={300} aria-label="Carregando" />;
  const live = e.status_execucao === 'EXECUTANDO' && e.job_id !== null;
  const refresh = () => void invalidate(faturasApi.getExecucao, faturasApi.listExecucoes);

  return (
    <>
      <PageHeader
        title={`${TIPO_EXECUCAO_LABEL[e.tipo_execucao]} · ${e.razao_social}`}
        description={
          <Group gap="xs" component="span">
            <ExecucaoBadge status={e.status_execucao} />
            <span>
              {e.operadora} · {e.mes_ano} · tentativa #{e.numero_tentativa}
            </span>
            <Anchor component={Link} to={`/faturas/processos/${e.processo_id}`} size="sm">
              Ver processo
            </Anchor>
          </Group>
        }
        actions={<ExecucaoActions execucao={e} />}
      />
      <Stack>
        {e.status_execucao === 'FALHOU' || e.status_execucao === 'TIMEOUT' ? (
          <Alert color="red" title="O que deu errado" role="alert">
            {e.mensagem_log ?? 'Sem mensagem do robô.'}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Info label="Início" value={formatDateTime(e.data_inicio)} />
          <Info label="Fim" value={e.data_fim ? formatDateTime(e.data_fim) : 'em andamento'} />
          <Info label="Duração" value={duracao(e)} />
          <Info label="Job" value={e.job_id ?? '—'} mono />
          <Info label="Origem (IP)" value={e.ip_origem ?? 'sistema'} />
          <Info label="Próxima tentativa" value={formatDateTime(e.agendada_para)} />
        </SimpleGrid>
        {live ? (
          <LiveExecucao execucao={{ ...e, job_id: e.job_id! }} onEnd={refresh} />
        ) : (
          <JobLogs lines={(e.logs ?? []).map((line) => ({ ...line, level: line.level ?? undefined }))} />
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Json title="Parâmetros de entrada" value={e.parametros_entrada} />
          <Json title={e.detalhes_erro ? 'Detalhes do erro' : 'Resultado'} value={e.detalhes_erro ?? e.resultado_saida} />
        </SimpleGrid>
      </Stack>
    </>
  );
}

function Info({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
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

function Json({ title, value }: { title: string; value: ExecucaoDetalhe['parametros_entrada'] }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h6" mb="xs">
        {title}
      </Title>
      {value ? (
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {JSON.stringify(value, null, 2)}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          —
        </Text>
      )}
    </Paper>
  );
}
