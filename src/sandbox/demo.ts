// `npm run demo`: the whole service on a fresh DATA_DIR, robots wired to the local sandboxes
// (RPA_SANDBOX), an administrator whose password is printed once, and some data to click through.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../core/config/config.js';
import { createLogger } from '../core/logger.js';
import { createRuntime } from '../runtime.js';
import { SANDBOX_ACCOUNTS, SANDBOX_CREDENTIALS } from './portal-sandbox.js';
import { seedFaturasDemo } from '../modules/faturas/faturas.demo.js';
import { sampleDocument } from '../modules/fiscal/index.js';
import { DEMO_FOCUS, startFocusNfeSandbox } from './focusnfe-sandbox.js';

const dataDir = process.env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-demo-'));
const admin = { email: 'admin@demo.local', password: randomBytes(9).toString('base64url') };
// FocusNFE: notes are authorised 3 s after emission and the webhook comes back to the service.
const focus = await startFocusNfeSandbox({ token: DEMO_FOCUS.token, delayMs: 3000 });
const config = loadConfig({
  ...process.env,
  DATA_DIR: dataDir,
  RPA_SANDBOX: 'true',
  // The robots' seed-001 callback goes to this service's own faturas routes, which re-read the job.
  PROCESSO_API_URL: process.env.PROCESSO_API_URL ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? 8000}`,
  FOCUS_NFE_TOKEN: DEMO_FOCUS.token,
  FOCUS_NFE_BASE_URL: focus.url,
  FOCUS_NFE_WEBHOOK_SECRET: DEMO_FOCUS.webhookSecret,
  ADMIN_EMAIL: admin.email,
  ADMIN_PASSWORD: admin.password,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
const runtime = await createRuntime(config, createLogger(config.logLevel));
const created = await runtime.services.auth.ensureFirstAdmin(config.admin);
const address = await runtime.app.listen({ port: config.port, host: config.host });
focus.registerHooks(`${address}/webhooks/focusnfe`, DEMO_FOCUS.webhookSecret);

async function call<T>(token: string, method: string, url: string, body: unknown): Promise<T> {
  const response = await fetch(`${address}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${await response.text()}`);
  return response.json() as Promise<T>;
}

if (created) {
  const login = await fetch(`${address}/api/v1/auth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: admin.email, password: admin.password }),
  }).then((r) => r.json() as Promise<{ access: string }>);
  const clients = [
    { name: 'Maria Souza', nickname: 'maria', phone: '99999-1111', email: 'maria@email.com' },
    { name: 'João da Silva', nickname: 'joao', phone: '99999-9999', email: 'joao@email.com' },
    { name: 'Mercadinho Boa Vista', nickname: 'boavista', phone: '3333-4444', email: 'compras@boavista.com.br' },
  ];
  for (const [i, client] of clients.entries()) {
    const { client: saved } = await call<{ client: { id: number } }>(login.access, 'POST', '/clients/', client);
    await call(login.access, 'POST', `/purchases/${saved.id}`, { description: `Compra de demonstração ${i + 1}`, total_value: 150.75 * (i + 1) });
  }
  // One invoice download from the OI sandbox, so the RPA pages show a job (and its PDF) at once.
  const account = SANDBOX_ACCOUNTS[0];
  await call(login.access, 'POST', '/executar/OI', { ...SANDBOX_CREDENTIALS, filtro: account.filtro, cnpj: account.cnpj });
  const faturas = await seedFaturasDemo(address, login.access);
  for (const tipo of ['nfse', 'nfe'] as const) await call(login.access, 'POST', `/${tipo}/?ref=demo-${tipo}-1`, sampleDocument(tipo));
  process.stdout.write(
    `\nRetaguarda (demonstração) em ${address}\n` +
      `Administrador: ${admin.email}\nSenha (mostrada só agora): ${admin.password}\n` +
      `Dados em ${dataDir}: ${clients.length} clientes de fiado e um job RPA contra o portal simulado da OI.\n` +
      `${faturas}\n` +
      `Portais simulados (RPA_SANDBOX): login ${SANDBOX_CREDENTIALS.login}, senha ${SANDBOX_CREDENTIALS.senha}; ` +
      `contas ${SANDBOX_ACCOUNTS.map((a) => `${a.filtro} (CNPJ ${a.cnpj})`).join(', ')}.\n\n`,
  );
} else {
  process.stdout.write(`\nRetaguarda (demonstração) em ${address}, dados existentes em ${dataDir}.\n\n`);
}

async function shutdown() {
  await runtime.close();
  await focus.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
