import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { fiadosApi, type Payment, type Purchase } from '../../api/fiados';
import { call } from '../../api/http';
import { formatDateTime, formatMoney } from '../../format';
import { runAction } from '../../notify';

interface RestorePurchaseModalProps {
  purchase: Purchase;
  /** The purchase's payments (active and deactivated). */
  payments: Payment[];
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}

/**
 * Restoring a purchase does not restore its payments (seed 003's rule): the dialog says so, shows what
 * the client would owe, and offers to restore the deactivated payments too (all chosen by default).
 */
export function RestorePurchaseModal({ purchase, payments, opened, onClose, onDone }: RestorePurchaseModalProps) {
  const inactive = payments.filter((payment) => !payment.is_active);
  const [chosen, setChosen] = useState<number[]>(() => inactive.map((payment) => payment.id));
  const [busy, setBusy] = useState(false);
  const restoredPaid = inactive.filter((payment) => chosen.includes(payment.id)).reduce((sum, payment) => sum + payment.amount, 0);
  const owed = Math.max(0, purchase.total_value - purchase.total_paid_value - restoredPaid);

  const restore = async () => {
    setBusy(true);
    const ids = { purchase_id: purchase.id };
    const done = await runAction(async () => {
      await call(fiadosApi.restorePurchase, { params: ids });
      for (const id of chosen) await call(fiadosApi.restorePayment, { params: { ...ids, payment_id: id } });
    }, chosen.length ? `Compra e ${chosen.length} pagamento(s) restaurados.` : 'Compra restaurada.');
    setBusy(false);
    if (done) onDone();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Restaurar compra">
      <Stack>
        <Text size="sm">
          “{purchase.description}” volta a valer. Os pagamentos dela <strong>não</strong> voltam sozinhos: foram desativados junto com a compra.
        </Text>
        {inactive.length > 0 && (
          <Checkbox.Group label="Restaurar também estes pagamentos" value={chosen.map(String)} onChange={(values) => setChosen(values.map(Number))}>
            <Stack gap={6} mt={6}>
              {inactive.map((payment) => (
                <Checkbox
                  key={payment.id}
                  value={String(payment.id)}
                  label={`${formatMoney(payment.amount)} em ${formatDateTime(payment.payment_date)}${payment.description ? ` · ${payment.description}` : ''}`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <Text size="sm">
          Depois de restaurar, falta pagar: <strong>{formatMoney(owed)}</strong>
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Voltar
          </Button>
          <Button onClick={restore} loading={busy}>
            Restaurar
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
