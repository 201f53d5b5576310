import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { call } from '../../api/http';
import { CARRIERS, rpaApi, type SatJobInput } from '../../api/rpa';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { brDate, cnpj, required } from '../../validation';

const EMPTY: SatJobInput = {
  cnpj: '',
  razao: '',
  operadora: CARRIERS[0],
  nome_filtro: '',
  unidade: '',
  servico: '',
  dados_sat: '',
  nome_arquivo: '',
  data_vencimento: '',
};

/** Starts the robot that uploads an invoice to SAT (seed 001 §4.2.3). */
/** The fields a completed download passes along ("Enviar ao SAT" on its page), so they are not retyped. */
const PREFILLED = ['cnpj', 'operadora', 'nome_filtro', 'nome_arquivo'] as const;

export default function SatJobPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useForm<SatJobInput>({
    initialValues: { ...EMPTY, ...Object.fromEntries(PREFILLED.flatMap((key) => (params.get(key) ? [[key, params.get(key)!.slice(0, 200)]] : []))) },
    validate: {
      cnpj,
      razao: required,
      nome_filtro: required,
      unidade: required,
      servico: required,
      dados_sat: required,
      nome_arquivo: required,
      data_vencimento: brDate,
    },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    const body = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()])) as SatJobInput;
    const created = await call(rpaApi.createSat, { body });
    notifySuccess(created.message);
    navigate(`/rpa/execucoes/${created.job_id}`);
  });
  const field = (name: keyof SatJobInput) => form.getInputProps(name);

  return (
    <>
      <PageHeader title="Envio SAT" description="O robô envia a fatura ao SAT com os dados do cliente." />
      <Paper withBorder p="lg" maw={720}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="CNPJ" withAsterisk description="Com ou sem pontuação" {...field('cnpj')} />
              <TextInput label="Razão social" withAsterisk description="Como no cadastro do SAT" {...field('razao')} />
              <NativeSelect label="Operadora" data={[...CARRIERS]} {...field('operadora')} />
              <TextInput label="Nome do filtro" withAsterisk {...field('nome_filtro')} />
              <TextInput label="Unidade" withAsterisk {...field('unidade')} />
              <TextInput label="Serviço" withAsterisk {...field('servico')} />
              <TextInput label="Nome do arquivo" withAsterisk description="Ex.: fatura_oi_202401.pdf" {...field('nome_arquivo')} />
              <TextInput label="Data de vencimento" withAsterisk description="DD/MM/AAAA" {...field('data_vencimento')} />
            </SimpleGrid>
            <Textarea
              label="Dados SAT"
              withAsterisk
              description="O texto que o SAT pede para identificar o lançamento (como no cadastro do cliente)"
              autosize
              minRows={2}
              {...field('dados_sat')}
            />
            <FormError message={error} />
            <Group justify="flex-end">
              <Button type="submit" loading={submitting}>
                Enviar ao SAT
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
