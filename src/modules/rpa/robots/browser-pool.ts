import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import type { BrowserLike } from './robot-session.js';

export interface BrowserPoolOptions {
  /** The system Chromium; browsers are never downloaded. */
  executablePath?: string;
}

// Flags for running inside containers and CI without a display, GPU or shared memory to spare.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

/**
 * One Chromium per worker process, launched on first use and launched again if it crashed or was
 * closed; every job gets its own context (cookies, downloads) and must close it when done.
 */
export class BrowserPool implements BrowserLike {
  private launching: Promise<Browser> | null = null;
  private closed = false;

  constructor(private readonly options: BrowserPoolOptions = {}) {}

  async browser(): Promise<Browser> {
    if (this.closed) throw new Error('O pool de navegadores já foi encerrado');
    const current = this.launching;
    if (current) {
      const browser = await current.catch(() => null);
      if (browser?.isConnected()) return browser;
      // A failed launch or a dead browser: start over, unless another caller already did.
      if (this.launching === current) this.launching = null;
      return this.browser();
    }
    // Loaded with the first robot: playwright-core is ~90 MiB of resident memory a service that
    // never runs a robot should not carry.
    const launching = import('playwright-core').then(({ chromium }) =>
      chromium.launch({
        executablePath: this.options.executablePath ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
      }),
    );
    this.launching = launching;
    return launching;
  }

  async newContext(options?: BrowserContextOptions): Promise<BrowserContext> {
    return (await this.browser()).newContext(options);
  }

  async close(): Promise<void> {
    this.closed = true;
    const launching = this.launching;
    this.launching = null;
    const browser = await launching?.catch(() => null);
    await browser?.close();
  }
}
