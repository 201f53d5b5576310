import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { fiadosApi, type Payment, type Purchase } from '../../api/fiados';
import { call } from '../../api/http';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDateTime, formatMoney } from '../../format';
import { runAction } from '../../notify';
import { useApi } from '../../query/useApi';
import { ActiveBadge, paymentMethodLabel } from './labels';
import { PaymentFormModal } from './PaymentFormModal';
import { RestorePurchaseModal } from './RestorePurchaseModal';

/** A purchase has a handful of payments; this many are shown, newest first. */
const PAYMENTS_SHOWN = 200;

/** One purchase opened: its payments, and what can be done to it. */
export function PurchasePanel({ purchase, onChanged }: { purchase: Purchase; onChanged: () => void }) {
  const [dialog, setDialog] = useState<'pay' | 'restore' | null>(null);
  const payments = useApi(fiadosApi.listPayments, { params: { purchase_id: purchase.id }, query: { limit: PAYMENTS_SHOWN, offset: 0 } });
  const rows = payments.data?.payments;
  const act = (action: () => Promise<unknown>, success: string) =>
    runAction(action, success).then((done) => {
      if (done) onChanged();
      return done;
    });
  const ids = { purchase_id: purchase.id };
  const active = purchase.is_active === 1;
  const done = () => {
    setDialog(null);
    onChanged();
  };

  return (
    <Stack>
      <Group gap="sm">
        <Button size="sm" onClick={() => setDialog('pay')} disabled={!active || purchase.status === 'paid'}>
          Registrar pagamento
        </Button>
        {active ? (
          <ConfirmButton
            size="sm"
            variant="light"
            color="red"
            title="Desativar compra"
            message={`Desativar "${purchase.description}"? Os pagamentos dela também serão desativados.`}
            confirmLabel="Desativar"
            onConfirm={() => act(() => call(fiadosApi.deactivatePurchase, { params: ids }), 'Compra desativada.')}
          >
            Desativar compra
          </ConfirmButton>
        ) : (
          <Button size="sm" variant="light" onClick={() => setDialog('restore')} disabled={!rows}>
            Restaurar compra
          </Button>
        )}
      </Group>
      <Text fw={600} size="sm">
        Pagamentos
      </Text>
      {rows === undefined ? null : rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nenhum pagamento registrado.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={0} type="native">
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Data</Table.Th>
                <Table.Th>Valor</Table.Th>
                <Table.Th visibleFrom="sm">Forma</Table.Th>
                <Table.Th visibleFrom="sm">Descrição</Table.Th>
                <Table.Th>Situação</Table.Th>
                <Table.Th>Ações</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((payment) => (
                <PaymentRow key={payment.id} payment={payment} act={act} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PaymentFormModal purchase={purchase} opened={dialog === 'pay'} onClose={() => setDialog(null)} onSaved={done} />
      {rows && dialog === 'restore' && (
        <RestorePurchaseModal purchase={purchase} payments={rows} opened onClose={() => setDialog(null)} onDone={done} />
      )}
    </Stack>
  );
}

type Act = (action: () => Promise<unknown>, success: string) => Promise<boolean>;

function PaymentRow({ payment, act }: { payment: Payment; act: Act }) {
  const params = { purchase_id: payment.purchase_id, payment_id: payment.id };
  const label = `pagamento de ${formatMoney(payment.amount)} em ${formatDateTime(payment.payment_date)}`;
  return (
    <Table.Tr>
      <Table.Td>{formatDateTime(payment.payment_date)}</Table.Td>
      <Table.Td>{formatMoney(payment.amount)}</Table.Td>
      <Table.Td visibleFrom="sm">{paymentMethodLabel(payment.method)}</Table.Td>
      <Table.Td visibleFrom="sm">{payment.description ?? '—'}</Table.Td>
      <Table.Td>
        <ActiveBadge active={payment.is_active === 1} />
      </Table.Td>
      <Table.Td>
        {payment.is_active ? (
          <ConfirmButton
            size="xs"
            variant="light"
            color="red"
            aria-label={`Desativar ${label}`}
            title="Desativar pagamento"
            message={`Desativar o ${label}? O saldo da compra será recalculado.`}
            confirmLabel="Desativar"
            onConfirm={() => act(() => call(fiadosApi.deactivatePayment, { params }), 'Pagamento desativado.')}
          >
            Desativar
          </ConfirmButton>
        ) : (
          <Button
            size="xs"
            variant="light"
            aria-label={`Restaurar ${label}`}
            onClick={() => act(() => call(fiadosApi.restorePayment, { params }), 'Pagamento restaurado.')}
          >
            Restaurar
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
