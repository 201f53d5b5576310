import { Badge, Button, Group, Modal, PasswordInput, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { faturasApi, type Cliente, type ClienteInput } from '../../api/faturas';
import { call } from '../../api/http';
import { FormError } from '../../components/FormError';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { required } from '../../validation';
import { cnpjHint, cpfHint, formatCnpj, formatCpf, stripDocument } from './documents';
import { OperadoraSelect } from './shared';

interface Props {
  cliente?: Cliente;
  opened: boolean;
  onClose: () => void;
  onSaved: (cliente: Cliente) => void;
}

export function ClienteFormModal({ cliente, opened, onClose, onSaved }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={cliente ? 'Editar cliente' : 'Novo cliente'} size="lg">
      {opened && <ClienteForm cliente={cliente} onSaved={onSaved} onCancel={onClose} />}
    </Modal>
  );
}

const orNull = (value: string) => value.trim() || null;

function ClienteForm({ cliente, onSaved, onCancel }: { cliente?: Cliente; onSaved: (c: Cliente) => void; onCancel: () => void }) {
  const form = useForm({
    initialValues: {
      razao_social: cliente?.razao_social ?? '',
      nome_sat: cliente?.nome_sat ?? '',
      cnpj: cliente ? formatCnpj(cliente.cnpj) : '',
      operadora_id: cliente?.operadora_id ?? '',
      servico: cliente?.servico ?? '',
      unidade: cliente?.unidade ?? '',
      filtro: cliente?.filtro ?? '',
      dados_sat: cliente?.dados_sat ?? '',
      site_emissao: cliente?.site_emissao ?? '',
      login_portal: cliente?.login_portal ?? '',
      senha_portal: '',
      cpf: cliente?.cpf ? formatCpf(cliente.cpf) : '',
      status_ativo: cliente?.status_ativo ?? true,
    },
    // The check digits are checked as they are typed; the other fields on submit.
    validateInputOnChange: ['cnpj', 'cpf'],
    validate: {
      razao_social: required,
      nome_sat: required,
      cnpj: cnpjHint,
      operadora_id: (value) => (value ? null : 'Escolha a operadora.'),
      servico: required,
      unidade: required,
      cpf: cpfHint,
    },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    const body: ClienteInput = {
      razao_social: values.razao_social.trim(),
      nome_sat: values.nome_sat.trim(),
      cnpj: stripDocument(values.cnpj),
      operadora_id: values.operadora_id,
      servico: values.servico.trim(),
      unidade: values.unidade.trim(),
      filtro: orNull(values.filtro),
      dados_sat: orNull(values.dados_sat),
      site_emissao: orNull(values.site_emissao),
      login_portal: orNull(values.login_portal),
      cpf: values.cpf.trim() ? stripDocument(values.cpf) : null,
      status_ativo: values.status_ativo,
      // Blank keeps the stored password: it is never sent back to the console.
      ...(values.senha_portal ? { senha_portal: values.senha_portal } : {}),
    };
    const saved = cliente ? await call(faturasApi.updateCliente, { params: { id: cliente.id }, body }) : await call(faturasApi.createCliente, { body });
    notifySuccess(cliente ? 'Cliente atualizado.' : 'Cliente criado.');
    onSaved(saved);
  });
  const cnpjValid = stripDocument(form.values.cnpj).length === 14 && !form.errors.cnpj;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Razão social" withAsterisk data-autofocus maxLength={255} {...form.getInputProps('razao_social')} />
          <TextInput label="Nome no SAT" withAsterisk maxLength={255} {...form.getInputProps('nome_sat')} />
          <TextInput
            label="CNPJ"
            withAsterisk
            maxLength={18}
            autoComplete="off"
            description="Numérico ou alfanumérico; os dígitos verificadores são conferidos ao digitar."
            rightSection={cnpjValid ? <Badge color="green" size="xs" aria-label="CNPJ válido">ok</Badge> : null}
            rightSectionWidth={40}
            {...form.getInputProps('cnpj')}
          />
          <OperadoraSelect label="Operadora" allLabel="Escolha…" withAsterisk {...form.getInputProps('operadora_id')} />
          <TextInput label="Serviço" withAsterisk maxLength={255} {...form.getInputProps('servico')} />
          <TextInput label="Unidade / filial" withAsterisk maxLength={100} {...form.getInputProps('unidade')} />
          <TextInput label="Filtro (conta / contrato)" maxLength={255} {...form.getInputProps('filtro')} />
          <TextInput label="Site de emissão" maxLength={500} {...form.getInputProps('site_emissao')} />
          <TextInput label="Login do portal" maxLength={254} autoComplete="off" {...form.getInputProps('login_portal')} />
          <PasswordInput
            label="Senha do portal"
            maxLength={256}
            autoComplete="new-password"
            description={cliente ? `Senha ${cliente.possui_senha ? 'definida' : 'não definida'}. Deixe em branco para manter.` : 'Guardada cifrada; nunca é mostrada.'}
            {...form.getInputProps('senha_portal')}
          />
          <TextInput label="CPF" maxLength={14} inputMode="numeric" autoComplete="off" {...form.getInputProps('cpf')} />
          <Switch label="Cliente ativo" mt="lg" {...form.getInputProps('status_ativo', { type: 'checkbox' })} />
        </SimpleGrid>
        <Textarea label="Dados SAT" autosize minRows={2} maxLength={2000} {...form.getInputProps('dados_sat')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancelar
          </Button>
          <Button type="submit" loading={submitting}>
            Salvar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
