import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { FANOUT_QUEUE, SEND_QUEUES, vacancySourceId } from '../../src/alerts/send-job.js';
import type { Delivery } from '../../src/domain/index.js';
import { freePort } from '../../src/runtime/free-port.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { startsWith, t } from '../channels/e2e-fixtures.js';
import { buttons, ChatSession, question } from '../channels/telegram-chat.js';
import { TelegramEmulator, type EmulatedUser } from '../channels/telegram-emulator.js';
import { makeSeeker } from '../fixtures/domain.js';
import { withStoreIn } from '../helpers/cli.js';
import { waitForIdleQueues } from '../helpers/queue-idle.js';
import { useTestRedis } from '../helpers/redis.js';
import { spawnService, waitForStatus, type ServiceProcess } from '../helpers/service-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const execFileAsync = promisify(execFile);
const id = (key: string, params?: Readonly<Record<string, string | number>>) => t('id', key, params);

/** A welder with a profile whose Telegram chat is known to the service (registration is shown in test/channels/telegram-e2e.test.ts). */
const dewi: EmulatedUser = { id: 5201, first_name: 'Dewi', language_code: 'id' };
const SEEKER = makeSeeker('skr-dewi', { name: 'Dewi Lestari', identities: [{ channel: 'telegram', userId: String(dewi.id) }] });

/** Import rows as the office writes them; `las smaw` in Cikarang Barat is what Dewi subscribes to. */
const WELDER = { id: 'vac-cli-las-1', title: 'Operator Las SMAW', company: { id: 'cmp-astra', name: 'PT Astra Otoparts Tbk' }, requiredSkills: ['las smaw'], minEducation: 'SMK', kecamatan: 'Cikarang Barat', estate: 'MM2100', salaryMin: 5_200_000, salaryMax: 5_800_000, employmentType: 'PKWT', deadline: '2030-01-31' };
const FABRICATION = { id: 'vac-cli-las-2', title: 'Welder Fabrikasi Baja', company: 'PT Baja Prima MM2100', requiredSkills: ['las smaw', 'las mig'], minEducation: 'SMK', kecamatan: 'Cikarang Barat', estate: 'MM2100', employmentType: 'PKWTT', deadline: '2030-01-31' };
const PIPES = { id: 'vac-cli-las-3', title: 'Juru Las Pipa', company: 'PT Galangan Muara', requiredSkills: ['las smaw'], minEducation: 'SMK', kecamatan: 'Cikarang Barat', deadline: '2030-01-31' };

/** SIGTERM, as an operator stops it; SIGKILL if it has not exited within 20 s. */
async function stopProcess(service: ServiceProcess | undefined): Promise<void> {
  if (!service || service.child.exitCode !== null) return;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), 20_000);
  await service.exited;
  clearTimeout(timer);
}

/*
 * The push side the way a subscriber and the office experience it, across processes: a ROLE=web
 * process holds the Telegram chat (long polling the Bot API emulator in this test process), a
 * ROLE=worker process runs the outbox relay, fan-out and the Telegram send worker, and the CLI
 * imports vacancies into the same DATA_DIR. The only hand-off between them is the store and
 * Redis, as in a scaled-out deployment: the worker learns of the subscription made in the web
 * process, and of the CLI's vacancy, from the change feed and the outbox alone. The cases are one
 * subscriber's story and run in order on the same processes.
 */
