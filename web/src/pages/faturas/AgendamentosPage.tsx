import { Badge, Button, Code, Group, Modal, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { faturasApi, type Agendamento } from '../../api/faturas';
import { call } from '../../api/http';
import { useUser } from '../../auth/useSession';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeader } from '../../components/PageHeader';
import { DataTable, useTableUrl, type DataColumn } from '../../components/table';
import { formatDateTime } from '../../format';
import { runAction } from '../../notify';
import { invalidate, useApi } from '../../query/useApi';
import { AgendamentoForm } from './AgendamentoForm';
import { previewCron } from './cron';
import { can, TIPO_AGENDAMENTO_LABEL } from './labels';
import { withHeaders } from './shared';

type Open = { kind: 'edit'; agendamento?: Agendamento } | { kind: 'runs'; agendamento: Agendamento } | null;

const refresh = () => invalidate(faturasApi.listAgendamentos, faturasApi.agendamentoRuns);

function columns(admin: boolean, open: (next: Open) => void): DataColumn<Agendamento>[] {
  return withHeaders([
    {
      id: 'nome_agendamento',
      accessorKey: 'nome_agendamento',
      meta: { label: 'Nome', primary: true, csv: (a) => a.nome_agendamento },
      cell: ({ row: { original: a } }) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {a.nome_agendamento}
          </Text>
          {a.descricao && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {a.descricao}
            </Text>
          )}
        </Stack>
      ),
    },
    { id: 'tipo', accessorKey: 'tipo_agendamento', meta: { label: 'Tipo', csv: (a) => TIPO_AGENDAMENTO_LABEL[a.tipo_agendamento] }, cell: ({ row }) => TIPO_AGENDAMENTO_LABEL[row.original.tipo_agendamento] ?? row.original.tipo_agendamento },
    {
      id: 'cron',
      enableSorting: false,
      meta: { label: 'Quando', csv: (a) => a.cron_expressao },
      cell: ({ row }) => (
        <Stack gap={0}>
          <Text size="sm">{previewCron(row.original.cron_expressao).words ?? '—'}</Text>
          <Code>{row.original.cron_expressao}</Code>
        </Stack>
      ),
    },
    {
      id: 'status_ativo',
      accessorKey: 'status_ativo',
      meta: { label: 'Situação', csv: (a) => (a.status_ativo ? 'Ativo' : 'Inativo') },
      cell: ({ row }) => <Badge color={row.original.status_ativo ? 'green' : 'gray'}>{row.original.status_ativo ? 'Ativo' : 'Inativo'}</Badge>,
    },
    { id: 'ultima_execucao', accessorKey: 'ultima_execucao', meta: { label: 'Última execução', csv: (a) => formatDateTime(a.ultima_execucao) }, cell: ({ row }) => row.original.ultima_execucao ? formatDateTime(row.original.ultima_execucao) : 'Nunca' },
    { id: 'proxima_execucao', accessorKey: 'proxima_execucao', meta: { label: 'Próxima', csv: (a) => formatDateTime(a.proxima_execucao) }, cell: ({ row }) => (row.original.status_ativo ? formatDateTime(row.original.proxima_execucao) : '—') },
    {
      id: 'acoes',
      enableSorting: false,
      meta: { label: 'Ações', actions: true },
      cell: ({ row: { original: a } }) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => open({ kind: 'runs', agendamento: a })} aria-label={`Últimas execuções de ${a.nome_agendamento}`}>
            Últimas execuções
          </Button>
          {admin && (
            <>
              <ConfirmButton
                size="xs"
                color="blue"
                variant="light"
                aria-label={`Executar agora ${a.nome_agendamento}`}
                title="Executar agora"
                message={`Executar "${a.nome_agendamento}" agora, fora do horário?`}
                confirmLabel="Executar agora"
                onConfirm={() => runAction(() => call(faturasApi.executarAgora, { params: { id: a.id } }), 'Execução iniciada.').then((ok) => (ok && void refresh(), ok))}
              >
                Executar agora
              </ConfirmButton>
              <Button size="xs" variant="default" onClick={() => open({ kind: 'edit', agendamento: a })} aria-label={`Editar ${a.nome_agendamento}`}>
                Editar
              </Button>
              <ConfirmButton
                size="xs"
                variant="light"
                color="red"
                aria-label={`Excluir ${a.nome_agendamento}`}
                title="Excluir agendamento"
                message={`Excluir "${a.nome_agendamento}"? Ele deixa de executar.`}
                confirmLabel="Excluir"
                onConfirm={() => runAction(() => call(faturasApi.deleteAgendamento, { params: { id: a.id } }), 'Agendamento excluído.').then((ok) => (ok && void refresh(), ok))}
              >
                Excluir
              </ConfirmButton>
            </>
          )}
        </Group>
      ),
    },
  ]);
}

