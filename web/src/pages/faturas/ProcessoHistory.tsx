import { Anchor, Paper, Skeleton, Table, Text, Timeline, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { faturasApi, type Execucao, type StatusProcesso } from '../../api/faturas';
import { formatDateTime } from '../../format';
import { useApi } from '../../query/useApi';
import { ExecucaoBadge, STATUS_PROCESSO_LABEL, TIPO_EXECUCAO_LABEL } from './labels';

const statusLabel = (status: string) => STATUS_PROCESSO_LABEL[status as StatusProcesso]?.label ?? status;

const ACOES: Record<string, string> = {
  CRIADO: 'Criado',
  EDITADO: 'Editado',
  DOWNLOAD_INICIADO: 'Download iniciado',
  DOWNLOAD_CONCLUIDO: 'Download concluído',
  DOWNLOAD_FALHOU: 'Download falhou',
  UPLOAD_MANUAL: 'Upload manual',
  APROVADO: 'Aprovado',
  REJEITADO: 'Rejeitado',
  ENVIO_SAT_INICIADO: 'Envio ao SAT iniciado',
  ENVIO_SAT_CONCLUIDO: 'Envio ao SAT concluído',
  ENVIO_SAT_FALHOU: 'Envio ao SAT falhou',
  REABERTO: 'Reaberto',
};

/** The service's action codes, readable; an unknown one as it comes, without underscores. */
const actionLabel = (acao: string) => ACOES[acao] ?? acao.replace(/_/g, ' ');

/** Who did what, when and from where, newest first. */
export function ProcessoTimeline({ processoId }: { processoId: string }) {
  const historico = useApi(faturasApi.historico, { params: { id: processoId } });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="md">
        Histórico
      </Title>
      {historico.error ? (
        <Text c="red" size="sm" role="alert">
          {historico.error.message}
        </Text>
      ) : !historico.data ? (
        <Skeleton h={80} />
      ) : historico.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nada registrado ainda.
        </Text>
      ) : (
        <Timeline active={historico.data.length} bulletSize={14} lineWidth={2}>
          {[...historico.data].reverse().map((entry) => (
            <Timeline.Item key={entry.id} title={actionLabel(entry.acao)}>
              <Text size="sm">
                {entry.status_anterior && entry.status_anterior !== entry.status_novo ? `${statusLabel(entry.status_anterior)} → ` : ''}
                {statusLabel(entry.status_novo)}
              </Text>
              {entry.motivo && (
                <Text size="sm" fs="italic">
                  “{entry.motivo}”
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {formatDateTime(entry.at)} · {entry.usuario ? (entry.usuario.nome_completo ?? entry.usuario.email) : 'Sistema'}
                {entry.ip_origem ? ` · ${entry.ip_origem}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Paper>
  );
}

const duration = (e: Execucao) => (e.duracao_segundos === null ? 'em andamento' : `${e.duracao_segundos.toLocaleString('pt-BR')} s`);

/** Every robot run and manual upload of the processo. */
export function ProcessoExecucoes({ execucoes }: { execucoes: Execucao[] | undefined }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        Execuções
      </Title>
      {!execucoes ? (
        <Skeleton h={60} />
      ) : execucoes.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nenhuma execução registrada.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={0} type="native">
          <Table verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tipo</Table.Th>
                <Table.Th>Situação</Table.Th>
                <Table.Th>Início</Table.Th>
                <Table.Th>Duração</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {execucoes.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/faturas/execucoes/${e.id}`} size="sm">
                      {TIPO_EXECUCAO_LABEL[e.tipo_execucao]} #{e.numero_tentativa}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <ExecucaoBadge status={e.status_execucao} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(e.data_inicio)}</Table.Td>
                  <Table.Td>{duration(e)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
