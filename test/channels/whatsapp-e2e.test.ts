import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhatsAppAdapter } from '../../src/channels/whatsapp/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { createTestConversation, type TestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { seedVacancies, startsWith, t, vacancyTitled, waitFor } from './e2e-fixtures.js';
import { FakeClientFactory, type FakeWhatsAppClient } from './fake-whatsapp-client.js';

const BUDI = '6281234567890@c.us';
const en = (key: string, params?: Readonly<Record<string, string | number>>) => t('en', key, params);

/**
 * One person writing to the bot's number: sends a message, then waits for the bot's last reply of
 * that turn (a prompt, followed by its numbered list when it offers choices).
 */
class WhatsAppChat {
  private seen = 0;

  constructor(
    private readonly client: FakeWhatsAppClient,
    private readonly chatId: string,
  ) {}

  async says(text: string, until: string | RegExp): Promise<string[]> {
    this.client.receive(this.chatId, text);
    const matches = (reply: string) => (typeof until === 'string' ? reply === until || reply.startsWith(`${until}\n\n`) : until.test(reply));
    const fresh = await waitFor(() => {
      const mine = this.all().slice(this.seen);
      const last = mine.findIndex(matches);
      return last >= 0 ? mine.slice(0, last + 1) : undefined;
    }, `reply to "${text}" matching ${String(until)} (last: ${this.all().at(-1)?.slice(0, 80) ?? 'nothing'})`);
    this.seen += fresh.length;
    return fresh;
  }

  all(): string[] {
    return this.client.sent.filter((m) => m.chatId === this.chatId).map((m) => m.text);
  }
}

function numbered(prompt: string, labels: readonly string[]): string {
  return `${prompt}\n\n${labels.map((label, i) => `${i + 1}. ${label}`).join('\n')}`;
}

describe('WhatsApp end to end: stand-in client ⇄ adapter ⇄ the real conversation engine', () => {
  const redis = useTestRedis();
  const factory = new FakeClientFactory();
  let c: TestConversation;
  let adapter: WhatsAppAdapter;

  beforeAll(async () => {
    c = createTestConversation(redis.client, { channel: 'whatsapp' });
    await seedVacancies(c);
    adapter = new WhatsAppAdapter({
      logger: createLogger({ level: 'silent' }),
      clientFactory: factory,
      pacing: { perChatGapMs: 0, maxPerMinute: 10_000, jitterMs: 0 },
      printQr: () => undefined,
    });
    await adapter.start(c.engine);
    await waitFor(() => factory.clients[0], 'a WhatsApp client');
    factory.latest.emit('ready');
  });
  afterAll(async () => {
    await adapter.stop();
    await c.store.close();
  });

  it('registers and searches with numbered replies ("2") and the options\' words', async () => {
    const chat = new WhatsAppChat(factory.latest, BUDI);

    // Choices arrive as numbered lists; "2" picks English, which the rest of the chat is in.
    const [language] = await chat.says('hello', t('id', 'welcome.language'));
    expect(language).toBe(numbered(t('id', 'welcome.language'), ['Bahasa Indonesia', 'English']));
    const [consent] = await chat.says('2', en('consent.notice'));
    expect(consent).toBe(numbered(en('consent.notice'), ['Yes', 'No']));
    expect(await chat.says('I agree', en('reg.name.prompt'))).toEqual([en('consent.thanks'), en('reg.name.prompt')]);

    await chat.says('Budi Santoso', en('reg.kecamatan.prompt'));
    expect(await chat.says('tambun selatan', en('reg.desa.prompt'))).toEqual([numbered(en('reg.desa.prompt'), ['Skip'])]);
    await chat.says('skip', en('reg.ktp.prompt'));
    await chat.says('1', en('reg.education.prompt')); // 1. Yes
    await chat.says('SMK', en('reg.major.prompt')); // an option's own words
    await chat.says('1', en('reg.skills.prompt')); // 1. Skip
    await chat.says('SMAW welding, forklift operator', /^Skills I noted: .+\.\nIs that right\?/);
    await chat.says('yes', en('reg.experience-years.prompt'));
    await chat.says('3 years', en('reg.experience-text.prompt'));
    await chat.says('skip', en('reg.positions.prompt'));
    await chat.says('welder', en('reg.certifications.prompt'));
    const [jobTypes] = await chat.says('skip', en('reg.job-types.prompt'));
    expect(jobTypes).toBe(numbered(en('reg.job-types.prompt'), ['Contract (PKWT)', 'Permanent (PKWTT)', 'Apprenticeship', 'Daily work']));
    await chat.says('contract', en('reg.salary.prompt')); // words of one option
    await chat.says('6 juta', en('reg.shift.prompt'));
    await chat.says('no. 1', en('reg.sharing.prompt')); // a list number as people write it
    const saved = await chat.says('2', en('menu.prompt'));
    expect(saved[0]).toBe(en('reg.done', { name: 'Budi Santoso' }));
    expect(saved.at(-1)).toMatch(/\n\n1\. Search jobs\n2\. My profile\n/);

    // Search from the menu by number, open the second result by number, apply by the option's word.
    const [results] = await chat.says('1', en('search.header'));
    const resultLines = results?.split('\n\n').at(-1)?.split('\n') ?? [];
    expect(resultLines.length).toBeGreaterThanOrEqual(2);
    expect(resultLines.every((line, i) => line.startsWith(`${i + 1}. `) && !/^\d+\. \d+\. /.test(line))).toBe(true);
    const second = vacancyTitled(resultLines[1]?.replace(/^2\. /, '') ?? '');
    const [detail] = await chat.says('2', startsWith(`*${second.title}*`));
    expect(detail).toMatch(/\nApplying is free of charge\.\n\n1\. Apply\n2\. Back to results\n3\. Report a fee or scam$/);
    await chat.says('apply', startsWith(en('apply.preview.header', { title: second.title, company: second.company.name })));
    const [applied] = await chat.says('1', startsWith(en('apply.done', { title: second.title, company: second.company.name })));
    expect(applied).toMatch(/\n\n1\. Back to results\n2\. Other matches\n3\. My applications$/);

    const identity = { channel: 'whatsapp' as const, userId: '+6281234567890' };
    const seeker = await c.store.seekers.findByIdentity(identity);
    expect(seeker).toMatchObject({
      identities: [identity],
      name: 'Budi Santoso',
      locale: 'en',
      domicile: { kecamatan: 'Tambun Selatan', ktpBekasi: true },
      education: { level: 'SMK' },
      experience: { years: 3 },
      certifications: [],
      wantedJobTypes: ['PKWT'],
      expectedSalary: 6_000_000,
      shiftWilling: true,
    });
    expect(seeker?.education.major).toBeUndefined();
    expect(await c.store.applications.listBySeeker(seeker?.id ?? '')).toEqual([expect.objectContaining({ vacancyId: second.id, status: 'submitted' })]);
  });
});