export default function AgendamentosPage() {
  const user = useUser();
  const admin = can.manage(user.perfil);
  const url = useTableUrl({}, 'nome_agendamento');
  const agendamentos = useApi(faturasApi.listAgendamentos, {});
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <>
      <PageHeader
        title="Agendamentos"
        description="O que o sistema faz sozinho: criar os processos do mês, baixar faturas, relatórios, limpeza e backup."
        actions={admin && <Button onClick={() => setOpen({ kind: 'edit' })}>Novo agendamento</Button>}
      />
      <DataTable
        id="faturas-agendamentos"
        caption="Agendamentos"
        columns={columns(admin, setOpen)}
        data={agendamentos.data}
        rowId={(a) => a.id}
        loading={agendamentos.isFetching}
        error={agendamentos.error}
        onRetry={() => void agendamentos.refetch()}
        sorting={url.sorting}
        onSortingChange={url.setSort}
        page={url.page}
        onPageChange={url.setPage}
        pageSize={50}
        empty={{
          title: 'Nenhum agendamento',
          description: admin ? 'Agende a criação dos processos no dia 1º e os downloads nos dias seguintes.' : 'Um administrador cria os agendamentos.',
          action: admin ? <Button onClick={() => setOpen({ kind: 'edit' })}>Novo agendamento</Button> : undefined,
        }}
      />
      <Modal opened={open?.kind === 'edit'} onClose={close} title={open?.kind === 'edit' && open.agendamento ? 'Editar agendamento' : 'Novo agendamento'} size="lg">
        {open?.kind === 'edit' && <AgendamentoForm agendamento={open.agendamento} onDone={close} />}
      </Modal>
      <Modal opened={open?.kind === 'runs'} onClose={close} title={open?.kind === 'runs' ? `Últimas execuções · ${open.agendamento.nome_agendamento}` : ''} size="lg">
        {open?.kind === 'runs' && <Runs agendamento={open.agendamento} />}
      </Modal>
    </>
  );
}

const RUN_STATUS: Record<string, { label: string; color: string }> = {
  EXECUTANDO: { label: 'Executando', color: 'blue' },
  SUCESSO: { label: 'Sucesso', color: 'green' },
  FALHOU: { label: 'Falhou', color: 'red' },
};

function Runs({ agendamento }: { agendamento: Agendamento }) {
  const runs = useApi(faturasApi.agendamentoRuns, { params: { id: agendamento.id } });
  if (runs.error) return <Text c="red" role="alert">{runs.error.message}</Text>;
  if (!runs.data) return <Skeleton h={120} />;
  if (runs.data.length === 0) return <Text c="dimmed">Ainda não executou.</Text>;
  return (
    <Table.ScrollContainer minWidth={0} type="native">
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Início</Table.Th>
            <Table.Th>Situação</Table.Th>
            <Table.Th>Resultado</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.data.slice(0, 20).map((run) => (
            <Table.Tr key={run.id}>
              <Table.Td>{formatDateTime(run.inicio)}</Table.Td>
              <Table.Td>
                <Badge color={RUN_STATUS[run.status]?.color ?? 'gray'}>{RUN_STATUS[run.status]?.label ?? run.status}</Badge>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{run.erro ?? (run.resultado ? JSON.stringify(run.resultado) : '—')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