describe('alerts across processes: subscribe on Telegram (ROLE=web), import with the CLI, the alert from ROLE=worker', { timeout: 180_000 }, () => {
  const redis = useTestRedis();
  const emulator = new TelegramEmulator();
  const logger = createLogger({ level: 'silent' });
  const dataDir = tempDir('lokerbot-alerts-e2e');
  const chat = new ChatSession(emulator, dewi, { turnTimeoutMs: 15_000 });
  let web: ServiceProcess | undefined;
  let worker: ServiceProcess | undefined;
  let queues: Queues | undefined;

  /** The CLI as the office runs it beside the service: same DATA_DIR and REDIS_URL, its own process. */
  async function importWithCli(rows: readonly Record<string, unknown>[], name: string): Promise<unknown> {
    const file = path.join(dataDir, name);
    fs.writeFileSync(file, rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'import', '--vacancies', file], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, REDIS_URL: redis.url },
      timeout: 60_000,
    });
    // It reached the Redis the processes follow, so they hear of the import at once.
    expect(stderr).not.toMatch(/no running LokerBot Redis|not reachable/);
    return JSON.parse(stdout.trim());
  }

  const alertsAbout = (title: string) => chat.all().filter((m) => m.text.startsWith(id('alert.vacancy.header')) && m.text.includes(`*${title}*`));
  const deliveriesOf = (vacancyId: string) =>
    withStoreIn(dataDir, async (store) => {
      const rows: Delivery[] = [];
      for await (const row of store.deliveries.listBySource(vacancySourceId(vacancyId))) rows.push(row);
      return rows;
    });

  /**
   * Every outbox event relayed (an event is marked relayed only once its fan-out job is in Redis),
   * and the fan-out and send queues drained: whatever the imports were going to send has been sent.
   */
  async function waitUntilEverythingSent(): Promise<void> {
    await waitForAsync(async () => (await withStoreIn(dataDir, (store) => store.outbox.pending(10))).length === 0, 'every outbox event relayed', 10_000);
    if (!queues) throw new Error('queues not connected');
    await waitForIdleQueues(queues, [FANOUT_QUEUE, SEND_QUEUES.telegram], 15_000);
  }

  beforeAll(async () => {
    await emulator.start();
    await withStoreIn(dataDir, (store) => store.seekers.create(SEEKER));
    const env = {
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      OUTBOX_POLL_MS: '200',
      TELEGRAM_SEND_PER_CHAT_MS: '200',
      // Reconciliation far away: only the change feed can tell the worker of the web's subscription and the CLI's vacancy.
      INDEX_RECONCILE_SECONDS: '3600',
    };
    const webPort = await freePort();
    web = spawnService({ ...env, ROLE: 'web', PORT: String(webPort) });
    worker = spawnService({ ...env, ROLE: 'worker', PORT: String(await freePort()) });
    await waitForStatus(`http://127.0.0.1:${webPort}/readyz`, 200, 90_000);
    const running = worker;
    await waitFor(() => /"msg":"LokerBot is running"/.test(running.output()) || running.child.exitCode !== null, 'the worker to start', 90_000, 100);
    expect(running.child.exitCode).toBeNull();
    queues = await Queues.connect(redis.url, logger);
  });

  afterAll(async () => {
    await queues?.close();
    await Promise.all([web, worker].map(stopProcess));
    await emulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function showLogsOnFailure(): void {
    onTestFailed(() => {
      console.log(`--- web process ---\n${web?.output().slice(-4000) ?? ''}\n--- worker process ---\n${worker?.output().slice(-4000) ?? ''}`);
    });
  }

  it('alerts an instant subscriber within 30 s of a CLI import, and the alert\'s "Lamar" applies', async () => {
    showLogsOnFailure();

    // Dewi subscribes in her chat, through the real subscribe flow of the web process.
    const overview = question(await chat.types('/langganan', id('sub.none-yet')));
    await chat.presses(overview, 'new', id('sub.keywords.prompt'));
    await chat.types('las smaw', id('sub.area.prompt'));
    await chat.types('Cikarang Barat', id('sub.job-types.prompt'));
    const mode = question(await chat.types('lewati', id('sub.mode.prompt')));
    const quiet = question(await chat.presses(mode, 'instant', id('sub.quiet.prompt')));
    const saved = await chat.presses(quiet, 'none', id('menu.prompt'));
    expect(saved[0]?.text).toMatch(/^Langganan tersimpan\./);
    const [subscription] = await withStoreIn(dataDir, (store) => store.subscriptions.listBySubscriber({ channel: 'telegram', userId: String(dewi.id) }));
    expect(subscription).toMatchObject({ seekerId: SEEKER.id, mode: 'instant', filters: { keywords: ['las smaw'], kecamatan: ['Cikarang Barat'] } });

    // The office imports a matching vacancy with the CLI, in its own process.
    expect(await importWithCli([WELDER], 'vacancies.jsonl')).toMatchObject({ created: 1 });
    const importedAt = Date.now();

    // The worker process sends the alert; the web process never does (it only holds the chat).
    const alert = await chat.waitFor(/^🔔 Lowongan baru/, 30_000);
    expect(Date.now() - importedAt).toBeLessThan(30_000);
    const lines = alert.text.split('\n');
    // The CLI import names no recorded company, so the alert says the employer is not verified.
    expect(lines.slice(0, 7)).toEqual([id('alert.vacancy.header'), '', '*Operator Las SMAW*', 'PT Astra Otoparts Tbk', id('vacancy.unverified'), '📍 Cikarang Barat · MM2100', 'Gaji: Rp 5.200.000 – Rp 5.800.000']);
    expect(lines).toContain('Batas lamaran: 31 Jan 2030');
    // Why it matches: Dewi has a profile, so her own skill is named, as in her search results.
    expect(lines.at(-3)).toMatch(/^💡 Cocok: Las SMAW/);
    expect(lines.at(-1)).toBe('Melamar tidak dipungut biaya.');
    expect(buttons(alert)).toEqual([
      { text: 'Detail', data: `alert:detail:${WELDER.id}` },
      { text: 'Lamar', data: `alert:apply:${WELDER.id}` },
      { text: 'Berhenti langganan', data: `alert:unsubscribe:${subscription?.id ?? ''}` },
      { text: 'Laporkan pungutan/penipuan', data: `alert:report:${WELDER.id}` },
    ]);

    // She presses "Lamar" under the alert: she sees what the company will get, sends it, is told,
    // and the application is in the store.
    const done = `${id('apply.done', { title: WELDER.title, company: WELDER.company.name })}\n${id('apply.next')}`;
    const preview = question(await chat.presses(alert, `alert:apply:${WELDER.id}`, startsWith(id('apply.preview.header', { title: WELDER.title, company: WELDER.company.name }))));
    const applied = await chat.presses(preview, 'send', done);
    expect(applied.map((m) => m.text)).toEqual([done]);
    expect(buttons(question(applied)).map((b) => b.data)).toEqual(['results', 'more', 'applications']);
    const applications = await withStoreIn(dataDir, (store) => store.applications.listBySeeker(SEEKER.id));
    expect(applications).toEqual([expect.objectContaining({ seekerId: SEEKER.id, vacancyId: WELDER.id, companyId: 'cmp-astra', status: 'submitted' })]);
    await chat.types('menu', id('menu.prompt'));

    // One Delivery row records it, marked sent once the Bot API call returned.
    const deliveries = await waitForAsync(async () => {
      const rows = await deliveriesOf(WELDER.id);
      return rows.length > 0 && rows.every((row) => row.status === 'sent') && rows;
    }, 'the delivery recorded as sent', 10_000);
    expect(deliveries).toEqual([expect.objectContaining({ recipient: `telegram/${dewi.id}`, channel: 'telegram', status: 'sent', attempts: 1 })]);
    expect(web?.output()).not.toMatch(/"module":"send"/);
  });

  it('sends nothing new when the same vacancy is imported again, edited or closed and re-opened, while a new one is alerted', async () => {
    showLogsOnFailure();
    expect(alertsAbout(WELDER.title)).toHaveLength(1);

    // The office closes the vacancy it imported, then re-opens it with a better salary, beside a new one.
    expect(await importWithCli([{ ...WELDER, status: 'closed' }], 'vacancies-2.jsonl')).toMatchObject({ updated: 1, skipped: 0 });
    expect(await importWithCli([{ ...WELDER, salaryMin: 5_500_000, salaryMax: 6_000_000 }, FABRICATION], 'vacancies-3.jsonl')).toMatchObject({ created: 1, updated: 1, skipped: 0 });
    expect(await withStoreIn(dataDir, (store) => store.vacancies.get(WELDER.id))).toMatchObject({ status: 'open', salaryMin: 5_500_000 });
    // Re-opening announced it again: a second "vacancy opened" event, which must not alert her twice.
    expect(await withStoreIn(dataDir, (store) => store.outbox.count({ type: 'vacancy-opened', subjectId: WELDER.id }))).toBe(2);

    // The new vacancy arrives, so the worker has seen this import; then everything it queued has run.
    await chat.waitFor(/^🔔 Lowongan baru[\s\S]*\*Welder Fabrikasi Baja\*/, 30_000);
    await waitUntilEverythingSent();

    expect(alertsAbout(WELDER.title)).toHaveLength(1);
    expect(alertsAbout(FABRICATION.title)).toHaveLength(1);
    expect(await deliveriesOf(WELDER.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
  });

  it('stops with the alert\'s "Berhenti langganan": the next matching import reaches her no more', async () => {
    showLogsOnFailure();
    const [alert] = alertsAbout(FABRICATION.title);
    if (!alert) throw new Error('no alert to answer');
    const [subscription] = await withStoreIn(dataDir, (store) => store.subscriptions.listBySubscriber({ channel: 'telegram', userId: String(dewi.id) }));
    const stopped = await chat.presses(alert, `alert:unsubscribe:${subscription?.id ?? ''}`, id('menu.prompt'));
    expect(stopped[0]?.text).toMatch(/^Baik, info lowongan dari langganan ini dihentikan:\nlas smaw · Cikarang Barat · Langsung saat ada\n/);
    expect((await withStoreIn(dataDir, (store) => store.subscriptions.get(subscription?.id ?? '')))?.active).toBe(false);

    expect(await importWithCli([PIPES], 'vacancies-4.jsonl')).toMatchObject({ created: 1 });
    await waitUntilEverythingSent();
    expect(alertsAbout(PIPES.title)).toEqual([]);
  });
});
