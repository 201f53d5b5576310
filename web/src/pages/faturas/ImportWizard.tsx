import { Alert, Button, Checkbox, FileInput, Group, Modal, SimpleGrid, Stack, Stepper, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { toApiError } from '../../api/errors';
import { faturasApi, IMPORT_PATH, postForm, type ImportReport } from '../../api/faturas';
import { notifySuccess } from '../../notify';
import { invalidate } from '../../query/useApi';

const MAX_ERRORS_SHOWN = 200;

function send(file: File, sobrescrever: boolean, simular: boolean): Promise<ImportReport> {
  const form = new FormData();
  form.append('sobrescrever', String(sobrescrever));
  form.append('simular', String(simular));
  form.append('arquivo', file, file.name);
  return postForm<ImportReport>(IMPORT_PATH, form);
}

/** Pick a CSV, see what `simular=true` says would happen (each bad line named), then import. */
export function ImportWizard({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Importar clientes (CSV)" size="xl">
      {opened && <Wizard onClose={onClose} />}
    </Modal>
  );
}

function Wizard({ onClose }: { onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [sobrescrever, setSobrescrever] = useState(false);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = result ? 2 : preview ? 1 : 0;

  const run = async (simular: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const report = await send(file, sobrescrever, simular);
      if (simular) setPreview(report);
      else {
        setResult(report);
        notifySuccess(`Importação concluída: ${report.criados} criado(s), ${report.atualizados} atualizado(s).`);
        await invalidate(faturasApi.listClientes);
      }
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stepper active={step} size="sm" allowNextStepsSelect={false}>
      <Stepper.Step label="Arquivo" description="Escolha o CSV">
        <Stack mt="md">
          <FileInput
            label="Planilha de clientes (CSV)"
            description="Colunas: CNPJ, OPERADORA, RAZÃO SOCIAL, NOME SAT, SERVIÇO, UNIDADE / FILTRO SAT; opcionais FILTRO, DADOS SAT, SITE PARA EMISSÃO, LOGIN, SENHA, CPF, STATUS. Vírgula ou ponto e vírgula; UTF-8 ou Windows-1252."
            placeholder="Escolher arquivo…"
            accept=".csv,text/csv"
            value={file}
            onChange={(picked) => {
              setFile(picked);
              setPreview(null);
            }}
            clearable
            data-autofocus
          />
          <Checkbox
            label="Atualizar clientes que já existem (mesmo CNPJ, operadora, unidade e serviço)"
            checked={sobrescrever}
            onChange={(event) => setSobrescrever(event.currentTarget.checked)}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancelar
            </Button>
            <Button onClick={() => void run(true)} disabled={!file} loading={busy}>
              Pré-visualizar
            </Button>
          </Group>
        </Stack>
      </Stepper.Step>
      <Stepper.Step label="Pré-visualização" description="Nada gravado ainda">
        {preview && (
          <Stack mt="md">
            <Report report={preview} future />
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPreview(null)}>
                Escolher outro arquivo
              </Button>
              <Button onClick={() => void run(false)} loading={busy} disabled={preview.criados + preview.atualizados === 0}>
                Importar {preview.criados + preview.atualizados} cliente(s)
              </Button>
            </Group>
          </Stack>
        )}
      </Stepper.Step>
      <Stepper.Completed>
        {result && (
          <Stack mt="md">
            <Report report={result} />
            <Group justify="flex-end">
              <Button onClick={onClose}>Concluir</Button>
            </Group>
          </Stack>
        )}
      </Stepper.Completed>
    </Stepper>
  );
}

function Report({ report, future = false }: { report: ImportReport; future?: boolean }) {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Count label="Linhas lidas" value={report.processados} />
        <Count label={future ? 'Serão criados' : 'Criados'} value={report.criados} />
        <Count label={future ? 'Serão atualizados' : 'Atualizados'} value={report.atualizados} />
        <Count label="Com erro" value={report.erros.length} danger={report.erros.length > 0} />
      </SimpleGrid>
      {report.erros.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            {future ? 'Estas linhas não serão importadas:' : 'Estas linhas não foram importadas:'}
          </Text>
          <Table.ScrollContainer minWidth={0} mah={280} type="native">
            <Table striped verticalSpacing={4} fz="sm" aria-label="Linhas com erro">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>Linha</Table.Th>
                  <Table.Th>Problema</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.erros.slice(0, MAX_ERRORS_SHOWN).map((erro) => (
                  <Table.Tr key={`${erro.linha}-${erro.mensagem}`}>
                    <Table.Td>{erro.linha}</Table.Td>
                    <Table.Td>{erro.mensagem}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {report.erros.length > MAX_ERRORS_SHOWN && (
            <Text size="xs" c="dimmed">
              Mostrando {MAX_ERRORS_SHOWN} de {report.erros.length} erros.
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

function Count({ label, value, danger = false }: { label: string; value: number; danger?: boolean }) {
  return (
    <Stack gap={0} p="sm" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl" c={danger ? 'red' : undefined}>
        {value}
      </Text>
    </Stack>
  );
}
