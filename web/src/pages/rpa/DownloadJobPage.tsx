import { Button, Group, NativeSelect, Paper, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { MonthPickerInput } from '@mantine/dates';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { call } from '../../api/http';
import { CARRIERS, rpaApi, type Carrier } from '../../api/rpa';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { cnpj, optionalUuid, required } from '../../validation';

/** Starts a robot that logs into a carrier's portal and downloads the invoice (seed 001 §4.2.2). */
export default function DownloadJobPage() {
  const navigate = useNavigate();
  const form = useForm({
    initialValues: {
      operadora: CARRIERS[0] as Carrier,
      login: '',
      senha: '',
      filtro: '',
      cnpj: '',
      processo_id: '',
      // The last closed month, as the robot assumes when none is given.
      competencia: dayjs().subtract(1, 'month').startOf('month').format('YYYY-MM-DD') as string | null,
    },
    validate: { login: required, senha: required, filtro: required, cnpj, processo_id: optionalUuid },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async ({ operadora, processo_id, competencia, ...values }) => {
    const created = await call(rpaApi.createDownload, {
      params: { operadora },
      body: {
        login: values.login.trim(),
        senha: values.senha,
        filtro: values.filtro.trim(),
        cnpj: values.cnpj.trim(),
        ...(processo_id.trim() ? { processo_id: processo_id.trim() } : {}),
        ...(competencia ? { competencia: dayjs(competencia).format('YYYYMM') } : {}),
      },
    });
    notifySuccess(created.message);
    navigate(`/rpa/execucoes/${created.job_id}`);
  });

  return (
    <>
      <PageHeader title="Novo download" description="O robô entra no portal da operadora e baixa a fatura." />
      <Paper withBorder p="lg" maw={720}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <NativeSelect label="Operadora" data={[...CARRIERS]} {...form.getInputProps('operadora')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Login no portal" withAsterisk autoComplete="off" {...form.getInputProps('login')} />
              <PasswordInput label="Senha do portal" withAsterisk autoComplete="new-password" {...form.getInputProps('senha')} />
              <TextInput label="Conta / contrato" description="O filtro do portal: código da conta ou do contrato" withAsterisk {...form.getInputProps('filtro')} />
              <TextInput label="CNPJ" withAsterisk description="Com ou sem pontuação" {...form.getInputProps('cnpj')} />
            </SimpleGrid>
            <MonthPickerInput
              label="Competência"
              description="Mês da fatura"
              valueFormat="MM/YYYY"
              maxDate={dayjs().format('YYYY-MM-DD')}
              maw={240}
              {...form.getInputProps('competencia')}
            />
            <details>
              <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>Avançado</summary>
              <TextInput mt="sm" label="ID do processo" description="Opcional: UUID do processo de faturas a atualizar" {...form.getInputProps('processo_id')} />
            </details>
            <FormError message={error} />
            <Group justify="flex-end">
              <Button type="submit" loading={submitting}>
                Iniciar download
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
