import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { problemsOf } from '../helpers/config-problems.js';


describe('web chat configuration', () => {
  it('has limits and framing that suit one office by default', () => {
    expect(loadConfig({}).webChat).toEqual({ messagesPerMinute: 120, newConversationsPerIp: 20, maxEventStreams: 2000, frameAncestors: ["'self'"] });
  });

  it('reads the limits and the sites that may frame the chat page', () => {
    const config = loadConfig({
      CHAT_MESSAGES_PER_MINUTE: '60',
      CHAT_NEW_CONVERSATIONS_PER_IP: '200',
      CHAT_MAX_EVENT_STREAMS: '5000',
      CHAT_FRAME_ANCESTORS: "'self'  https://disnaker.bekasikab.go.id https://*.bekasikab.go.id:8443",
    });
    expect(config.webChat).toEqual({
      messagesPerMinute: 60,
      newConversationsPerIp: 200,
      maxEventStreams: 5000,
      frameAncestors: ["'self'", 'https://disnaker.bekasikab.go.id', 'https://*.bekasikab.go.id:8443'],
    });
  });

  it('takes self and none without the quotes a shell or env file strips, and empty as the default', () => {
    expect(loadConfig({ CHAT_FRAME_ANCESTORS: 'self https://disnaker.bekasikab.go.id' }).webChat.frameAncestors).toEqual(["'self'", 'https://disnaker.bekasikab.go.id']);
    expect(loadConfig({ CHAT_FRAME_ANCESTORS: 'none' }).webChat.frameAncestors).toEqual(["'none'"]);
    expect(loadConfig({ CHAT_FRAME_ANCESTORS: '' }).webChat.frameAncestors).toEqual(["'self'"]);
  });

  it.each([
    ['https://disnaker.bekasikab.go.id/embed'],
    ["https://a.go.id; script-src 'unsafe-inline'"],
    ["'none' 'self'"],
    ['*'],
    ['disnaker.bekasikab.go.id'],
    ["'unsafe-inline'"],
  ])('refuses CHAT_FRAME_ANCESTORS=%s with one line saying what it must be', (value) => {
    expect(problemsOf({ CHAT_FRAME_ANCESTORS: value })).toEqual([
      `CHAT_FRAME_ANCESTORS: must be 'self', 'none', or a space-separated list of 'self' and origins such as https://disnaker.bekasikab.go.id (no paths) (got "${value}")`,
    ]);
  });

  it.each([
    ['CHAT_MESSAGES_PER_MINUTE', '0', 'must be a whole number from 1 to 10000'],
    ['CHAT_NEW_CONVERSATIONS_PER_IP', 'banyak', 'must be a whole number from 1 to 1000000'],
    ['CHAT_MAX_EVENT_STREAMS', '2.5', 'must be a whole number from 1 to 100000'],
  ])('refuses %s=%s', (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([`${name}: ${message} (got "${value}")`]);
  });
});
