import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { faturasApi } from '../../api/faturas';
import { call } from '../../api/http';
import { FormError } from '../../components/FormError';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { invalidate } from '../../query/useApi';
import { mesAnoOf, normalizeMesAno } from './labels';
import { OperadoraSelect } from './shared';

/** One processo AGUARDANDO_DOWNLOAD per active cliente of an active operadora; existing ones are kept. */
export function CriarMensaisModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Criar processos do mês">
      {opened && <CriarMensaisForm onDone={onClose} />}
    </Modal>
  );
}

function CriarMensaisForm({ onDone }: { onDone: () => void }) {
  const form = useForm({
    initialValues: { mes_ano: mesAnoOf(), operadora_id: '' },
    validate: { mes_ano: (value) => (normalizeMesAno(value) ? null : 'Use o formato MM/AAAA.') },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    const reply = await call(faturasApi.criarMensais, {
      body: { mes_ano: normalizeMesAno(values.mes_ano)!, operadora_id: values.operadora_id || null },
    });
    notifySuccess(`${reply.mes_ano}: ${reply.criados} processo(s) criado(s), ${reply.ja_existiam} já existiam.`);
    await invalidate(faturasApi.listProcessos, faturasApi.dashboard);
    onDone();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label="Mês/ano" placeholder="MM/AAAA" withAsterisk data-autofocus inputMode="numeric" {...form.getInputProps('mes_ano')} />
        <OperadoraSelect label="Operadora" allLabel="Todas as operadoras" {...form.getInputProps('operadora_id')} />
        <Alert color="blue" variant="light">
          Cria um processo para cada cliente ativo de operadora ativa. Processos que já existem no mês não são duplicados.
        </Alert>
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancelar
          </Button>
          <Button type="submit" loading={submitting}>
            Criar processos
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
