import { Alert, Button, Card, Code, Group, SimpleGrid, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { useParams } from 'react-router-dom';
import { DOC_LABELS, fiscalApi, type NotaLocal } from '../../api/fiscal';
import { call } from '../../api/http';
import { useUser } from '../../auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { RecordNotFound } from '../../components/QueryView';
import { formatDateTime } from '../../format';
import { runAction } from '../../notify';
import { useApi } from '../../query/useApi';
import { NotaActions } from './NotaActions';
import { canEmit, StatusBadge } from './shared';

const EVENT_LABELS: Record<string, string> = {
  envio: 'Enviada à FocusNFE',
  autorizado: 'Autorizada',
  erro_autorizacao: 'Recusada',
  cancelado: 'Cancelada',
  denegado: 'Denegada',
  erro_comunicacao: 'Falha de comunicação com a FocusNFE',
  rejeitado: 'Referência já existente na FocusNFE',
  carta_correcao: 'Carta de correção',
  erro_cancelamento: 'Cancelamento recusado',
  erro_carta_correcao: 'Carta de correção recusada',
  arquivos_salvos: 'Arquivos guardados',
  erro_download: 'Falha ao baixar arquivos (nova tentativa agendada)',
};

async function download(nota: NotaLocal, kind: 'pdf' | 'xml') {
  await runAction(async () => {
    const blob = await call(kind === 'pdf' ? fiscalApi.pdf : fiscalApi.xml, { params: { ref: nota.ref } });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${nota.ref}.${kind === 'pdf' && nota.tipo === 'nfce' ? 'html' : kind}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }, `${kind.toUpperCase()} baixado.`);
}

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text style={{ overflowWrap: 'anywhere' }}>{value ?? '—'}</Text>
    </div>
  );
}

/** One note: its record, downloads, actions and a timeline that follows the note while it changes. */
export default function NotaPage() {
  const ref = useParams().ref ?? '';
  const user = useUser();
  const local = useApi(fiscalApi.local, { params: { ref } }, { refetchInterval: (query) => (query.state.data?.status === 'processando_autorizacao' ? 3000 : 15_000) });
  const timeline = useApi(fiscalApi.timeline, { params: { ref } }, { refetchInterval: 3000 });
  if (local.error?.status === 404) return <RecordNotFound title="Nota não encontrada" />;
  const nota = local.data;
  return (
    <>
      <PageHeader
        title={nota ? `${DOC_LABELS[nota.tipo]} ${nota.ref}` : ref}
        actions={nota && canEmit(user) ? <NotaActions nota={nota} /> : undefined}
      />
      {local.error && (
        <Alert color="red" role="alert" mb="md">
          {local.error.message}
        </Alert>
      )}
      {!nota ? (
        <Skeleton height={200} />
      ) : (
        <Stack gap="lg">
          <Card withBorder>
            <Group justify="space-between" mb="md">
              <StatusBadge status={nota.status} />
              <Group>
                <Button variant="light" disabled={!nota.caminho_pdf} onClick={() => void download(nota, 'pdf')}>
                  {nota.tipo === 'nfce' ? 'Baixar DANFCe' : 'Baixar PDF'}
                </Button>
                <Button variant="light" disabled={!nota.caminho_xml} onClick={() => void download(nota, 'xml')}>
                  Baixar XML
                </Button>
              </Group>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              <Field label="Número / série" value={nota.numero ? `${nota.numero} / ${nota.serie ?? '—'}` : null} />
              <Field label="CNPJ do emitente" value={nota.cnpj_emitente} />
              <Field label="Chave de acesso" value={nota.chave} />
              <Field label="Emitida em" value={formatDateTime(nota.created_at)} />
              <Field label="Atualizada em" value={formatDateTime(nota.updated_at)} />
              <Field label="Arquivos guardados" value={nota.arquivos.length ? nota.arquivos.map((key) => key.split('/').pop()).join(', ') : null} />
            </SimpleGrid>
          </Card>
          <section aria-labelledby="linha-do-tempo">
            <Title order={2} size="h4" id="linha-do-tempo" mb="sm">
              Linha do tempo
            </Title>
            <Timeline bulletSize={14} lineWidth={2} active={(timeline.data?.eventos.length ?? 0) - 1}>
              {(timeline.data?.eventos ?? []).map((evento, i) => (
                <Timeline.Item key={i} title={EVENT_LABELS[evento.evento] ?? evento.evento}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(evento.created_at)}
                  </Text>
                  {evento.mensagem && <Text size="sm">{evento.mensagem}</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          </section>
          {nota.dados_focus && (
            <details>
              <summary>Resposta da FocusNFE</summary>
              <Code block>{JSON.stringify(nota.dados_focus, null, 2)}</Code>
            </details>
          )}
        </Stack>
      )}
    </>
  );
}
