import { SANDBOX_ACCOUNTS, SANDBOX_CREDENTIALS, sandboxInvoicePdf } from '../../sandbox/portal-sandbox.js';
import { competenciaOf, toMesAno } from './processos.rules.js';

type Call = <T>(method: string, url: string, body?: unknown) => Promise<T>;

/**
 * `npm run demo`'s faturas: a cliente per carrier (the sandbox account), this month's processos, one
 * downloaded by its robot, one approved, one sent to SAT by its robot, and a monthly schedule.
 * Returns a line for the demo's banner.
 */
export async function seedFaturasDemo(baseUrl: string, token: string): Promise<string> {
  const call: Call = async (method, url, body) => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${await response.text()}`);
    return response.json() as never;
  };
  const account = SANDBOX_ACCOUNTS[1];
  const operadoras = await call<{ results: { id: string; codigo: string }[] }>('GET', '/api/v1/faturas/operadoras/');
  const clientes: Record<string, string> = {};
  for (const operadora of operadoras.results) {
    const cliente = await call<{ id: string }>('POST', '/api/v1/faturas/clientes/', {
      razao_social: account.nome, nome_sat: `${account.nome} (${operadora.codigo})`, cnpj: account.cnpj, operadora_id: operadora.id,
      filtro: account.filtro, servico: 'TELEFONIA', dados_sat: 'DADOS_SAT_DEMO', unidade: 'MATRIZ',
      login_portal: SANDBOX_CREDENTIALS.login, senha_portal: SANDBOX_CREDENTIALS.senha,
    });
    clientes[operadora.codigo] = cliente.id;
  }
  const now = Date.now();
  const mesAno = toMesAno(competenciaOf(now, 'America/Sao_Paulo'));
  await call('POST', '/api/v1/faturas/processos/criar-mensais', { mes_ano: mesAno });
  const ofMonth = await call<{ results: { id: string; operadora: { codigo: string } }[] }>('GET', `/api/v1/faturas/processos/?mes_ano=${mesAno}`);
  const byCodigo = Object.fromEntries(ofMonth.results.map((p) => [p.operadora.codigo, p.id]));
  // OI: its robot downloads the invoice (AGUARDANDO_APROVACAO in a few seconds).
  await call('POST', `/api/v1/faturas/processos/${byCodigo.OI}/executar-download`);
  // VIVO and EMBRATEL: a PDF uploaded by hand and approved; EMBRATEL's then goes to SAT through its robot.
  for (const codigo of ['VIVO', 'EMBRATEL']) {
    const form = new FormData();
    const pdf = sandboxInvoicePdf(codigo, account.filtro, competenciaOf(now, 'America/Sao_Paulo'));
    form.append('fatura', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), `fatura_${codigo.toLowerCase()}.pdf`);
    const upload = await fetch(`${baseUrl}/api/v1/faturas/processos/${byCodigo[codigo]}/upload-fatura`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    if (!upload.ok) throw new Error(`upload-fatura → ${upload.status}: ${await upload.text()}`);
    const vencimento = new Date(now + 10 * 86_400_000).toISOString().slice(0, 10);
    await call('POST', `/api/v1/faturas/processos/${byCodigo[codigo]}/aprovar`, { data_vencimento: vencimento, valor_fatura: codigo === 'VIVO' ? 389.9 : 1250.4 });
  }
  await call('POST', `/api/v1/faturas/processos/${byCodigo.EMBRATEL}/enviar-sat`);
  await call('POST', '/api/v1/faturas/agendamentos/', {
    nome_agendamento: 'Criar Processos Mensais', descricao: 'Cria os processos do mês para todos os clientes ativos', cron_expressao: '0 6 1 * *',
    tipo_agendamento: 'CRIAR_PROCESSOS_MENSAIS', parametros_execucao: { competencia: 'atual' },
  });
  return `Faturas: ${Object.keys(clientes).length} clientes (conta ${account.filtro} nos portais simulados), processos de ${mesAno} em todos os status e um agendamento mensal.`;
}
