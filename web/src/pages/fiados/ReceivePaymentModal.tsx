import { Alert, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { fiadosApi } from '../../api/fiados';
import { toApiError } from '../../api/errors';
import { call } from '../../api/http';
import { DateTimeField } from '../../components/DateTimeField';
import { FormError } from '../../components/FormError';
import { MoneyInput } from '../../components/MoneyInput';
import { paymentDate, pickerNow, pickerSeconds } from '../../dates';
import { formatDateTime, formatMoney, moneyValue, toCents } from '../../format';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { positiveMoney } from '../../validation';
import { PAYMENT_METHODS } from './labels';

interface ReceivePaymentModalProps {
  clientId: number;
  /** What the client owes now. */
  balance: number;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** "The client paid R$ 50 toward what they owe": one amount over the open purchases, oldest first, previewed. */
export function ReceivePaymentModal({ opened, onClose, ...props }: ReceivePaymentModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Receber pagamento" size="lg">
      {opened && <ReceiveForm {...props} onCancel={onClose} />}
    </Modal>
  );
}

function ReceiveForm({ clientId, balance, onSaved, onCancel }: Omit<ReceivePaymentModalProps, 'opened' | 'onClose'> & { onCancel: () => void }) {
  const form = useForm({
    initialValues: { amount: '' as number | string, method: PAYMENT_METHODS[0].value, description: '', payment_date: pickerNow() as string | null },
    validate: {
      amount: (value) =>
        positiveMoney(value) ?? (toCents(moneyValue(value)!) > toCents(balance) ? `O valor passa do saldo devedor (${formatMoney(balance)}).` : null),
      payment_date: paymentDate,
    },
  });
  const amount = moneyValue(form.values.amount);
  const [debounced] = useDebouncedValue(amount, 250);
  const previewable = debounced !== null && debounced > 0 && toCents(debounced) <= toCents(balance);
  const preview = useQuery({
    queryKey: ['settlement-preview', clientId, debounced],
    queryFn: ({ signal }) => call(fiadosApi.previewSettlement, { params: { client_id: clientId }, body: { amount: debounced!, method: 'pix' }, signal }),
    enabled: previewable,
    staleTime: 0,
  });

  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    const done = await call(fiadosApi.settle, {
      params: { client_id: clientId },
      body: {
        amount: moneyValue(values.amount)!,
        method: values.method,
        description: values.description.trim() || null,
        payment_date: pickerSeconds(values.payment_date!),
      },
    });
    notifySuccess(`Pagamento de ${formatMoney(done.amount)} distribuído em ${done.allocations.length} compra(s).`);
    onSaved();
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Text size="sm">
          Saldo devedor: <strong>{formatMoney(balance)}</strong>. O valor quita as compras em aberto da mais antiga para a mais nova.
        </Text>
        <Group align="flex-end" gap="sm">
          <MoneyInput label="Valor recebido" withAsterisk data-autofocus style={{ flex: 1 }} {...form.getInputProps('amount')} />
          <Button variant="default" onClick={() => form.setFieldValue('amount', balance)}>
            Quitar tudo
          </Button>
        </Group>
        <Group grow align="flex-start">
          <NativeSelect label="Forma de pagamento" data={PAYMENT_METHODS} {...form.getInputProps('method')} />
          <DateTimeField label="Data do pagamento" withAsterisk {...form.getInputProps('payment_date')} />
        </Group>
        <TextInput label="Descrição" description="Opcional" {...form.getInputProps('description')} />
        {previewable && preview.data && (
          <div aria-live="polite">
            <Text fw={600} size="sm" mb={4}>
              Prévia da distribuição
            </Text>
            <Table.ScrollContainer minWidth={0} type="native">
              <Table verticalSpacing={4} withTableBorder aria-label="Prévia da distribuição">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Compra</Table.Th>
                    <Table.Th ta="right">Faltava</Table.Th>
                    <Table.Th ta="right">Recebe</Table.Th>
                    <Table.Th ta="right">Fica faltando</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.data.allocations.map((share) => (
                    <Table.Tr key={share.purchase_id}>
                      <Table.Td>
                        <Text size="sm">{share.description}</Text>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(share.created_at)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{formatMoney(share.open_before)}</Table.Td>
                      <Table.Td ta="right" fw={700}>
                        {formatMoney(share.amount)}
                      </Table.Td>
                      <Table.Td ta="right">{share.open_after > 0 ? formatMoney(share.open_after) : 'Quitada'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="sm" mt={4}>
              Saldo depois: <strong>{formatMoney(preview.data.balance_after)}</strong>
            </Text>
          </div>
        )}
        {preview.error && (
          <Alert color="red" variant="light">
            {toApiError(preview.error).message}
          </Alert>
        )}
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancelar
          </Button>
          <Button type="submit" loading={submitting}>
            Receber {amount ? formatMoney(amount) : ''}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
