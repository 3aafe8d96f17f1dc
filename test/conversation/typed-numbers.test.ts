import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../helpers/redis.js';
import { lastText, registerUpTo, REGISTRATION, seekerOf, sharedConversation, storedState, t } from './script.js';

const stepIndex = (id: string) => REGISTRATION.findIndex((s) => s.step === id);

describe('typed numbers and the offered buttons', () => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);

  it('takes "1" at the salary step as Rp 1 juta, not as the Skip button', async () => {
    const c = conversation();
    const user = nextUser();
    await registerUpTo(c, user, 'id', stepIndex('salary'));
    const replies = await c.say(user, '1');
    expect(lastText(replies)).toBe(t('id', 'reg.shift.prompt'));
    for (const s of REGISTRATION.slice(stepIndex('shift'))) await c.say(user, s.answer.id);
    expect((await seekerOf(c, user))?.expectedSalary).toBe(1_000_000);
  });

  it('takes "1" at an optional text step as its first button (Skip), as a WhatsApp numbered list invites', async () => {
    const c = conversation();
    const user = nextUser();
    await registerUpTo(c, user, 'id', stepIndex('major'));
    const replies = await c.say(user, '1');
    expect(lastText(replies)).toBe(t('id', 'reg.skills.prompt'));
  });

  it('lists the 23 kecamatan of Kabupaten Bekasi on "bantuan" and takes a number from that list', async () => {
    const c = conversation();
    const user = nextUser();
    await registerUpTo(c, user, 'id', stepIndex('kecamatan'));
    const help = await c.say(user, 'bantuan');
    const list = help[0]?.text ?? '';
    expect(list).toMatch(/^1\. Babelan$/m);
    expect(list).toMatch(/^23\. Tarumajaya$/m);
    const tenth = /^10\. (.+)$/m.exec(list)?.[1];
    expect(lastText(await c.say(user, '10'))).toBe(t('id', 'reg.desa.prompt'));
    const state = await storedState(redis.client, c, user);
    expect((state?.data as Record<string, unknown>).kecamatan).toBe(tenth);
  });

  it('records S3 when typed, though the button reads S2/S3', async () => {
    const c = conversation();
    const user = nextUser();
    await registerUpTo(c, user, 'id', stepIndex('education'));
    const replies = await c.say(user, 's3');
    expect(lastText(replies)).toBe(t('id', 'reg.major.prompt'));
  });
});
