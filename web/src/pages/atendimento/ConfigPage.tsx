import { Button, FileButton, Group, NativeSelect, NumberInput, Paper, PasswordInput, SimpleGrid, Stack, Switch, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { atendimentoApi, uploadAppearance, type Section, type SectionKey } from '../../api/atendimento';
import { call } from '../../api/http';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess, runAction } from '../../notify';
import { invalidate, useApi } from '../../query/useApi';
import { cnpjHint } from '../faturas/documents';

type Kind = 'text' | 'long' | 'number' | 'bool' | 'secret' | 'regime';
interface Field {
  name: string;
  label: string;
  kind?: Kind;
  validate?: (value: string) => string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const emailHint = (value: string) => (value && !EMAIL.test(value) ? 'Informe um endereço de e-mail válido.' : null);

const SECTIONS: { key: SectionKey; label: string; fields: Field[] }[] = [
  {
    key: 'company_data',
    label: 'Empresa',
    fields: [
      { name: 'razao_social', label: 'Razão social' }, { name: 'nome_fantasia', label: 'Nome fantasia' },
      { name: 'cnpj', label: 'CNPJ', validate: cnpjHint }, { name: 'inscricao_estadual', label: 'Inscrição estadual' },
      { name: 'inscricao_municipal', label: 'Inscrição municipal' }, { name: 'regime_tributario', label: 'Regime tributário', kind: 'regime' },
      { name: 'cnae_principal', label: 'CNAE principal' }, { name: 'telefone', label: 'Telefone' },
      { name: 'email', label: 'E-mail', validate: emailHint }, { name: 'site', label: 'Site' },
      { name: 'endereco.cep', label: 'CEP (8 dígitos)', validate: (v) => (/^\d{8}$/.test(v) ? null : 'O CEP tem 8 dígitos.') },
      { name: 'endereco.logradouro', label: 'Logradouro' }, { name: 'endereco.numero', label: 'Número' },
      { name: 'endereco.complemento', label: 'Complemento' }, { name: 'endereco.bairro', label: 'Bairro' },
      { name: 'endereco.cidade', label: 'Cidade' }, { name: 'endereco.uf', label: 'UF' },
    ],
  },
  {
    key: 'chat_settings',
    label: 'Chat',
    fields: [
      { name: 'mensagem_saudacao', label: 'Mensagem de saudação', kind: 'long' },
      { name: 'mensagem_fora_expediente', label: 'Fora do expediente', kind: 'long' },
      { name: 'mensagem_encerramento', label: 'Encerramento', kind: 'long' },
      { name: 'mensagem_inatividade', label: 'Inatividade', kind: 'long' },
      { name: 'timeout_inatividade_minutos', label: 'Encerrar após (minutos sem interação)', kind: 'number' },
      { name: 'limite_chats_simultaneos', label: 'Chats simultâneos por atendente', kind: 'number' },
    ],
  },
  {
    key: 'email_settings',
    label: 'E-mail',
    fields: [
      { name: 'smtp_host', label: 'Servidor SMTP' }, { name: 'smtp_port', label: 'Porta', kind: 'number' },
      { name: 'smtp_usuario', label: 'Usuário' }, { name: 'smtp_senha', label: 'Senha', kind: 'secret' },
      { name: 'smtp_ssl', label: 'Usar TLS', kind: 'bool' }, { name: 'email_from', label: 'Remetente', validate: emailHint },
    ],
  },
  {
    key: 'appearance_settings',
    label: 'Aparência',
    fields: [
      { name: 'primary_color', label: 'Cor primária (#rrggbb)' }, { name: 'secondary_color', label: 'Cor secundária (#rrggbb)' },
      { name: 'custom_css', label: 'CSS personalizado', kind: 'long' },
    ],
  },
  {
    key: 'whatsapp_settings',
    label: 'WhatsApp',
    fields: [
      { name: 'enabled', label: 'Atendimento por WhatsApp ativo', kind: 'bool' }, { name: 'device_name', label: 'Nome do dispositivo' },
      { name: 'phone_number_id', label: 'Phone number ID (Cloud API)' }, { name: 'business_account_id', label: 'WhatsApp Business Account ID' },
      { name: 'api_version', label: 'Versão da Graph API (ex.: v23.0)' }, { name: 'access_token', label: 'Access token', kind: 'secret' },
      { name: 'app_secret', label: 'App secret (assinatura dos webhooks)', kind: 'secret' },
      { name: 'verify_token', label: 'Verify token (verificação do webhook)', kind: 'secret' },
      { name: 'proxy_url', label: 'Proxy', kind: 'secret' },
    ],
  },
];

/** One section as a form; secrets show "***" and are kept unless retyped. */
function SectionForm({ sectionKey, fields, initial }: { sectionKey: SectionKey; fields: Field[]; initial: Section }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: initial,
    // A function, not a rules object: field names may be paths (`endereco.cep`).
    validate: (values) =>
      Object.fromEntries(fields.flatMap((f) => {
        const value = f.name.split('.').reduce<unknown>((at, key) => (at as Section | undefined)?.[key], values);
        const message = f.validate?.(String(value ?? ''));
        return message ? [[f.name, message]] : [];
      })),
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    await call(atendimentoApi.saveConfig, { body: { [sectionKey]: values } });
    await invalidate(atendimentoApi.config);
    notifySuccess('Configuração salva.');
  });
  const input = (field: Field) => {
    const props = { key: field.name, label: field.label, ...form.getInputProps(field.name, field.kind === 'bool' ? { type: 'checkbox' } : undefined) };
    switch (field.kind) {
      case 'long': return <Textarea {...props} autosize minRows={2} />;
      case 'number': return <NumberInput {...props} min={0} />;
      case 'bool': return <Switch {...props} mt="md" />;
      case 'secret': return <PasswordInput {...props} description='"***" mantém o valor guardado' />;
      case 'regime': return <NativeSelect {...props} data={[{ value: '1', label: 'Simples Nacional' }, { value: '2', label: 'Simples (excesso de sublimite)' }, { value: '3', label: 'Regime normal' }]} />;
      default: return <TextInput {...props} />;
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>{fields.map(input)}</SimpleGrid>
        <FormError message={error} />
        <Group>
          <Button type="submit" loading={submitting}>Salvar</Button>
        </Group>
      </Stack>
    </form>
  );
}

