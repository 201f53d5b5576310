import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { fiscalApi, type NotaLocal } from '../../api/fiscal';
import { call } from '../../api/http';
import { runAction } from '../../notify';
import { invalidate } from '../../query/useApi';
import { lengthHint } from './shared';

interface DialogProps {
  title: string;
  label: string;
  min: number;
  max: number;
  confirm: string;
  color?: string;
  onConfirm(text: string): Promise<unknown>;
  success: string;
}

/** A text dialog whose length rule (the API's) is shown as you type; confirming is possible only within it. */
function TextDialog({ title, label, min, max, confirm, color, onConfirm, success }: DialogProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const hint = lengthHint(text, min, max);
  return (
    <>
      <Button variant="light" color={color} onClick={open}>
        {title}
      </Button>
      <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ 'aria-label': 'Fechar' }}>
        <Stack>
          <Textarea
            label={label}
            autosize
            minRows={3}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            description={text.length > 0 && !hint.ok ? undefined : hint.description}
            error={text.length > 0 && !hint.ok ? hint.description : undefined}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Voltar
            </Button>
            <Button
              color={color}
              disabled={!hint.ok}
              loading={busy}
              onClick={async () => {
                setBusy(true);
                const ok = await runAction(() => onConfirm(text.trim()), success);
                setBusy(false);
                if (ok) {
                  setText('');
                  close();
                }
              }}
            >
              {confirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

const refresh = () => invalidate(fiscalApi.local, fiscalApi.timeline, fiscalApi.stats, fiscalApi.latest);

/** Cancel (every type, 15–255) and CC-e (NFe, 15–1000), offered only for an authorised note. */
export function NotaActions({ nota }: { nota: NotaLocal }) {
  if (nota.status !== 'autorizado') return null;
  return (
    <Group>
      {nota.tipo === 'nfe' && (
        <TextDialog
          title="Carta de correção"
          label="Correção"
          min={15}
          max={1000}
          confirm="Enviar CC-e"
          success="Carta de correção registrada."
          onConfirm={async (texto) => {
            await call(fiscalApi.cartaCorrecao, { params: { ref: nota.ref }, query: { texto } });
            await refresh();
          }}
        />
      )}
      <TextDialog
        title="Cancelar nota"
        label="Justificativa"
        min={15}
        max={255}
        confirm="Cancelar nota"
        color="red"
        success="Cancelamento enviado."
        onConfirm={async (justificativa) => {
          await call(fiscalApi.cancel[nota.tipo], { params: { ref: nota.ref }, query: { justificativa } });
          await refresh();
        }}
      />
    </Group>
  );
}
