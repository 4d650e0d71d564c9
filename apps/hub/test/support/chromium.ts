// Chromium for the hub's browser tests: Debian's /usr/bin/chromium (or CHROMIUM_PATH) driven by
// playwright-core, headless, one browser context (a fresh cookie jar) per page asked for. Outside
// CI a browser test is skipped when Chromium is missing; in CI it must run, so importing this
// module there without Chromium fails.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium is required in CI for the browser tests (looked for ${CHROMIUM}).`);

/** The `skip` option of a browser test's `describe`: false when Chromium is there, else the reason. */
export const skipWithoutChromium: false | string = available ? false : `no Chromium at ${CHROMIUM}`;

export interface TestChromium {
  browser: Browser;
  /** A page in a fresh browser context (no cookies: nobody signed in), closed by `close()`. */
  freshPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launches headless Chromium; pages get `viewport` and wait at most `timeoutMs` for anything. */
export async function startChromium(options: { viewport?: { width: number; height: number }; timeoutMs?: number } = {}): Promise<TestChromium> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    freshPage: async () => {
      const context = await browser.newContext(options.viewport === undefined ? {} : { viewport: options.viewport });
      if (options.timeoutMs !== undefined) context.setDefaultTimeout(options.timeoutMs);
      contexts.push(context);
      return context.newPage();
    },
    close: async () => {
      await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
      await browser.close();
    },
  };
}
