import { Alert, Box, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { toApiError } from '../../api/errors';
import { faturasApi, postForm, uploadFaturaPath, type Processo, type Transition } from '../../api/faturas';
import { call } from '../../api/http';
import { downloadFile } from '../../csv';
import { runAction } from '../../notify';

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * The invoice PDF inline. The file needs the Bearer token, so it is fetched and shown from a blob URL;
 * a new file (another sha256) is fetched again.
 */
export function FaturaViewer({ processo }: { processo: Processo }) {
  const pdf = useQuery({
    queryKey: ['faturas.pdf', processo.id, processo.fatura_sha256],
    queryFn: ({ signal }) => call(faturasApi.fatura, { params: { id: processo.id }, signal }),
    enabled: processo.fatura_url !== null,
    staleTime: Infinity,
  });
  const url = useMemo(() => (pdf.data ? URL.createObjectURL(new Blob([pdf.data], { type: 'application/pdf' })) : null), [pdf.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const name = processo.fatura_filename ?? `fatura-${processo.id}.pdf`;

  if (processo.fatura_url === null) {
    return (
      <Paper withBorder p="xl" ta="center">
        <Text fw={600}>Ainda não há fatura</Text>
        <Text size="sm" c="dimmed">
          Execute o download pelo robô ou envie o PDF abaixo.
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder p="xs">
      <Group justify="space-between" mb="xs" px={4} gap="xs">
        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
          {name}
        </Text>
        {url && (
          <Group gap="xs">
            <Button size="xs" variant="default" component="a" href={url} target="_blank" rel="noopener">
              Abrir em nova aba
            </Button>
            <Button size="xs" variant="default" onClick={() => pdf.data && downloadFile(name, pdf.data)}>
              Baixar
            </Button>
          </Group>
        )}
      </Group>
      {pdf.error ? (
        <Alert color="red" role="alert" title="Não foi possível abrir a fatura">
          {toApiError(pdf.error).message}
        </Alert>
      ) : url ? (
        <Box component="iframe" src={url} title={`Fatura ${name}`} w="100%" h={{ base: 420, md: 720 }} style={{ border: 0, borderRadius: 6 }} />
      ) : (
        <Group justify="center" py="xl">
          <Loader aria-label="Carregando a fatura" />
        </Group>
      )}
    </Paper>
  );
}

/** Checks a file the way the API will, so the user hears about a wrong file before sending it. */
async function problemOf(file: File): Promise<string | null> {
  if (file.size > MAX_BYTES) return 'Arquivo excede o tamanho máximo de 20 MB.';
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  return String.fromCharCode(...head) === '%PDF-' ? null : 'Apenas arquivos PDF são permitidos.';
}

/** Manual upload: a file picked or dropped; the processo then waits for approval. */
export function UploadZone({ processo, onUploaded }: { processo: Processo; onUploaded: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const send = async (file: File | undefined) => {
    if (!file) return;
    const found = await problemOf(file);
    setProblem(found);
    if (found) return;
    setBusy(true);
    const form = new FormData();
    form.append('fatura', file, file.name);
    const done = await runAction(() => postForm<Transition>(uploadFaturaPath(processo.id), form), `Fatura ${file.name} enviada: aguardando aprovação.`);
    setBusy(false);
    if (input.current) input.current.value = '';
    if (done) onUploaded();
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void send(event.dataTransfer.files[0]);
  };

  return (
    <Stack gap={6}>
      <Paper
        withBorder
        p="md"
        ta="center"
        role="button"
        tabIndex={0}
        aria-label="Enviar PDF da fatura: solte o arquivo aqui ou pressione Enter para escolher"
        aria-busy={busy || undefined}
        onClick={(event) => {
          // The input's own click bubbles here; opening the picker again would loop.
          if (event.target !== input.current) input.current?.click();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            input.current?.click();
          }
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        style={{
          borderStyle: 'dashed',
          cursor: 'pointer',
          background: over ? 'var(--mantine-primary-color-light)' : undefined,
        }}
      >
        <Title order={3} size="h6">
          {busy ? 'Enviando…' : 'Solte o PDF aqui ou clique para escolher'}
        </Title>
        <Text size="xs" c="dimmed">
          Upload manual: apenas PDF, até 20 MB. O processo passa a aguardar aprovação.
        </Text>
        <input
          ref={input}
          type="file"
          accept="application/pdf,.pdf"
          aria-label="Arquivo PDF da fatura"
          className="sr-only"
          tabIndex={-1}
          onChange={(event) => void send(event.currentTarget.files?.[0])}
        />
      </Paper>
      {problem && (
        <Text size="sm" c="red" role="alert">
          {problem}
        </Text>
      )}
    </Stack>
  );
}
