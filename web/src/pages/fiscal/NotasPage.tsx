import { Alert, Anchor, Group, Pagination, SegmentedControl, Select, Table, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router-dom';
import { DOC_LABELS, DOC_TYPES, fiscalApi, STATUS_LABELS, type DocType } from '../../api/fiscal';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useUrlState } from '../../hooks/useUrlState';
import { useApi } from '../../query/useApi';
import { StatusBadge } from './shared';

const PAGE = 50;

/** Local notes of one type; type, status, CNPJ and page live in the URL, so a filtered list can be bookmarked. */
export default function NotasPage() {
  const [values, set] = useUrlState({ tipo: 'nfse', status: '', cnpj: '', page: '1' });
  const tipo = (DOC_TYPES as readonly string[]).includes(values.tipo) ? (values.tipo as DocType) : 'nfse';
  const page = Math.max(1, Number(values.page) || 1);
  const query = { status: values.status || undefined, cnpj_prestador: values.cnpj || undefined, limit: PAGE, offset: (page - 1) * PAGE };
  const notas = useApi(fiscalApi.list[tipo], { query }, { keepPrevious: true, refetchInterval: 15_000 });
  const data = notas.data;
  return (
    <>
      <PageHeader title="Notas" description="Notas deste serviço, do registro local (atualizado por webhook e reconciliação)." />
      <Group mb="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label="Tipo de documento"
          value={tipo}
          onChange={(value) => set({ tipo: value })}
          data={DOC_TYPES.map((t) => ({ value: t, label: DOC_LABELS[t] }))}
        />
        <Select
          label="Status"
          placeholder="Todos"
          clearable
          w={200}
          value={values.status || null}
          onChange={(value) => set({ status: value ?? '' })}
          data={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextInput
          label={tipo === 'nfse' ? 'CNPJ do prestador' : 'CNPJ do emitente'}
          w={220}
          defaultValue={values.cnpj}
          key={values.cnpj}
          onBlur={(event) => set({ cnpj: event.currentTarget.value.trim() })}
          onKeyDown={(event) => event.key === 'Enter' && set({ cnpj: event.currentTarget.value.trim() })}
        />
      </Group>
      {notas.error && (
        <Alert color="red" title="Não foi possível carregar as notas" role="alert" mb="md">
          {notas.error.message}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={700}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Referência</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Número</Table.Th>
              <Table.Th>Chave</Table.Th>
              <Table.Th>Emitida em</Table.Th>
              <Table.Th>Atualizada em</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.items ?? []).map((nota) => (
              <Table.Tr key={nota.ref}>
                <Table.Td>
                  <Anchor component={Link} to={`/fiscal/notas/${encodeURIComponent(nota.ref)}`}>
                    {nota.ref}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={nota.status} />
                </Table.Td>
                <Table.Td>{nota.numero ?? '—'}</Table.Td>
                <Table.Td style={{ fontFamily: 'monospace', fontSize: 12 }}>{nota.chave ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(nota.created_at)}</Table.Td>
                <Table.Td>{formatDateTime(nota.updated_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {data && data.total === 0 && (
        <Text c="dimmed" ta="center" my="lg">
          Nenhuma {DOC_LABELS[tipo]} com estes filtros.
        </Text>
      )}
      {data && data.total > PAGE && (
        <Group justify="center" mt="md">
          <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={(value) => set({ page: String(value) })} />
        </Group>
      )}
    </>
  );
}
