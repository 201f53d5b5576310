import { Alert, Button, Chip, Group, List, NativeSelect, NumberInput, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { faturasApi, TIPO_AGENDAMENTO, type Agendamento, type AgendamentoInput, type TipoAgendamento } from '../../api/faturas';
import { call } from '../../api/http';
import { FormError } from '../../components/FormError';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { invalidate } from '../../query/useApi';
import { required } from '../../validation';
import { CRON_PRESETS, previewCron } from './cron';
import { TIPO_AGENDAMENTO_LABEL } from './labels';
import { OperadoraSelect } from './shared';

const when = new Intl.DateTimeFormat('pt-BR', { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

const str = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);
const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

/** The parameters each tipo takes (issue 11 §6); the others are not sent. */
function parametros(tipo: TipoAgendamento, v: { operadora_id: string; competencia: string; limite: number | string; dias: number | string; manter: number | string }) {
  const operadora = v.operadora_id ? { operadora_id: v.operadora_id } : {};
  switch (tipo) {
    case 'CRIAR_PROCESSOS_MENSAIS':
      return { ...operadora, competencia: v.competencia };
    case 'EXECUTAR_DOWNLOADS':
      return { ...operadora, limite_execucoes_simultaneas: Number(v.limite) || 1 };
    case 'ENVIAR_RELATORIOS':
      return { ...operadora, competencia: v.competencia };
    case 'LIMPEZA_LOGS':
      return { dias: Number(v.dias) || 30 };
    case 'BACKUP_DADOS':
      return { manter_ultimos_backups: Number(v.manter) || 7 };
    default:
      return {};
  }
}

export function AgendamentoForm({ agendamento, onDone }: { agendamento?: Agendamento; onDone: () => void }) {
  const p = agendamento?.parametros_execucao ?? {};
  const form = useForm({
    initialValues: {
      nome_agendamento: agendamento?.nome_agendamento ?? '',
      descricao: agendamento?.descricao ?? '',
      tipo_agendamento: agendamento?.tipo_agendamento ?? ('CRIAR_PROCESSOS_MENSAIS' as TipoAgendamento),
      cron_expressao: agendamento?.cron_expressao ?? '0 6 1 * *',
      status_ativo: agendamento?.status_ativo ?? true,
      operadora_id: str(p.operadora_id),
      competencia: str(p.competencia, 'atual'),
      limite: num(p.limite_execucoes_simultaneas, 5) as number | string,
      dias: num(p.dias, 30) as number | string,
      manter: num(p.manter_ultimos_backups, 7) as number | string,
    },
    validateInputOnChange: ['cron_expressao'],
    validate: {
      nome_agendamento: (value) => required(value) ?? (value.trim().length < 3 ? 'Use pelo menos 3 caracteres.' : null),
      cron_expressao: (value) => previewCron(value).error,
    },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (v) => {
    const body: AgendamentoInput = {
      nome_agendamento: v.nome_agendamento.trim(),
      descricao: v.descricao.trim() || null,
      tipo_agendamento: v.tipo_agendamento,
      cron_expressao: v.cron_expressao.trim().replace(/\s+/g, ' '),
      status_ativo: v.status_ativo,
      parametros_execucao: parametros(v.tipo_agendamento, v),
    };
    if (agendamento) await call(faturasApi.updateAgendamento, { params: { id: agendamento.id }, body });
    else await call(faturasApi.createAgendamento, { body });
    notifySuccess(agendamento ? 'Agendamento atualizado.' : 'Agendamento criado.');
    await invalidate(faturasApi.listAgendamentos);
    onDone();
  });
  const preview = previewCron(form.values.cron_expressao);
  const tipo = form.values.tipo_agendamento;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label="Nome" withAsterisk maxLength={255} data-autofocus {...form.getInputProps('nome_agendamento')} />
        <Textarea label="Descrição" autosize minRows={1} maxLength={1000} {...form.getInputProps('descricao')} />
        <NativeSelect label="O que fazer" data={TIPO_AGENDAMENTO.map((t) => ({ value: t, label: TIPO_AGENDAMENTO_LABEL[t] }))} {...form.getInputProps('tipo_agendamento')} />
        {(tipo === 'CRIAR_PROCESSOS_MENSAIS' || tipo === 'EXECUTAR_DOWNLOADS' || tipo === 'ENVIAR_RELATORIOS') && (
          <OperadoraSelect label="Operadora" allLabel="Todas as operadoras" {...form.getInputProps('operadora_id')} />
        )}
        {(tipo === 'CRIAR_PROCESSOS_MENSAIS' || tipo === 'ENVIAR_RELATORIOS') && (
          <NativeSelect
            label="Competência"
            data={[
              { value: 'atual', label: 'Mês atual' },
              { value: 'anterior', label: 'Mês anterior' },
            ]}
            {...form.getInputProps('competencia')}
          />
        )}
        {tipo === 'EXECUTAR_DOWNLOADS' && <NumberInput label="Downloads ao mesmo tempo" min={1} max={100} {...form.getInputProps('limite')} />}
        {tipo === 'LIMPEZA_LOGS' && <NumberInput label="Apagar logs com mais de (dias)" min={1} max={3650} {...form.getInputProps('dias')} />}
        {tipo === 'BACKUP_DADOS' && <NumberInput label="Backups guardados" min={1} max={365} {...form.getInputProps('manter')} />}
        <TextInput
          label="Quando (cron)"
          description="minuto hora dia mês dia-da-semana"
          withAsterisk
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          maxLength={100}
          autoComplete="off"
          {...form.getInputProps('cron_expressao')}
        />
        <Chip.Group>
          <Group gap={6}>
            {CRON_PRESETS.map((preset) => (
              <Chip key={preset.value} size="xs" checked={form.values.cron_expressao === preset.value} onChange={() => form.setFieldValue('cron_expressao', preset.value)}>
                {preset.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {preview.words && (
          <Alert color="blue" variant="light" title={preview.words} aria-live="polite">
            <Text size="sm">Próximas execuções (no seu fuso horário):</Text>
            <List size="sm">
              {preview.next.map((date) => (
                <List.Item key={date.getTime()}>{when.format(date)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Switch label="Ativo" {...form.getInputProps('status_ativo', { type: 'checkbox' })} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
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
