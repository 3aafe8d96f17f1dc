import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/channels/telegram/index.js';
import { WhatsAppAdapter, realClientFactory } from '../../src/channels/whatsapp/index.js';
import { freePort } from '../../src/runtime/free-port.js';
import { createLogger } from '../../src/runtime/logger.js';
import { captureLogs } from '../helpers/log-capture.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait.js';
import { StandInHandler } from './stand-in-handler.js';
import { TelegramEmulator, type EmulatedUser } from './telegram-emulator.js';

const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
const dewi: EmulatedUser = { id: 7001, first_name: 'Dewi', language_code: 'id' };

/**
 * The real whatsapp-web.js client with the system Chromium, on its failure path. Chromium is sent
 * through a proxy on a loopback port nothing listens on, so WhatsApp Web can never load, wherever
 * the test runs: start() returns at once, exactly one error line is logged, readiness says
 * "failed", nothing is thrown, and Telegram keeps working beside it.
 */
describe.skipIf(!fs.existsSync(CHROMIUM))('WhatsApp adapter with the real client and system Chromium', () => {
  const dataDir = tempDir('lokerbot-wa');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('fails cleanly when WhatsApp Web cannot load, and leaves Telegram running', { timeout: 90_000 }, async () => {
    const { logger, lines } = captureLogs('info');
    const closedPort = await freePort();
    const emulator = new TelegramEmulator();
    await emulator.start();
    const telegram = new TelegramAdapter({ ...emulator.connection, logger: createLogger({ level: 'silent' }) });
    const whatsapp = new WhatsAppAdapter({
      logger,
      clientFactory: realClientFactory({
        dataDir,
        chromiumPath: CHROMIUM,
        // Every request, loopback included, goes to a proxy that is not there.
        extraChromiumArgs: [`--proxy-server=http://127.0.0.1:${closedPort}`, '--proxy-bypass-list=<-loopback>'],
      }),
      // One attempt inside the test: the retry would come after ten minutes.
      reconnect: { initialMs: 600_000, randomize: false },
      initTimeoutMs: 45_000,
      printQr: () => undefined,
    });
    try {
      const began = Date.now();
      await whatsapp.start(new StandInHandler());
      expect(Date.now() - began).toBeLessThan(1_000);
      await telegram.start(new StandInHandler());

      const errors = await waitFor(() => {
        const found = lines.filter((l) => l.level === 'error');
        return found.length > 0 ? found : undefined;
      }, 'the WhatsApp error line', 60_000, 200);
      expect(await whatsapp.readiness.check()).toEqual({ ready: false, state: 'failed' });
      expect(errors).toHaveLength(1);
      expect(errors[0]?.msg).toBe('WhatsApp is not connected; retrying with backoff (other channels keep running)');
      expect(errors[0]?.outcome).toMatch(/^initialize-failed: .*ERR_PROXY_CONNECTION_FAILED/);
      expect(errors[0]?.attempt).toBe(1);
      expect(lines.filter((l) => l.level === 'warn' || l.level === 'fatal')).toEqual([]);

      emulator.userSends(dewi, 'halo');
      const [reply] = await emulator.waitForSent(dewi.id, 1);
      expect(reply?.text).toBe('echo: halo');
    } finally {
      await whatsapp.stop();
      await telegram.stop();
      await emulator.stop();
    }
    expect(whatsapp.state).toBe('stopped');
    // Stopping during the backoff is not another failure.
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });
});
