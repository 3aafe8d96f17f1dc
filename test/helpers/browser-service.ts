import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { ChatClient } from './chat-client.js';
import { startChatService, type ChatService, type ChatServiceOptions } from './chat-service.js';
import { launchChromium } from './chromium.js';
import type { TestRedis } from './redis.js';

/** Where browser tests leave their screenshots (git-ignored). */
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

export interface ServiceAndBrowser {
  readonly chat: ChatService;
  readonly browser: Browser;
}

/**
 * The whole service in this process on the file's redis-server (see startChatService) and Debian's
 * chromium, started before the file's tests and stopped after them; call the returned function
 * inside a test.
 */
export function useServiceAndBrowser(redis: TestRedis, options: Omit<ChatServiceOptions, 'redisUrl'>): () => ServiceAndBrowser {
  let chat: ChatService | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    chat = await startChatService({ ...options, redisUrl: redis.url });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await chat?.stop();
  });
  return () => {
    if (!chat || !browser) throw new Error('setup failed: the service or chromium did not start (see beforeAll)');
    return { chat, browser };
  };
}

/** The web chat user id behind a chat client's session, as the service keeps its inbox. */
export async function webUserIdOf(baseUrl: string, person: ChatClient): Promise<string> {
  const response = await fetch(`${baseUrl}/api/chat/session`, { headers: { authorization: `Bearer ${person.token ?? ''}` } });
  return ((await response.json()) as { userId: string }).userId;
}

export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors, console errors, and HTTP errors the test did not expect, as they happen. */
  readonly problems: string[];
}

/** A phone-sized page (390 × 844, Indonesian) that collects what goes wrong on it; `expected` says which HTTP errors the test causes on purpose. */
export async function watchedPhonePage(browser: Browser, expected: (status: number, url: string) => boolean): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'id-ID' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // Failed requests are judged below by their URL; the console's copy of them says nothing more.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !expected(response.status(), response.url())) problems.push(`${response.status()} ${response.url()}`);
  });
  return { context, page, problems };
}
