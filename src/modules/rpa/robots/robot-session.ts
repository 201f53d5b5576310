import { randomUUID } from 'node:crypto';
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import type { BlobStore } from '../../../core/storage/blob-store.js';
import { RobotError, type RobotArtifacts } from './robot-error.js';

export type RobotLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What the job runner hands a robot: cancellation, storage, and where logs and progress go. */
export interface RobotContext {
  signal: AbortSignal;
  storage: BlobStore;
  log(level: RobotLogLevel, message: string): void;
  /** Values strictly between 30 and 90; the job wrapper owns 0, 30, 90, 95 and 100. */
  progress(value: number, message?: string): void;
  /** Names the artifact folder of a failed run (the job id); a fresh UUID when absent. */
  runId?: string;
}

/** A Playwright Browser or a BrowserPool: anything that hands out a fresh context per run. */
export interface BrowserLike {
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

export interface SessionSpec<T> {
  browser: BrowserLike;
  ctx: RobotContext;
  /** "portal da operadora OI", "portal do SAT": used in every message. */
  target: string;
  /** Values that must never leave the robot (the portal password). */
  secrets: readonly string[];
  timeouts: { navigationMs: number; actionMs: number };
  work(page: Page, session: Session): Promise<T>;
}

export interface Session {
  /** Marks the start of a step: reports progress, logs it, and names the step in a later error. */
  step(progress: number, action: string, message: string): void;
  log(level: RobotLogLevel, message: string): void;
  throwIfCancelled(): void;
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}

/** A value placed inside a CSS attribute selector's double-quoted string. */
export function cssValue(value: string): string {
  return value.replace(/["\\]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ');
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort!));
}

function cancelled(target: string): RobotError {
  return new RobotError('cancelled', `robô interrompido a pedido no ${target}`);
}

/**
 * Runs an action that leaves the page for another document and checks how the server answered:
 * a 5xx is a navigation error at once instead of a wait for markers that will never appear.
 */
export async function navigateBy(
  page: Page,
  target: string,
  timeoutMs: number,
  action: () => Promise<unknown>,
): Promise<void> {
  const response = page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400),
    { timeout: timeoutMs },
  );
  // If the action fails, this promise is abandoned; it must not surface as an unhandled rejection.
  response.catch(() => undefined);
  await action();
  const status = (await response).status();
  if (status >= 500) throw new RobotError('navigation', `o ${target} respondeu com erro HTTP ${status}`);
}

/** Waits until one of two markers is on the page and tells whether it was the first. */
export async function firstOf(page: Page, first: string, second: string): Promise<boolean> {
  const a: Locator = page.locator(first);
  await a.or(page.locator(second)).first().waitFor();
  return (await a.count()) > 0;
}

async function captureArtifacts(
  page: Page,
  spec: SessionSpec<unknown>,
  runId: string,
  log: Session['log'],
): Promise<RobotArtifacts> {
  const folder = `rpa/artifacts/${runId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const artifacts: RobotArtifacts = {};
  try {
    // Typed values are not in the markup, but a portal could echo them back: clear and redact anyway.
    await page.evaluate(() => {
      for (const input of Array.from(document.querySelectorAll('input[type=password]'))) {
        (input as HTMLInputElement).value = '';
        input.removeAttribute('value');
      }
    });
    const png = await page.screenshot({ fullPage: true, timeout: spec.timeouts.actionMs });
    artifacts.screenshot = (await spec.ctx.storage.put(`${folder}/falha.png`, png, 'image/png')).key;
    const html = redact(await page.content(), spec.secrets);
    artifacts.html = (await spec.ctx.storage.put(`${folder}/pagina.html`, Buffer.from(html), 'text/html; charset=utf-8')).key;
  } catch (error) {
    log('warn', `Não foi possível salvar as evidências da falha: ${(error as Error).message}`);
  }
  return artifacts;
}

function classify(error: unknown, action: string, target: string, secrets: readonly string[]): RobotError {
  if (error instanceof RobotError) {
    error.message = redact(error.message, secrets);
    return error;
  }
  // By name, not `instanceof errors.TimeoutError`: importing playwright-core's values would load all of it at start.
  if (error instanceof Error && error.name === 'TimeoutError') return new RobotError('timeout', `tempo esgotado ao ${action} no ${target}`);
  const first = redact(String((error as Error)?.message ?? error).split('\n')[0], secrets);
  return new RobotError('navigation', `falha ao ${action} no ${target}: ${first}`);
}

/**
 * Gives a robot a fresh browser context, closes it whatever happens, turns an aborted signal into a
 * 'cancelled' error (closing the context is what interrupts a pending browser call), and on any
 * other failure stores a screenshot and the page's HTML before rethrowing as a RobotError.
 */
export async function withBrowserSession<T>(spec: SessionSpec<T>): Promise<T> {
  const { ctx, target, secrets } = spec;
  const runId = spec.ctx.runId ?? randomUUID();
  const log: Session['log'] = (level, message) => ctx.log(level, redact(message, secrets));
  let action = 'abrir o navegador';
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let closing: Promise<void> | undefined;
  // One close shared by the abort handler and `finally`: Playwright's second close() returns before
  // the first has finished, and the runner must only hear back once the context is really gone.
  const closeContext = () => {
    if (context) closing ??= context.close().catch(() => undefined);
    return closing;
  };
  const onAbort = () => void closeContext();
  const session: Session = {
    log,
    throwIfCancelled: () => {
      if (ctx.signal.aborted) throw cancelled(target);
    },
    step: (progress, nextAction, message) => {
      session.throwIfCancelled();
      action = nextAction;
      ctx.progress(progress, message);
      log('info', message);
    },
  };
  session.throwIfCancelled();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    context = await spec.browser.newContext({ acceptDownloads: true, locale: 'pt-BR' });
    session.throwIfCancelled();
    context.setDefaultTimeout(spec.timeouts.actionMs);
    context.setDefaultNavigationTimeout(spec.timeouts.navigationMs);
    // A context closed while newPage() is pending leaves that promise unsettled for good: stop waiting on abort.
    page = await untilAborted(context.newPage(), ctx.signal);
    return await spec.work(page, session);
  } catch (error) {
    if (ctx.signal.aborted) {
      log('warn', `Execução cancelada durante a etapa "${action}" no ${target}`);
      throw cancelled(target);
    }
    const failure = classify(error, action, target, secrets);
    // Nothing to show before the first page loaded (e.g. the file to upload was missing).
    if (page && !page.isClosed() && page.url() !== 'about:blank') failure.artifacts = await captureArtifacts(page, spec, runId, log);
    const keys = Object.values(failure.artifacts ?? {});
    const evidence = keys.length > 0 ? ` (evidências: ${keys.join(', ')})` : '';
    log('error', `${failure.message}${evidence}`);
    throw failure;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await closeContext();
  }
}
