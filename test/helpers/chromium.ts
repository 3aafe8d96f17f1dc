import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The same variable the WhatsApp channel reads (Debian package `chromium`). */
export const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

/**
 * Debian's chromium through playwright-core, headless, with nothing that phones home (this machine's
 * network refuses it) and a fresh profile. Fails with the install hint when chromium is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: install the Debian package (apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 30_000,
  });
}
