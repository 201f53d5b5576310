import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { fiadosApi, type Purchase } from '../../api/fiados';
import { call } from '../../api/http';
import { FormError } from '../../components/FormError';
import { DateTimeField } from '../../components/DateTimeField';
import { paymentDate, pickerNow, pickerSeconds } from '../../dates';
import { MoneyInput } from '../../components/MoneyInput';
import { formatMoney, moneyValue, toCents } from '../../format';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { positiveMoney } from '../../validation';
import { PAYMENT_METHODS } from './labels';

interface PaymentFormModalProps {
  purchase: Purchase;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function PaymentFormModal({ purchase, opened, onClose, onSaved }: PaymentFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Registrar pagamento">
      {opened && <PaymentForm purchase={purchase} onSaved={onSaved} onCancel={onClose} />}
    </Modal>
  );
}

function PaymentForm({ purchase, onSaved, onCancel }: { purchase: Purchase; onSaved: () => void; onCancel: () => void }) {
  const remainingCents = toCents(purchase.total_value) - toCents(purchase.total_paid_value);
  const form = useForm({
    initialValues: {
      amount: '' as number | string,
      method: PAYMENT_METHODS[0].value,
      description: '',
      payment_date: pickerNow() as string | null,
    },
    validate: {
      amount: (value) =>
        positiveMoney(value) ??
        (toCents(moneyValue(value)!) > remainingCents ? `O valor passa do que falta pagar (${formatMoney(remainingCents / 100)}).` : null),
      payment_date: paymentDate,
    },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    await call(fiadosApi.createPayment, {
      params: { purchase_id: purchase.id },
      body: {
        amount: moneyValue(values.amount)!,
        method: values.method,
        description: values.description.trim() || null,
        payment_date: pickerSeconds(values.payment_date!),
      },
    });
    notifySuccess('Pagamento registrado.');
    onSaved();
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Text size="sm">
          {purchase.description} — falta pagar <strong>{formatMoney(remainingCents / 100)}</strong>
        </Text>
        <MoneyInput label="Valor" withAsterisk data-autofocus {...form.getInputProps('amount')} />
        <NativeSelect label="Forma de pagamento" data={PAYMENT_METHODS} {...form.getInputProps('method')} />
        <TextInput label="Descrição" description="Opcional" {...form.getInputProps('description')} />
        <DateTimeField label="Data do pagamento" withAsterisk {...form.getInputProps('payment_date')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancelar
          </Button>
          <Button type="submit" loading={submitting}>
            Registrar pagamento
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
