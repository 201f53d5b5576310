import { Button, Divider, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { fiadosApi, type PurchaseCreate } from '../../api/fiados';
import { call } from '../../api/http';
import { FormError } from '../../components/FormError';
import { DateTimeField } from '../../components/DateTimeField';
import { isFuture, paymentDate, pickerNow, pickerSeconds } from '../../dates';
import { MoneyInput } from '../../components/MoneyInput';
import { moneyValue } from '../../format';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { positiveMoney, required } from '../../validation';
import { PAYMENT_METHODS } from './labels';

interface PurchaseFormModalProps {
  clientId: number;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function PurchaseFormModal({ clientId, opened, onClose, onSaved }: PurchaseFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Nova compra">
      {opened && <PurchaseForm clientId={clientId} onSaved={onSaved} onCancel={onClose} />}
    </Modal>
  );
}

function PurchaseForm({ clientId, onSaved, onCancel }: { clientId: number; onSaved: () => void; onCancel: () => void }) {
  const form = useForm({
    initialValues: {
      description: '',
      total_value: '' as number | string,
      note_number: '',
      amount: '' as number | string,
      method: PAYMENT_METHODS[0].value,
      payment_date: pickerNow() as string | null,
      purchase_date: pickerNow() as string | null,
    },
    validate: {
      description: required,
      total_value: positiveMoney,
      amount: (value, values) =>
        (moneyValue(value) ?? 0) > (moneyValue(values.total_value) ?? Infinity) ? 'A entrada não pode passar do valor total.' : null,
      payment_date: (value, values) => ((moneyValue(values.amount) ?? 0) > 0 ? paymentDate(value) : null),
      purchase_date: (value) => (!value ? 'Informe a data.' : isFuture(value) ? 'A data da compra não pode estar no futuro.' : null),
    },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    const downPayment = moneyValue(values.amount) ?? 0;
    const body: PurchaseCreate = {
      description: values.description.trim(),
      total_value: moneyValue(values.total_value)!,
      note_number: values.note_number.trim() || null,
      purchase_date: pickerSeconds(values.purchase_date!),
      ...(downPayment > 0 && {
        amount: downPayment,
        method: values.method,
        payment_date: pickerSeconds(values.payment_date!),
      }),
    };
    await call(fiadosApi.createPurchase, { params: { client_id: clientId }, body });
    notifySuccess('Compra registrada.');
    onSaved();
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label="Descrição" withAsterisk data-autofocus {...form.getInputProps('description')} />
        <MoneyInput label="Valor total" withAsterisk {...form.getInputProps('total_value')} />
        <Group grow align="flex-start">
          <DateTimeField label="Data da compra" withAsterisk {...form.getInputProps('purchase_date')} />
          <TextInput label="Número da nota" description="Opcional" {...form.getInputProps('note_number')} />
        </Group>
        <Divider label="Entrada (opcional)" labelPosition="left" />
        <MoneyInput label="Valor da entrada" {...form.getInputProps('amount')} />
        <NativeSelect label="Forma de pagamento da entrada" data={PAYMENT_METHODS} {...form.getInputProps('method')} />
        <DateTimeField label="Data da entrada" {...form.getInputProps('payment_date')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancelar
          </Button>
          <Button type="submit" loading={submitting}>
            Registrar compra
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
