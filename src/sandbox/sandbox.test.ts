import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OPERADORAS } from '../modules/rpa/robots/portal-config.js';
import { startAllSandboxes } from './demo-portals.js';
import { parseMultipart } from './http-kit.js';
import { sandboxInvoicePdf } from './invoice-pdf.js';
import { SANDBOX_CREDENTIALS, startPortalSandbox } from './portal-sandbox.js';
import { startSatSandbox } from './sat-sandbox.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

describe('sandboxInvoicePdf', () => {
  test('is a well-formed PDF whose xref points at its objects, and is deterministic', () => {
    const pdf = sandboxInvoicePdf('VIVO', '12345678', '202403');
    const text = pdf.toString('latin1');
    assert.ok(text.startsWith('%PDF-1.4\n') && text.endsWith('%%EOF\n'));
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    assert.equal(text.slice(startxref, startxref + 4), 'xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    assert.equal(offsets.length, 5);
    offsets.forEach((offset, i) => assert.equal(text.slice(offset, offset + `${i + 1} 0 obj`.length), `${i + 1} 0 obj`));
    assert.match(text, /Fatura VIVO/);
    assert.match(text, /Filtro: 12345678/);
    assert.match(text, /Competencia: 03\/2024/);
    assert.deepEqual(pdf, sandboxInvoicePdf('VIVO', '12345678', '202403'));
    assert.notDeepEqual(pdf, sandboxInvoicePdf('VIVO', '12345678', '202404'));
  });
});

describe('portal sandbox over HTTP', () => {
  test('wrong password answers the "senha inválida" page; pages need the session cookie', async () => {
    const portal = await startPortalSandbox({ operadora: 'OI', competencias: ['202401'] });
    try {
      const wrong = await fetch(`${portal.url}/login`, form({ usuario: SANDBOX_CREDENTIALS.login, senha: 'errada' }));
      assert.equal(wrong.status, 401);
      assert.match(await wrong.text(), /senha inválida/);
      const anonymous = await fetch(`${portal.url}/minha-conta/12345678/faturas/202401/pdf`, { redirect: 'manual' });
      assert.equal(anonymous.status, 303);
      assert.equal(anonymous.headers.get('location'), '/login');

      const ok = await fetch(`${portal.url}/login`, form({ usuario: SANDBOX_CREDENTIALS.login, senha: SANDBOX_CREDENTIALS.senha }));
      assert.equal(ok.status, 303);
      const cookie = ok.headers.get('set-cookie')?.split(';')[0] ?? '';
      const pdf = await fetch(`${portal.url}/minha-conta/12345678/faturas/202401/pdf`, { headers: { cookie } });
      assert.equal(pdf.status, 200);
      assert.match(pdf.headers.get('content-disposition') ?? '', /^attachment; filename="fatura_oi_12345678_202401\.pdf"$/);
      assert.deepEqual(Buffer.from(await pdf.arrayBuffer()), sandboxInvoicePdf('OI', '12345678', '202401'));
      const unknown = await fetch(`${portal.url}/minha-conta/12345678/faturas/202312/pdf`, { headers: { cookie } });
      assert.equal(unknown.status, 404);
      assert.deepEqual(
        portal.received.map((r) => `${r.method} ${r.path}`).slice(0, 2),
        ['POST /login', 'GET /minha-conta/12345678/faturas/202401/pdf'],
      );
    } finally {
      await portal.close();
    }
  });
});

describe('SAT sandbox over HTTP', () => {
  test('records the fields and the exact bytes of a multipart upload and answers a protocolo', async () => {
    const sat = await startSatSandbox();
    try {
      const login = await fetch(`${sat.url}/login`, form({ usuario: SANDBOX_CREDENTIALS.login, senha: SANDBOX_CREDENTIALS.senha }));
      const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
      // Every byte value, CRLFs and a fake boundary included, must survive the parser.
      const bytes = Buffer.concat([Buffer.from('%PDF-1.4\r\n--x\r\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
      const body = new FormData();
      const fields = {
        cnpj: '12.345.678/0001-90',
        razao: 'EMPRESA EXEMPLO LTDA',
        operadora: 'OI',
        nome_filtro: 'OI FIXO',
        unidade: 'UNIDADE CENTRAL',
        servico: 'TELEFONIA',
        dados_sat: 'DADOS_SAT_EXEMPLO',
        data_vencimento: '15/01/2024',
      };
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      body.append('arquivo', new Blob([bytes], { type: 'application/pdf' }), 'fatura.pdf');
      const sent = await fetch(`${sat.url}/faturas`, { method: 'POST', body, headers: { cookie } });
      assert.equal(sent.status, 200);
      assert.match(await sent.text(), /Fatura enviada com sucesso[\s\S]*SAT-000001/);
      assert.equal(sat.uploads.length, 1);
      assert.deepEqual(sat.uploads[0].fields, fields);
      assert.equal(sat.uploads[0].filename, 'fatura.pdf');
      assert.deepEqual(sat.uploads[0].bytes, bytes);

      const missing = new FormData();
      missing.append('cnpj', '1');
      const refused = await fetch(`${sat.url}/faturas`, { method: 'POST', body: missing, headers: { cookie } });
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /Campos obrigatórios não preenchidos: razao/);
      assert.equal(sat.uploads.length, 1);
    } finally {
      await sat.close();
    }
  });

  test('parseMultipart rejects a body without boundary', () => {
    assert.throws(() => parseMultipart('multipart/form-data', Buffer.alloc(0)), /boundary/);
  });
});

test('startAllSandboxes starts every portal and SAT and hands out overrides pointing at them', async () => {
  const all = await startAllSandboxes();
  try {
    for (const operadora of OPERADORAS) {
      const url = all.portalOverrides.operadoras?.[operadora]?.baseUrl;
      assert.equal(url, all.urls[operadora]);
      assert.equal((await fetch(`${url}/`)).status, 200);
    }
    assert.equal(all.portalOverrides.sat?.baseUrl, all.sat.url);
    assert.equal(new Set(Object.values(all.urls)).size, 5);
  } finally {
    await all.close();
  }
});
