import { Button, Group, Modal, Stack, Textarea, type ButtonProps } from '@mantine/core';
import { useState } from 'react';
import { faturasApi, type Execucao } from '../../api/faturas';
import { call } from '../../api/http';
import { ConfirmButton } from '../../components/ConfirmButton';
import { runAction } from '../../notify';
import { invalidate } from '../../query/useApi';
import { canRetry } from './labels';

const refresh = () => invalidate(faturasApi.listExecucoes, faturasApi.getExecucao, faturasApi.getProcesso, faturasApi.listProcessos);

/** Cancel a running execução (its robot too), or start a failed, timed-out or cancelled one again. */
export function ExecucaoActions({ execucao, size }: { execucao: Execucao; size?: ButtonProps['size'] }) {
  const [cancelling, setCancelling] = useState(false);
  const [motivo, setMotivo] = useState('');
  const [busy, setBusy] = useState(false);
  const running = execucao.status_execucao === 'EXECUTANDO' || execucao.status_execucao === 'TENTANDO_NOVAMENTE';

  const cancel = async () => {
    setBusy(true);
    const done = await runAction(
      () => call(faturasApi.cancelarExecucao, { params: { id: execucao.id }, body: motivo.trim() ? { motivo: motivo.trim() } : {} }),
      'Execução cancelada.',
    );
    setBusy(false);
    if (done) {
      setCancelling(false);
      await refresh();
    }
  };

  return (
    <>
      {running && (
        <Button size={size} color="red" variant="light" onClick={() => setCancelling(true)} aria-label={`Cancelar execução de ${execucao.razao_social}`}>
          Cancelar
        </Button>
      )}
      {canRetry(execucao.status_execucao) && (
        <ConfirmButton
          size={size}
          variant="light"
          color="blue"
          aria-label={`Tentar novamente a execução de ${execucao.razao_social}`}
          title="Tentar novamente"
          message="Iniciar uma nova execução com os mesmos dados? O robô volta ao portal."
          confirmLabel="Tentar novamente"
          onConfirm={() => runAction(() => call(faturasApi.tentarNovamente, { params: { id: execucao.id } }), 'Nova tentativa iniciada.').then((ok) => (ok && void refresh(), ok))}
        >
          Tentar novamente
        </ConfirmButton>
      )}
      <Modal opened={cancelling} onClose={() => setCancelling(false)} title="Cancelar execução">
        <Stack>
          <Textarea label="Motivo (opcional)" autosize minRows={2} maxLength={2000} value={motivo} onChange={(event) => setMotivo(event.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)} data-autofocus>
              Voltar
            </Button>
            <Button color="red" loading={busy} onClick={() => void cancel()}>
              Cancelar execução
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
