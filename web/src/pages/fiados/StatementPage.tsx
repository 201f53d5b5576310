import { Anchor, Badge, Button, Paper, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { fiadosApi, type Statement, type StatementEntry } from '../../api/fiados';
import { downloadFile } from '../../csv';
import { PageHeader } from '../../components/PageHeader';
import { idParam, QueryView, RecordNotFound } from '../../components/QueryView';
import { DataTable, type DataColumn } from '../../components/table';
import { formatDateTime, formatMoney } from '../../format';
import { buildPdf, columns as pdfColumns, type PdfLine } from '../../pdf';
import { useApi } from '../../query/useApi';

const PAGE_SIZE = 50;
const kind = (entry: StatementEntry) => (entry.type === 'purchase' ? 'Compra' : 'Pagamento');
const signed = (entry: StatementEntry) => `${entry.type === 'payment' ? '− ' : ''}${formatMoney(Math.abs(entry.amount))}`;

const COLUMNS: DataColumn<StatementEntry>[] = [
  { id: 'date', accessorKey: 'date', meta: { label: 'Data', primary: true, csv: (e) => formatDateTime(e.date) }, cell: ({ row }) => formatDateTime(row.original.date) },
  {
    id: 'type',
   
    meta: { label: 'Lançamento', csv: kind },
    cell: ({ row }) => <Badge color={row.original.type === 'purchase' ? 'orange' : 'green'}>{kind(row.original)}</Badge>,
  },
  { id: 'description', accessorKey: 'description', meta: { label: 'Descrição', csv: (e) => e.description } },
  {
    id: 'amount',
   
    meta: { label: 'Valor', numeric: true, csv: (e) => (e.type === 'payment' ? -e.amount : e.amount) },
    cell: ({ row }) => (
      <Text size="sm" c={row.original.type === 'payment' ? 'var(--mantine-color-green-light-color)' : undefined} span>
        {signed(row.original)}
      </Text>
    ),
  },
  { id: 'balance', meta: { label: 'Saldo', numeric: true, csv: (e) => e.balance }, cell: ({ row }) => formatMoney(row.original.balance) },
];

/** The statement as a PDF the shop can hand to the customer. */
function statementPdf(data: Statement): Blob {
  const widths = [16, 9, 34, 14, 14];
  const lines: PdfLine[] = [
    { text: `Extrato de ${data.client.name}`, style: 'title' },
    { text: `Emitido em ${new Date().toLocaleString('pt-BR')} · Total devido: ${formatMoney(data.total_owed)}`, style: 'heading' },
    { text: '' },
    { text: pdfColumns(['Data', 'Tipo', 'Descrição', 'Valor', 'Saldo'].map((text, i) => ({ text, width: widths[i]!, right: i >= 3 }))) },
    { text: '-'.repeat(widths.reduce((a, b) => a + b + 1, 0)) },
    ...data.entries.map((entry) => ({
      text: pdfColumns([
        { text: formatDateTime(entry.date), width: widths[0]! },
        { text: kind(entry), width: widths[1]! },
        { text: entry.description, width: widths[2]! },
        { text: signed(entry), width: widths[3]!, right: true },
        { text: formatMoney(entry.balance), width: widths[4]!, right: true },
      ]),
    })),
  ];
  return buildPdf(lines);
}

export default function StatementPage() {
  const clientId = idParam(useParams().clientId);
  const statement = useApi(fiadosApi.statement, { params: { client_id: clientId } }, { enabled: !Number.isNaN(clientId) });
  const [page, setPage] = useState(1);
  const columns = useMemo(() => COLUMNS, []);
  if (Number.isNaN(clientId)) return <RecordNotFound title="Cliente não encontrado" />;
  return (
    <QueryView query={statement} notFound="Cliente não encontrado">
      {(data) => (
        <>
          <PageHeader
            title={`Extrato de ${data.client.name}`}
            documentTitle={`Extrato · ${data.client.name}`}
            description={
              <Anchor component={Link} to={`/fiados/clientes/${clientId}`} className="no-print">
                Voltar ao cliente
              </Anchor>
            }
            actions={
              <>
                <Button variant="default" onClick={() => window.print()}>
                  Imprimir
                </Button>
                <Button onClick={() => downloadFile(`extrato-${data.client.name.replace(/\W+/g, '-')}.pdf`, statementPdf(data))}>Baixar PDF</Button>
              </>
            }
          />
          <Paper withBorder p="md" mb="lg" maw={320} aria-label="Total devido">
            <Text size="sm" c="dimmed">
              Total devido
            </Text>
            <Text fz="xl" fw={700}>
              {formatMoney(data.total_owed)}
            </Text>
          </Paper>
          <DataTable
            id={`extrato-${clientId}`}
            caption={`Extrato de ${data.client.name}`}
            columns={columns}
            data={data.entries}
            rowId={(entry) => `${entry.type}-${entry.payment_id ?? entry.purchase_id}`}
            page={page}
            onPageChange={setPage}
            pageSize={PAGE_SIZE}
            empty={{
              title: 'Nenhum lançamento.',
              description: 'Compras e pagamentos desativados não entram no extrato.',
              action: (
                <Button component={Link} to={`/fiados/clientes/${clientId}`} variant="default">
                  Voltar ao cliente
                </Button>
              ),
            }}
          />
        </>
      )}
    </QueryView>
  );
}
