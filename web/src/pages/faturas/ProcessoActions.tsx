import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Perfil } from '../../api/auth';
import { faturasApi, type ProcessoDetalhe } from '../../api/faturas';
import { call } from '../../api/http';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormError } from '../../components/FormError';
import { MoneyInput } from '../../components/MoneyInput';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess, runAction } from '../../notify';
import { AlertasFatura } from './AlertasFatura';
import { can } from './labels';

interface ActionsProps {
  processo: ProcessoDetalhe;
  perfil: Perfil;
  /** Something changed: reload the processo, its execuções and history. */
  onChanged: () => void;
  /** An execução is running: no second robot for the same processo. */
  busy: boolean;
}

type Dialog = 'aprovar' | 'rejeitar' | 'reabrir' | null;

/** Only what the processo's status and the user's perfil allow; the API checks the same. */
export function ProcessoActions({ processo, perfil, onChanged, busy }: ActionsProps) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const status = processo.status_processo;
  const id = processo.id;
  const close = () => setDialog(null);
  const done = () => {
    close();
    onChanged();
  };
  const start = (action: () => Promise<unknown>, message: string) => runAction(action, message).then((ok) => (ok && onChanged(), ok));

  return (
    <>
      <Group gap="sm">
        {status === 'AGUARDANDO_DOWNLOAD' && (
          <Button disabled={busy} onClick={() => void start(() => call(faturasApi.executarDownload, { params: { id } }), 'Download iniciado: acompanhe abaixo.')}>
            Executar download
          </Button>
        )}
        {status === 'AGUARDANDO_APROVACAO' && can.approve(perfil) && (
          <>
            <Button color="green" onClick={() => setDialog('aprovar')}>
              Aprovar
            </Button>
            <Button color="red" variant="light" onClick={() => setDialog('rejeitar')}>
              Rejeitar
            </Button>
          </>
        )}
        {status === 'AGUARDANDO_APROVACAO' && !can.approve(perfil) && (
          <Text size="sm" c="dimmed">
            Aguardando um aprovador.
          </Text>
        )}
        {status === 'AGUARDANDO_ENVIO_SAT' && (
          <ConfirmButton
            color="blue"
            disabled={busy}
            title="Enviar ao SAT"
            message="Confirma o envio desta fatura para o SAT? O robô envia o PDF com os dados do cliente e o vencimento."
            confirmLabel="Enviar ao SAT"
            onConfirm={() => start(() => call(faturasApi.enviarSat, { params: { id } }), 'Envio ao SAT iniciado: acompanhe abaixo.')}
          >
            Enviar ao SAT
          </ConfirmButton>
        )}
        {status === 'UPLOAD_REALIZADO' && can.reopen(perfil) && (
          <Button variant="default" onClick={() => setDialog('reabrir')}>
            Reabrir
          </Button>
        )}
      </Group>
      <Modal opened={dialog === 'aprovar'} onClose={close} title="Aprovar fatura" size="lg">
        {dialog === 'aprovar' && <AprovarForm processo={processo} onDone={done} onCancel={close} />}
      </Modal>
      <Modal opened={dialog === 'rejeitar'} onClose={close} title="Rejeitar fatura">
        {dialog === 'rejeitar' && (
          <MotivoForm
            help="A fatura volta a aguardar download. Diga o que está errado para quem vai buscá-la de novo."
            confirm="Rejeitar"
            onSubmit={async (motivo) => {
              await call(faturasApi.rejeitar, { params: { id }, body: { motivo } });
              notifySuccess('Fatura rejeitada: o processo voltou a aguardar download.');
              done();
            }}
            onCancel={close}
          />
        )}
      </Modal>
      <Modal opened={dialog === 'reabrir'} onClose={close} title="Reabrir processo">
        {dialog === 'reabrir' && (
          <MotivoForm
            help="O processo já foi enviado ao SAT. Reabrir o devolve ao início do fluxo e fica registrado no histórico."
            confirm="Reabrir"
            onSubmit={async (motivo) => {
              await call(faturasApi.reabrir, { params: { id }, body: { motivo } });
              notifySuccess('Processo reaberto.');
              done();
            }}
            onCancel={close}
          />
        )}
      </Modal>
    </>
  );
}

function AprovarForm({ processo, onDone, onCancel }: { processo: ProcessoDetalhe; onDone: () => void; onCancel: () => void }) {
  const form = useForm({
    initialValues: { data_vencimento: processo.data_vencimento ?? '', valor_fatura: (processo.valor_fatura ?? '') as number | string, observacoes: '' },
    validate: { data_vencimento: (value) => (value ? null : 'Informe o vencimento: o SAT precisa dele.') },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    await call(faturasApi.aprovar, {
      params: { id: processo.id },
      body: {
        data_vencimento: values.data_vencimento,
        ...(typeof values.valor_fatura === 'number' ? { valor_fatura: values.valor_fatura } : {}),
        observacoes: values.observacoes.trim() || null,
      },
    });
    notifySuccess('Fatura aprovada: pronta para o envio ao SAT.');
    onDone();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <AlertasFatura processo={processo} />
        <Group grow align="flex-start">
          <TextInput label="Vencimento" type="date" withAsterisk data-autofocus {...form.getInputProps('data_vencimento')} />
          <MoneyInput label="Valor da fatura" {...form.getInputProps('valor_fatura')} />
        </Group>
        <Textarea label="Observações" autosize minRows={2} maxLength={2000} {...form.getInputProps('observacoes')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancelar
          </Button>
          <Button type="submit" color="green" loading={submitting}>
            Aprovar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MotivoForm({ help, confirm, onSubmit, onCancel }: { help: string; confirm: string; onSubmit: (motivo: string) => Promise<void>; onCancel: () => void }) {
  const form = useForm({
    initialValues: { motivo: '' },
    validate: { motivo: (value) => (value.trim() ? null : 'Diga o motivo: ele fica no histórico.') },
  });
  const { onSubmit: submit, submitting, error } = useApiSubmit(form, (values) => onSubmit(values.motivo.trim()));
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Alert color="blue" variant="light">
          {help}
        </Alert>
        <Textarea label="Motivo" withAsterisk autosize minRows={3} maxLength={2000} data-autofocus {...form.getInputProps('motivo')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancelar
          </Button>
          <Button type="submit" color="red" loading={submitting}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
