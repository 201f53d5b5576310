import { Alert, Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fiscalApi, type Manifesto, type Recebida } from '../../api/fiscal';
import { call } from '../../api/http';
import { useUser } from '../../auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useUrlState } from '../../hooks/useUrlState';
import { runAction } from '../../notify';
import { invalidate, useApi } from '../../query/useApi';
import { cnpjHint, stripDocument } from '../faturas/documents';
import { canEmit, lengthHint } from './shared';

const MANIFESTO_LABELS: Record<Manifesto, string> = {
  ciencia: 'Ciência',
  confirmacao: 'Confirmar',
  desconhecimento: 'Desconhecer',
  nao_realizada: 'Não realizada',
};

/** `nao_realizada` needs a justificativa (15–255); the others go at once. */
function ManifestButtons({ nota }: { nota: Recebida }) {
  const [reasonFor, setReasonFor] = useState(false);
  const [text, setText] = useState('');
  const hint = lengthHint(text, 15, 255);
  const send = (tipo: Manifesto, justificativa?: string) =>
    runAction(async () => {
      await call(fiscalApi.manifestar, { params: { chave: nota.chave_nfe }, body: justificativa ? { tipo, justificativa } : { tipo } });
      await invalidate(fiscalApi.recebidas);
    }, `Manifestação "${MANIFESTO_LABELS[tipo]}" registrada.`);
  return (
    <Group gap={4} wrap="nowrap">
      {(['ciencia', 'confirmacao', 'desconhecimento'] as const).map((tipo) => (
        <Button key={tipo} size="compact-xs" variant="light" disabled={nota.manifestacao_destinatario === tipo} onClick={() => void send(tipo)}>
          {MANIFESTO_LABELS[tipo]}
        </Button>
      ))}
      <Button size="compact-xs" variant="light" color="red" disabled={nota.manifestacao_destinatario === 'nao_realizada'} onClick={() => setReasonFor(true)}>
        Não realizada
      </Button>
      <Modal opened={reasonFor} onClose={() => setReasonFor(false)} title="Operação não realizada" closeButtonProps={{ 'aria-label': 'Fechar' }}>
        <Stack>
          <Textarea label="Justificativa" autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} description={hint.description} data-autofocus />
          <Group justify="flex-end">
            <Button
              color="red"
              disabled={!hint.ok}
              onClick={async () => {
                if (await send('nao_realizada', text.trim())) setReasonFor(false);
              }}
            >
              Registrar
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}

/** NFe issued against the company (synchronised from FocusNFE on each visit), with the MDe buttons. */
export default function RecebidasPage() {
  const user = useUser();
  const [values, set] = useUrlState({ cnpj: '' });
  const cnpj = stripDocument(values.cnpj);
  const valid = cnpj.length > 0 && cnpjHint(cnpj) === null;
  const [typed, setTyped] = useState(values.cnpj);
  const list = useApi(fiscalApi.recebidas, { query: { cnpj, limit: 200 } }, { enabled: valid, keepPrevious: true });
  return (
    <>
      <PageHeader title="NFe recebidas" description="Notas emitidas contra o CNPJ, sincronizadas com a FocusNFE, e a manifestação do destinatário." />
      <Group align="flex-end" mb="md">
        <TextInput label="CNPJ da empresa" w={260} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} error={typed && cnpjHint(typed)} />
        <Button onClick={() => set({ cnpj: stripDocument(typed) })} disabled={!typed || cnpjHint(typed) !== null}>
          Consultar
        </Button>
      </Group>
      {list.error && (
        <Alert color="red" role="alert" mb="md">
          {list.error.message}
        </Alert>
      )}
      {list.data && (
        <>
          <Text size="sm" c="dimmed" mb="xs">
            {list.data.total} nota(s)
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Emitente</Table.Th>
                  <Table.Th>Chave</Table.Th>
                  <Table.Th>Emissão</Table.Th>
                  <Table.Th>Valor</Table.Th>
                  <Table.Th>Situação</Table.Th>
                  <Table.Th>Manifestação</Table.Th>
                  {canEmit(user) && <Table.Th>Manifestar</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((nota) => (
                  <Table.Tr key={nota.chave_nfe}>
                    <Table.Td>{nota.nome_emitente ?? nota.documento_emitente ?? '—'}</Table.Td>
                    <Table.Td style={{ fontFamily: 'monospace', fontSize: 12 }}>{nota.chave_nfe}</Table.Td>
                    <Table.Td>{nota.data_emissao ? formatDateTime(nota.data_emissao.slice(0, 19)) : '—'}</Table.Td>
                    <Table.Td>{nota.valor_total ? `R$ ${Number(nota.valor_total).toLocaleString('pt-BR', { minimumFractionDigits: 2 })}` : '—'}</Table.Td>
                    <Table.Td>{nota.situacao ?? '—'}</Table.Td>
                    <Table.Td>{nota.manifestacao_destinatario ? MANIFESTO_LABELS[nota.manifestacao_destinatario as Manifesto] : '—'}</Table.Td>
                    {canEmit(user) && (
                      <Table.Td>
                        <ManifestButtons nota={nota} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </>
  );
}