function EmailTest() {
  const [to, setTo] = useState('');
  return (
    <Group align="end" mt="md">
      <TextInput label="Enviar e-mail de teste para" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={320} />
      <Button variant="light" disabled={!EMAIL.test(to)} onClick={() => void runAction(() => call(atendimentoApi.emailTest, { body: { to } }), `E-mail de teste enviado para ${to}.`)}>
        Enviar teste
      </Button>
    </Group>
  );
}

function LogoUpload({ current }: { current: string }) {
  const upload = (file: File | null) =>
    file && void runAction(async () => {
      await uploadAppearance('logo', file);
      await invalidate(atendimentoApi.config);
    }, 'Logo enviado.');
  return (
    <Group mt="md">
      {current ? <img src={current} alt="Logo atual" style={{ maxHeight: 48 }} /> : <Text size="sm" c="dimmed">Sem logo.</Text>}
      <FileButton onChange={upload} accept="image/png,image/jpeg,image/gif,image/webp">
        {(props) => <Button variant="light" {...props}>Enviar logo (até 2 MB)</Button>}
      </FileButton>
      {current && (
        <Button variant="subtle" color="red" onClick={() => void runAction(async () => {
          await call(atendimentoApi.removeUpload, { query: { kind: 'logo' } });
          await invalidate(atendimentoApi.config);
        }, 'Logo removido.')}>
          Remover
        </Button>
      )}
    </Group>
  );
}

/** Seed 002's configuration sections as forms; each section saves on its own (and needs its permission). */
export default function ConfigPage() {
  const query = useApi(atendimentoApi.config, {});
  return (
    <Stack>
      <PageHeader title="Configuração do atendimento" />
      <QueryView query={query}>
        {(config) => (
          <Tabs defaultValue="company_data" keepMounted={false}>
            <Tabs.List>
              {SECTIONS.map((s) => <Tabs.Tab key={s.key} value={s.key}>{s.label}</Tabs.Tab>)}
            </Tabs.List>
            {SECTIONS.map((s) => (
              <Tabs.Panel key={s.key} value={s.key} pt="md">
                <Paper withBorder p="md">
                  <SectionForm key={config.updated_at} sectionKey={s.key} fields={s.fields} initial={config[s.key]} />
                  {s.key === 'email_settings' && <EmailTest />}
                  {s.key === 'appearance_settings' && <LogoUpload current={String(config.appearance_settings.login_logo_url ?? '')} />}
                </Paper>
              </Tabs.Panel>
            ))}
          </Tabs>
        )}
      </QueryView>
    </Stack>
  );
}
