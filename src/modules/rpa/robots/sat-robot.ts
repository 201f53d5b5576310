import type { Readable } from 'node:stream';
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import type { BlobStore } from '../../../core/storage/blob-store.js';
import { SAT_FORM_FIELDS, type SatPortal } from './portal-config.js';
import { RobotError } from './robot-error.js';
import { firstOf, navigateBy, withBrowserSession, type BrowserLike, type RobotContext } from './robot-session.js';

const Text = Type.String({ minLength: 1 });

export const SatRobotInputSchema = Type.Object({
  cnpj: Text,
  razao: Text,
  operadora: Text,
  nome_filtro: Text,
  unidade: Text,
  servico: Text,
  dados_sat: Text,
  /** A BlobStore key, or a bare file name looked up under `faturas/`. */
  nome_arquivo: Text,
  data_vencimento: Type.String({ pattern: '^\\d{2}/\\d{2}/\\d{4}$' }),
});
const checkSatInput = Compile(SatRobotInputSchema);
export type SatRobotInput = Static<typeof SatRobotInputSchema>;

export interface SatCredentials {
  login: string;
  senha: string;
}

export interface SatRobotResult {
  protocolo: string;
}

interface InvoiceFile {
  key: string;
  name: string;
  mimeType: string;
  buffer: Buffer;
}

async function resolveKey(storage: BlobStore, nomeArquivo: string): Promise<string> {
  if (nomeArquivo.includes('/')) return nomeArquivo;
  const matches = (await storage.list('faturas/')).filter((key) => key.endsWith(`/${nomeArquivo}`));
  if (matches.length === 0) throw new RobotError('file', `arquivo ${nomeArquivo} não encontrado em faturas/`);
  if (matches.length > 1) {
    throw new RobotError('file', `o nome ${nomeArquivo} é ambíguo: ${matches.length} arquivos em faturas/ (informe a chave completa)`);
  }
  return matches[0];
}

async function readInvoice(storage: BlobStore, nomeArquivo: string): Promise<InvoiceFile> {
  const key = await resolveKey(storage, nomeArquivo);
  const blob = await storage.get(key);
  if (!blob) throw new RobotError('file', `arquivo ${key} não encontrado no armazenamento`);
  const chunks: Buffer[] = [];
  for await (const chunk of blob.body as Readable) chunks.push(Buffer.from(chunk as Buffer));
  const buffer = Buffer.concat(chunks);
  if (buffer.length === 0) throw new RobotError('file', `arquivo ${key} está vazio`);
  return { key, name: key.slice(key.lastIndexOf('/') + 1), mimeType: blob.contentType ?? 'application/pdf', buffer };
}

/**
 * Logs into SAT, fills the invoice form, attaches the file read from the BlobStore, submits it and
 * returns the protocolo SAT shows on its confirmation page.
 */
export async function runSatRobot(args: {
  browser: BrowserLike;
  portal: SatPortal;
  credentials: SatCredentials;
  input: SatRobotInput;
  ctx: RobotContext;
}): Promise<SatRobotResult> {
  const { browser, portal, credentials, input, ctx } = args;
  if (!checkSatInput.Check(input)) {
    const fields = checkSatInput.Errors(input).map((e) => e.instancePath || '/');
    throw new TypeError(`Entrada inválida para o robô do SAT: ${[...new Set(fields)].join(', ')}`);
  }
  const target = 'portal do SAT';
  if (!portal.baseUrl) throw new RobotError('navigation', 'Portal do SAT não configurado');
  const s = portal.selectors;

  return withBrowserSession({
    browser,
    ctx,
    target,
    secrets: [credentials.senha],
    timeouts: portal.timeouts,
    work: async (page, session) => {
      session.step(35, 'ler o arquivo da fatura', `Lendo o arquivo ${input.nome_arquivo}`);
      const file = await readInvoice(ctx.storage, input.nome_arquivo);
      session.log('info', `Arquivo ${file.key} carregado (${file.buffer.length} bytes)`);

      session.step(45, 'autenticar', `Autenticando no ${target}`);
      const opened = await page.goto(new URL(portal.paths.login, portal.baseUrl).toString());
      if (opened && opened.status() >= 400) {
        throw new RobotError('navigation', `a página de login do ${target} respondeu HTTP ${opened.status()}`);
      }
      await page.locator(s.loginField).fill(credentials.login);
      await page.locator(s.passwordField).fill(credentials.senha);
      await navigateBy(page, target, portal.timeouts.navigationMs, () => page.locator(s.submit).click());
      if (await firstOf(page, s.errorMarker, s.loggedInMarker)) {
        throw new RobotError('authentication', `o ${target} recusou o login: usuário ou senha inválidos`);
      }

      session.step(60, 'preencher o formulário', 'Preenchendo o formulário de envio da fatura');
      const uploadUrl = new URL(portal.paths.upload, portal.baseUrl).toString();
      await navigateBy(page, target, portal.timeouts.navigationMs, () => page.goto(uploadUrl));
      await page.locator(s.uploadForm).waitFor();
      for (const field of SAT_FORM_FIELDS) {
        const control = page.locator(s.fields[field]);
        const tag = await control.evaluate((el) => el.tagName);
        if (tag === 'SELECT') await control.selectOption(input[field]);
        else await control.fill(input[field]);
      }
      await page.locator(s.fileInput).setInputFiles({ name: file.name, mimeType: file.mimeType, buffer: file.buffer });

      session.step(75, 'enviar a fatura', `Enviando a fatura ${file.name} ao SAT`);
      await navigateBy(page, target, portal.timeouts.uploadMs, () => page.locator(s.uploadSubmit).click());
      if (!(await firstOf(page, s.successMarker, s.formError))) {
        const reason = ((await page.locator(s.formError).first().textContent()) ?? '').trim().slice(0, 300);
        throw new RobotError('file', `o ${target} recusou a fatura: ${reason}`);
      }

      session.step(85, 'confirmar o envio', 'Confirmando o protocolo do envio');
      const protocolo = ((await page.locator(s.protocolo).first().textContent()) ?? '').trim();
      if (!protocolo) throw new RobotError('navigation', `o ${target} não mostrou o protocolo do envio`);
      session.log('info', `Fatura enviada ao SAT com protocolo ${protocolo}`);
      return { protocolo };
    },
  });
}
