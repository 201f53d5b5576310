import type { Readable } from 'node:stream';
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { formatLocalTime } from '../../../core/time/index.js';
import type { OperadoraPortal } from './portal-config.js';
import { RobotError } from './robot-error.js';
import { cssValue, firstOf, navigateBy, withBrowserSession, type BrowserLike, type RobotContext } from './robot-session.js';

export const DownloadRobotInputSchema = Type.Object({
  operadora: Type.Union([Type.Literal('OI'), Type.Literal('VIVO'), Type.Literal('EMBRATEL'), Type.Literal('DIGITALNET')]),
  login: Type.String({ minLength: 1 }),
  senha: Type.String({ minLength: 1 }),
  filtro: Type.String({ minLength: 1 }),
  cnpj: Type.String({ minLength: 1 }),
  /** YYYYMM; the previous month when absent. */
  competencia: Type.Optional(Type.String({ pattern: '^\\d{4}(0[1-9]|1[0-2])$' })),
});
const checkDownloadInput = Compile(DownloadRobotInputSchema);
export type DownloadRobotInput = Static<typeof DownloadRobotInputSchema>;

export interface DownloadRobotResult {
  key: string;
  size: number;
}

/** The competência before the one `now` falls in, as the calendar reads in `timeZone`. */
export function previousCompetencia(now: Date = new Date(), timeZone = 'America/Sao_Paulo'): string {
  // The cached zone formatter: building an Intl.DateTimeFormat per job was a fifth of an enqueue's CPU.
  const local = formatLocalTime(now.getTime(), timeZone);
  const year = Number(local.slice(0, 4));
  const month = Number(local.slice(5, 7));
  return month === 1 ? `${year - 1}12` : `${year}${String(month - 1).padStart(2, '0')}`;
}

/** Keeps the portal's file name recognisable but safe as the last segment of a storage key. */
function safeFilename(suggested: string, fallback: string): string {
  const cleaned = suggested.normalize('NFKD').replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '');
  if (!cleaned) return fallback;
  return cleaned.toLowerCase().endsWith('.pdf') ? cleaned : `${cleaned}.pdf`;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Logs into a carrier's portal, picks the account by filtro and CNPJ, downloads the invoice of the
 * competência and stores it under `faturas/{operadora}/{cnpj}/{yyyymm}/{arquivo}`.
 */
export async function runDownloadRobot(args: {
  browser: BrowserLike;
  portal: OperadoraPortal;
  input: DownloadRobotInput;
  ctx: RobotContext;
}): Promise<DownloadRobotResult> {
  const { browser, portal, input, ctx } = args;
  if (!checkDownloadInput.Check(input)) {
    const fields = checkDownloadInput.Errors(input).map((e) => e.instancePath || '/');
    throw new TypeError(`Entrada inválida para o robô de download: ${[...new Set(fields)].join(', ')}`);
  }
  const { operadora, filtro } = input;
  const target = `portal da operadora ${operadora}`;
  if (!portal.baseUrl) throw new RobotError('navigation', `Portal da operadora ${operadora} não configurado`);
  const competencia = input.competencia ?? previousCompetencia();
  const ano = competencia.slice(0, 4);
  const mes = competencia.slice(4, 6);
  // Alphanumeric CNPJs (from 2026) keep their letters; only punctuation goes.
  const cnpj = input.cnpj.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  const s = portal.selectors;
  const selectorFor = (pattern: string) =>
    pattern.replace(/\{(filtro|cnpj|competencia|ano|mes)\}/g, (_, name: string) =>
      cssValue({ filtro, cnpj, competencia, ano, mes }[name] ?? ''),
    );

  return withBrowserSession({
    browser,
    ctx,
    target,
    secrets: [input.senha],
    timeouts: portal.timeouts,
    work: async (page, session) => {
      session.step(35, 'abrir a página de login', `Acessando o ${target}`);
      const loginUrl = new URL(portal.paths.login, portal.baseUrl).toString();
      const opened = await page.goto(loginUrl);
      if (opened && opened.status() >= 400) {
        throw new RobotError('navigation', `a página de login do ${target} respondeu HTTP ${opened.status()}`);
      }

      session.step(45, 'autenticar', `Autenticando no ${target}`);
      await page.locator(s.loginField).fill(input.login);
      await page.locator(s.passwordField).fill(input.senha);
      await navigateBy(page, target, portal.timeouts.navigationMs, () => page.locator(s.submit).click());
      if (await firstOf(page, s.errorMarker, s.accountList)) {
        throw new RobotError('authentication', `o ${target} recusou o login: usuário ou senha inválidos`);
      }

      session.step(55, 'selecionar a conta', `Selecionando a conta ${filtro} (CNPJ ${cnpj})`);
      const account = page.locator(selectorFor(s.accountLink));
      if ((await account.count()) === 0) {
        throw new RobotError('navigation', `conta ${filtro} (CNPJ ${cnpj}) não encontrada no ${target}`);
      }
      await navigateBy(page, target, portal.timeouts.navigationMs, () => account.first().click());

      session.step(65, 'localizar a fatura', `Procurando a fatura da competência ${mes}/${ano}`);
      await page.locator(s.invoiceList).waitFor({ state: 'attached' });
      const row = page.locator(selectorFor(s.invoiceRow));
      if ((await row.count()) === 0) {
        throw new RobotError('no_invoice', `nenhuma fatura da competência ${mes}/${ano} para a conta ${filtro} no ${target}`);
      }
      const link = row.first().locator(s.downloadLink);
      if ((await link.count()) === 0) {
        throw new RobotError('navigation', `link de download da fatura ${mes}/${ano} não encontrado no ${target}`);
      }

      session.step(75, 'baixar a fatura', `Baixando a fatura ${mes}/${ano}`);
      const downloadEvent = page.waitForEvent('download', { timeout: portal.timeouts.downloadMs });
      downloadEvent.catch(() => undefined);
      await link.first().click();
      const download = await downloadEvent;
      const failure = await download.failure();
      if (failure) throw new RobotError('file', `o download da fatura ${mes}/${ano} falhou: ${failure}`);
      const bytes = await readAll(await download.createReadStream());
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new RobotError('file', `o arquivo baixado do ${target} não é um PDF`);
      }

      session.step(85, 'armazenar a fatura', `Armazenando a fatura (${bytes.length} bytes)`);
      const filename = safeFilename(download.suggestedFilename(), `fatura_${operadora.toLowerCase()}_${competencia}.pdf`);
      const key = `faturas/${operadora}/${cnpj}/${competencia}/${filename}`;
      const stored = await ctx.storage.put(key, bytes, 'application/pdf').catch((error: unknown) => {
        throw new RobotError('file', `não foi possível armazenar a fatura em ${key}: ${(error as Error).message}`);
      });
      session.log('info', `Fatura armazenada em ${stored.key}`);
      return { key: stored.key, size: stored.size };
    },
  });
}
