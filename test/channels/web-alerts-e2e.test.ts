import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vacancySourceId } from '../../src/alerts/send-job.js';
import { WebInbox } from '../../src/channels/web/web-inbox.js';
import type { Outbound } from '../../src/conversation/index.js';
import { ChatClient } from '../helpers/chat-client.js';
import { startChatService, type ChatService } from '../helpers/chat-service.js';
import { waitForAsync } from '../helpers/wait.js';
import { t } from './e2e-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const execFileAsync = promisify(execFile);
const id = (key: string, params?: Readonly<Record<string, string | number>>) => t('id', key, params);

/** An open `GET /api/chat/events`, read with fetch: the pushed messages so far, parsed. */
interface EventStream {
  readonly messages: Outbound[];
  /** Waits (bounded) until a pushed message matches, and returns it. */
  until(match: (message: Outbound) => boolean, timeoutMs?: number): Promise<Outbound>;
  close(): void;
}

/**
 * Opens the page's event stream as the browser's EventSource would (with the API client's session
 * instead of the cookie) and parses each `event: message` as the page does. Reading stops when the
 * stream is closed: by `close()`, or after `maxMs` at the latest, so no test can hang on it.
 */
async function openEvents(baseUrl: string, token: string, maxMs = 30_000): Promise<EventStream> {
  const abort = new AbortController();
  const deadline = setTimeout(() => abort.abort(), maxMs);
  const response = await fetch(`${baseUrl}/api/chat/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: abort.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const messages: Outbound[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // Server-sent events are separated by a blank line; comments (": ping") carry no event.
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const data = block.find((line) => line.startsWith('data: '));
        if (block.includes('event: message') && data) messages.push(JSON.parse(data.slice('data: '.length)) as Outbound);
      }
    }
  })().catch(() => undefined); // aborted: the test closed it
  return {
    messages,
    until: (match, timeoutMs = 10_000) => waitForAsync(() => Promise.resolve(messages.find(match)), 'a pushed message on the event stream', timeoutMs),
    close: () => {
      clearTimeout(deadline);
      abort.abort();
      void reading;
    },
  };
}

/** The README's "try it" vacancy, imported with the README's command. */
const TRY_IT = { id: 'vac-try-1', title: 'Operator Forklift', company: 'PT Gudang Maju', requiredSkills: ['operator forklift'], kecamatan: 'Cibitung', minEducation: 'SMA' };

/*
 * The web chat's side of the push pipeline, the way a person trying the README's "try it" lives it:
 * the whole service in this process on its embedded defaults (ROLE=all: SQLite under DATA_DIR, its
 * own redis-server, default outbox poll), talked to over real HTTP, and the CLI in its own process
 * on the same DATA_DIR and nothing else (it finds the service's Redis there). An alert that comes
 * while no page is open is kept, and shown when the page opens its event stream; its "Lamar"
 * button (the page sends the choice id as the text) applies from wherever the conversation is.
 */
describe('web chat: an instant alert kept while the page is away, shown when it comes back, and its "Lamar"', { timeout: 120_000 }, () => {
  let chat: ChatService;

  beforeAll(async () => {
    chat = await startChatService({ vacancies: 0 });
  });
  afterAll(async () => {
    await chat.stop();
  });

  it('keeps the alert while no event stream is open, pushes it when the page opens, and applies from its "Lamar"', async () => {
    const { store, redis } = chat.service;
    const person = new ChatClient(chat.baseUrl);
    await person.register({ name: 'Rudi Hartono' });
    expect(await person.say('langganan')).toEqual([id('sub.none-yet')]);
    expect(await person.say('new')).toEqual([id('sub.keywords.prompt')]);
    expect(await person.say('operator forklift')).toEqual([id('sub.area.prompt')]);
    expect(await person.say('lewati')).toEqual([id('sub.job-types.prompt')]);
    expect(await person.say('lewati')).toEqual([id('sub.mode.prompt')]);
    expect(await person.say('instant')).toEqual([id('sub.quiet.prompt')]);
    const saved = await person.say('none');
    expect(saved[0]).toMatch(/^Langganan tersimpan\./);

    const session = await fetch(`${chat.baseUrl}/api/chat/session`, { headers: { authorization: `Bearer ${person.token ?? ''}` } });
    const { userId } = (await session.json()) as { userId: string };
    const seeker = await store.seekers.findByIdentity({ channel: 'web', userId });
    const [subscription] = await store.subscriptions.listBySubscriber({ channel: 'web', userId });
    expect(subscription).toMatchObject({ seekerId: seeker?.id, mode: 'instant', filters: { keywords: ['operator forklift'], kecamatan: [] } });

    // No page is open (no event stream); the office imports a matching vacancy with the CLI.
    const file = path.join(chat.dataDir, 'try.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(TRY_IT)}\n`);
    const imported = await execFileAsync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'import', '--vacancies', file], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: chat.dataDir },
      timeout: 60_000,
    });
    expect(JSON.parse(imported.stdout.trim())).toMatchObject({ created: 1 });

    // The send worker has delivered it, into the person's inbox: it waits there for a page.
    const inbox = new WebInbox(redis);
    const [kept] = await waitForAsync(async () => {
      const entries = await inbox.pending(userId);
      return entries.length > 0 && entries;
    }, 'the alert kept for the closed page', 15_000);
    expect(kept?.message.text).toMatch(/^🔔 Lowongan baru[\s\S]*\*Operator Forklift\*\nPT Gudang Maju\n⚠️ Perusahaan belum diverifikasi Disnaker\n📍 Cibitung\n/);
    // Its Delivery row is marked sent once the send has returned, a moment after the keeping.
    const delivery = await waitForAsync(async () => {
      const row = await store.deliveries.findOne(vacancySourceId(TRY_IT.id), `web/${userId}`);
      return row?.status === 'sent' && row;
    }, 'the delivery recorded as sent');
    expect(delivery).toMatchObject({ channel: 'web', attempts: 1 });

    // The person comes back: the page opens its event stream and the alert is shown, with its buttons.
    const events = await openEvents(chat.baseUrl, person.token ?? '');
    try {
      const alert = await events.until((m) => m.text.includes('*Operator Forklift*'));
      expect(alert.text.split('\n').slice(-3)).toEqual([expect.stringMatching(/^💡 Cocok: Operator Forklift/), '', 'Melamar tidak dipungut biaya.']);
      expect(alert.choices).toEqual([
        { id: `alert:detail:${TRY_IT.id}`, label: 'Detail' },
        { id: `alert:apply:${TRY_IT.id}`, label: 'Lamar' },
        { id: `alert:unsubscribe:${subscription?.id ?? ''}`, label: 'Berhenti langganan' },
        { id: `alert:report:${TRY_IT.id}`, label: 'Laporkan pungutan/penipuan' },
      ]);
      // Shown once: the inbox lets go of what the page has shown.
      await waitForAsync(async () => (await inbox.pending(userId)).length === 0, 'the inbox emptied once shown');
      expect(events.messages).toHaveLength(1);

      // "Lamar" on the alert: the page sends the choice id as the text; what the company will see, then sent.
      const preview = await person.say(`alert:apply:${TRY_IT.id}`);
      expect(preview[0]?.startsWith(id('apply.preview.header', { title: TRY_IT.title, company: TRY_IT.company }))).toBe(true);
      const applied = await person.say('send');
      expect(applied[0]).toBe(`${id('apply.done', { title: TRY_IT.title, company: TRY_IT.company })}\n${id('apply.next')}`);
      expect(await store.applications.listBySeeker(seeker?.id ?? '')).toEqual([expect.objectContaining({ vacancyId: TRY_IT.id, status: 'submitted' })]);
    } finally {
      events.close();
    }
  });
});
