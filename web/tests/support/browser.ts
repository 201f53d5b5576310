import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN, ApiSession, ensureBuilt, ROOT, startService, type Service } from './service';

export const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');

/** A reason to skip browser tests on machines without Chromium, or false. */
export const noBrowser = !fs.existsSync(CHROMIUM) && `Chromium ausente em ${CHROMIUM} (apt-get install -y chromium)`;

export interface ConsoleHarness {
  service: Service;
  admin: ApiSession;
  /** A fresh browser context (own cookies), in pt-BR and São Paulo time. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Saves a full-page screenshot to test-artifacts/screenshots/<suite>-<n>-<name>.png. */
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startConsole(suite: string, env: Record<string, string> = {}): Promise<ConsoleHarness> {
  await ensureBuilt();
  const service = await startService(env);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const admin = await ApiSession.login(service.url, ADMIN.email, ADMIN.password);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const file of fs.readdirSync(SCREENSHOTS)) {
      if (file.startsWith(`${suite}-`)) fs.rmSync(path.join(SCREENSHOTS, file));
    }
    const contexts: BrowserContext[] = [];
    let count = 0;
    const opened = browser;
    return {
      service,
      admin,
      async newPage(viewport = { width: 1280, height: 800 }) {
        // Reduced motion: the console then opens panels and dialogs without animation, so a click
        // never lands on a panel still unfolding on a loaded CI machine.
        const context = await opened.newContext({
          baseURL: service.url,
          locale: 'pt-BR',
          timezoneId: 'America/Sao_Paulo',
          viewport,
          reducedMotion: 'reduce',
        });
        context.setDefaultTimeout(15_000);
        contexts.push(context);
        return context.newPage();
      },
      async shot(page, name) {
        count += 1;
        const file = `${suite}-${String(count).padStart(2, '0')}-${name}.png`;
        await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: true });
      },
      async close() {
        await Promise.all(contexts.map((context) => context.close()));
        await opened.close();
        await service.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await service.stop();
    throw error;
  }
}

/** Signs in on the login page (after the console sent the browser there) and waits to leave it. */
export async function login(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.waitForURL(/\/login(\?|$)/);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Senha', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
