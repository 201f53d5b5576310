import { Anchor, Badge, Button, Group, Modal, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { faturasApi, type Operadora, type OperadoraInput } from '../../api/faturas';
import { call } from '../../api/http';
import { useUser } from '../../auth/useSession';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { DataTable, useTableUrl, type DataColumn } from '../../components/table';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess, runAction } from '../../notify';
import { invalidate } from '../../query/useApi';
import { required } from '../../validation';
import { can } from './labels';
import { useOperadoras, withHeaders } from './shared';

function columns(admin: boolean, edit: (o: Operadora) => void): DataColumn<Operadora>[] {
  return withHeaders([
    { id: 'codigo', accessorKey: 'codigo', meta: { label: 'Código', primary: true, csv: (o) => o.codigo }, cell: ({ row }) => <Badge variant="outline">{row.original.codigo}</Badge> },
    { id: 'nome', accessorKey: 'nome', meta: { label: 'Nome', csv: (o) => o.nome } },
    {
      id: 'possui_rpa',
      accessorKey: 'possui_rpa',
      meta: { label: 'Robô (RPA)', csv: (o) => (o.possui_rpa ? 'Sim' : 'Não') },
      cell: ({ row }) => <Badge color={row.original.possui_rpa ? 'blue' : 'gray'}>{row.original.possui_rpa ? 'Com robô' : 'Upload manual'}</Badge>,
    },
    {
      id: 'status_ativo',
      accessorKey: 'status_ativo',
      meta: { label: 'Situação', csv: (o) => (o.status_ativo ? 'Ativa' : 'Inativa') },
      cell: ({ row }) => <Badge color={row.original.status_ativo ? 'green' : 'gray'}>{row.original.status_ativo ? 'Ativa' : 'Inativa'}</Badge>,
    },
    {
      id: 'url_portal',
      enableSorting: false,
      meta: { label: 'Portal', csv: (o) => o.url_portal },
      cell: ({ row }) =>
        row.original.url_portal ? (
          <Anchor href={row.original.url_portal} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
            {row.original.url_portal}
          </Anchor>
        ) : (
          '—'
        ),
    },
    {
      id: 'acoes',
      enableSorting: false,
      meta: { label: 'Ações', actions: true },
      cell: ({ row: { original: o } }) =>
        admin ? (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" onClick={() => edit(o)} aria-label={`Editar ${o.nome}`}>
              Editar
            </Button>
            <ConfirmButton
              size="xs"
              variant="light"
              color="red"
              aria-label={`Excluir ${o.nome}`}
              title="Excluir operadora"
              message={`Excluir ${o.nome}? Só é possível quando nenhum cliente usa esta operadora; senão, desative-a em Editar.`}
              confirmLabel="Excluir"
              onConfirm={() =>
                runAction(() => call(faturasApi.deleteOperadora, { params: { id: o.id } }), 'Operadora excluída.').then(async (done) => {
                  if (done) await invalidate(faturasApi.listOperadoras);
                  return done;
                })
              }
            >
              Excluir
            </ConfirmButton>
          </Group>
        ) : null,
    },
  ]);
}

export default function OperadorasPage() {
  const user = useUser();
  const admin = can.manage(user.perfil);
  const url = useTableUrl({}, 'nome');
  const operadoras = useOperadoras();
  const [editing, setEditing] = useState<Operadora | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Operadoras"
        description="As operadoras de telecom e se há robô para baixar as faturas do portal."
        actions={admin && <Button onClick={() => setEditing('new')}>Nova operadora</Button>}
      />
      <DataTable
        id="faturas-operadoras"
        caption="Operadoras"
        columns={columns(admin, setEditing)}
        data={operadoras.data?.results}
        rowId={(o) => o.id}
        loading={operadoras.isFetching}
        error={operadoras.error}
        onRetry={() => void operadoras.refetch()}
        sorting={url.sorting}
        onSortingChange={url.setSort}
        page={url.page}
        onPageChange={url.setPage}
        pageSize={50}
        empty={{
          title: 'Nenhuma operadora cadastrada',
          description: admin ? 'Cadastre a primeira operadora.' : 'Peça a um administrador para cadastrar as operadoras.',
          action: admin ? <Button onClick={() => setEditing('new')}>Nova operadora</Button> : undefined,
        }}
      />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Nova operadora' : 'Editar operadora'}>
        {editing !== null && <OperadoraForm operadora={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </>
  );
}

const orNull = (value: string) => value.trim() || null;

function OperadoraForm({ operadora, onDone }: { operadora?: Operadora; onDone: () => void }) {
  const form = useForm({
    initialValues: {
      nome: operadora?.nome ?? '',
      codigo: operadora?.codigo ?? '',
      url_portal: operadora?.url_portal ?? '',
      instrucoes_acesso: operadora?.instrucoes_acesso ?? '',
      possui_rpa: operadora?.possui_rpa ?? false,
      status_ativo: operadora?.status_ativo ?? true,
    },
    validate: {
      nome: required,
      codigo: (value) => required(value) ?? (/^[A-Za-z0-9_-]+$/.test(value.trim()) ? null : 'Use letras, números, "-" ou "_".'),
      url_portal: (value) => (!value.trim() || /^https?:\/\/\S+$/.test(value.trim()) ? null : 'Informe um endereço http(s)://'),
    },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    const body: OperadoraInput = {
      nome: values.nome.trim(),
      codigo: values.codigo.trim().toUpperCase(),
      url_portal: orNull(values.url_portal),
      instrucoes_acesso: orNull(values.instrucoes_acesso),
      possui_rpa: values.possui_rpa,
      status_ativo: values.status_ativo,
    };
    if (operadora) await call(faturasApi.updateOperadora, { params: { id: operadora.id }, body });
    else await call(faturasApi.createOperadora, { body });
    notifySuccess(operadora ? 'Operadora atualizada.' : 'Operadora criada.');
    await invalidate(faturasApi.listOperadoras);
    onDone();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label="Nome" withAsterisk maxLength={100} data-autofocus {...form.getInputProps('nome')} />
        <TextInput
          label="Código"
          withAsterisk
          maxLength={20}
          description="Em maiúsculas; nomeia o robô da operadora (OI, VIVO…)."
          {...form.getInputProps('codigo')}
          onChange={(event) => form.setFieldValue('codigo', event.currentTarget.value.toUpperCase())}
        />
        <TextInput label="Portal" type="url" maxLength={500} placeholder="https://" {...form.getInputProps('url_portal')} />
        <Textarea label="Instruções de acesso" autosize minRows={2} maxLength={4000} {...form.getInputProps('instrucoes_acesso')} />
        <Switch label="Possui robô homologado (RPA)" {...form.getInputProps('possui_rpa', { type: 'checkbox' })} />
        <Switch label="Ativa" {...form.getInputProps('status_ativo', { type: 'checkbox' })} />
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
