import { Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router-dom';
import { fiscalApi } from '../../api/fiscal';
import { call } from '../../api/http';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { required } from '../../validation';
import { cnpjHint, cpfHint, stripDocument } from '../faturas/documents';

const IBGE_EXCEPTIONS = new Set(['2201919', '2201988', '2202251', '2611533', '3117836', '3152131', '4305871', '5203939', '5203962']);

/** The service's IBGE rule (src/core/brazil): 7 digits, weights 1,2,… with digit sums, or one of the nine exceptions. */
function ibgeHint(value: string): string | null {
  const code = value.trim();
  if (!/^\d{7}$/.test(code)) return 'O código IBGE tem 7 dígitos.';
  if (IBGE_EXCEPTIONS.has(code)) return null;
  let sum = 0;
  for (let i = 0; i < 6; i += 1) {
    const product = Number(code[i]) * (i % 2 === 0 ? 1 : 2);
    sum += product > 9 ? Math.floor(product / 10) + (product % 10) : product;
  }
  return (10 - (sum % 10)) % 10 === Number(code[6]) ? null : 'Código IBGE inválido: o dígito verificador não confere.';
}

const refHint = (value: string) => (/^[A-Za-z0-9_-]{1,50}$/.test(value.trim()) ? null : 'Use até 50 letras, números, - ou _ (sem espaços nem acentos).');

/** The most common document: an NFSe, checked field by field as typed, with the API's own rules. */
export default function EmitirNfsePage() {
  const navigate = useNavigate();
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: {
      ref: `nfse-${Date.now().toString(36)}`,
      prestador_cnpj: '',
      inscricao_municipal: '',
      codigo_municipio: '',
      tomador_tipo: 'cnpj',
      tomador_documento: '',
      razao_social: '',
      email: '',
      discriminacao: '',
      valor_servicos: 0 as number | string,
      item_lista_servico: '',
      aliquota: 0 as number | string,
      iss_retido: 'false',
    },
    validate: {
      ref: refHint,
      prestador_cnpj: cnpjHint,
      inscricao_municipal: required,
      codigo_municipio: ibgeHint,
      tomador_documento: (value, values) => (values.tomador_tipo === 'cnpj' ? cnpjHint(value) : (cpfHint(value) ?? required(value))),
      razao_social: required,
      discriminacao: required,
      item_lista_servico: required,
      valor_servicos: (value) => (Number(value) > 0 ? null : 'Informe um valor maior que zero.'),
    },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (v) => {
    const municipio = v.codigo_municipio.trim();
    await call(fiscalApi.emitNfse, {
      query: { ref: v.ref.trim() },
      body: {
        data_emissao: new Date().toISOString(),
        prestador: { cnpj: stripDocument(v.prestador_cnpj), inscricao_municipal: v.inscricao_municipal.trim(), codigo_municipio: municipio },
        tomador: {
          [v.tomador_tipo]: stripDocument(v.tomador_documento),
          razao_social: v.razao_social.trim(),
          ...(v.email.trim() ? { email: v.email.trim() } : {}),
        },
        servico: {
          discriminacao: v.discriminacao.trim(),
          valor_servicos: Number(v.valor_servicos),
          item_lista_servico: v.item_lista_servico.trim(),
          aliquota: Number(v.aliquota),
          iss_retido: v.iss_retido,
          codigo_municipio: municipio,
        },
      },
    });
    notifySuccess('NFSe enviada à FocusNFE.');
    navigate(`/fiscal/notas/${encodeURIComponent(v.ref.trim())}`);
  });

  return (
    <>
      <PageHeader title="Emitir NFSe" description="A nota é validada aqui e no serviço antes de ir à FocusNFE; o resultado chega pela linha do tempo." />
      <Paper withBorder p="lg" maw={820}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput label="Referência" description="Única entre todas as notas; não pode ser reutilizada depois de autorizada" withAsterisk {...form.getInputProps('ref')} />
            <Title order={2} size="h5">
              Prestador
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label="CNPJ" withAsterisk {...form.getInputProps('prestador_cnpj')} />
              <TextInput label="Inscrição municipal" withAsterisk {...form.getInputProps('inscricao_municipal')} />
              <TextInput label="Município (código IBGE)" withAsterisk inputMode="numeric" {...form.getInputProps('codigo_municipio')} />
            </SimpleGrid>
            <Title order={2} size="h5">
              Tomador
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect label="Documento" data={[{ value: 'cnpj', label: 'CNPJ' }, { value: 'cpf', label: 'CPF' }]} {...form.getInputProps('tomador_tipo')} />
              <TextInput label={form.values.tomador_tipo === 'cnpj' ? 'CNPJ' : 'CPF'} withAsterisk {...form.getInputProps('tomador_documento')} />
              <TextInput label="Razão social / nome" withAsterisk {...form.getInputProps('razao_social')} />
              <TextInput label="E-mail" type="email" {...form.getInputProps('email')} />
            </SimpleGrid>
            <Title order={2} size="h5">
              Serviço
            </Title>
            <Textarea label="Discriminação" withAsterisk autosize minRows={2} {...form.getInputProps('discriminacao')} />
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <NumberInput label="Valor (R$)" withAsterisk decimalSeparator="," thousandSeparator="." decimalScale={2} min={0} {...form.getInputProps('valor_servicos')} />
              <TextInput label="Item da lista de serviço" withAsterisk placeholder="0107" {...form.getInputProps('item_lista_servico')} />
              <NumberInput label="Alíquota ISS (%)" decimalSeparator="," decimalScale={2} min={0} max={5} {...form.getInputProps('aliquota')} />
              <NativeSelect label="ISS retido" data={[{ value: 'false', label: 'Não' }, { value: 'true', label: 'Sim' }]} {...form.getInputProps('iss_retido')} />
            </SimpleGrid>
            <FormError message={error} />
            <Group justify="flex-end">
              <Button type="submit" loading={submitting}>
                Emitir NFSe
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
