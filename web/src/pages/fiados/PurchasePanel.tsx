import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { fiadosApi, type Payment, type Purchase } from '../../api/fiados';
import { call } from '../../api/http';
import { AsyncView } from '../../components/AsyncView';
import { ConfirmButton } from '../../components/ConfirmButton';
import { OffsetPager } from '../../components/Pager';
import { formatDateTime, formatMoney } from '../../format';
import { useResource } from '../../hooks/useResource';
import { runAction } from '../../notify';
import { ActiveBadge, paymentMethodLabel } from './labels';
import { PaymentFormModal } from './PaymentFormModal';

const PAGE_SIZE = 10;

/** One purchase opened: its payments, and what can be done to it. */
export function PurchasePanel({ purchase, onChanged }: { purchase: Purchase; onChanged: () => void }) {
  const [page, setPage] = useState(1);
  const [paying, setPaying] = useState(false);
  const payments = useResource(
    (signal) =>
      call(fiadosApi.listPayments, {
        params: { purchase_id: purchase.id },
        query: { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE },
        signal,
      }).then((reply) => reply.payments),
    [purchase.id, page],
  );
  const changed = () => {
    payments.reload();
    onChanged();
  };
  const act = (action: () => Promise<unknown>, success: string) =>
    runAction(action, success).then((done) => {
      if (done) changed();
      return done;
    });
  const ids = { purchase_id: purchase.id };
  const active = purchase.is_active === 1;

  return (
    <Stack>
      <Group gap="sm">
        <Button size="sm" onClick={() => setPaying(true)} disabled={!active || purchase.status === 'paid'}>
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
          <Button size="sm" variant="light" onClick={() => act(() => call(fiadosApi.restorePurchase, { params: ids }), 'Compra restaurada.')}>
            Restaurar compra
          </Button>
        )}
      </Group>
      <Text fw={600} size="sm">
        Pagamentos
      </Text>
      <AsyncView resource={payments} isEmpty={(rows) => rows.length === 0} empty="Nenhum pagamento registrado.">
        {(rows) => (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Data</Table.Th>
                  <Table.Th>Valor</Table.Th>
                  <Table.Th>Forma</Table.Th>
                  <Table.Th>Descrição</Table.Th>
                  <Table.Th>Situação</Table.Th>
                  <Table.Th>Ações</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.slice(0, PAGE_SIZE).map((payment) => (
                  <PaymentRow key={payment.id} payment={payment} act={act} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </AsyncView>
      <OffsetPager page={page} hasNext={(payments.data?.length ?? 0) > PAGE_SIZE} onChange={setPage} />
      <PaymentFormModal
        purchase={purchase}
        opened={paying}
        onClose={() => setPaying(false)}
        onSaved={() => {
          setPaying(false);
          changed();
        }}
      />
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
      <Table.Td>{paymentMethodLabel(payment.method)}</Table.Td>
      <Table.Td>{payment.description ?? '—'}</Table.Td>
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
