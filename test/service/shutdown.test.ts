import { describe, expect, it } from 'vitest';
import { ChatClient } from '../helpers/chat-client.js';
import { startChatService } from '../helpers/chat-service.js';
import { waitFor } from '../helpers/wait.js';

/*
 * Shutdown order as a client sees it: HTTP stops taking requests first, every request already
 * taken is answered by a chat that is still running, and keep-alive clients are told to close.
 * Before, the chat handler stopped first and kept-alive clients got 503 "chat is starting".
 */
describe('stopping the service under load', { timeout: 60_000 }, () => {
  it('answers every request it took with the real reply, then refuses connections; never a 503', async () => {
    // A fast loop from one address: the per-session limit is not what is tested here.
    const chat = await startChatService({ vacancies: 10, env: { CHAT_MESSAGES_PER_MINUTE: '10000' } });
    const statuses: (number | string)[] = [];
    let stopping = false;
    const clients = Array.from({ length: 4 }, () => new ChatClient(chat.baseUrl));
    const load = clients.map(async (client) => {
      for (let i = 0; i < 400; i++) {
        try {
          statuses.push((await client.send(i % 2 === 0 ? 'halo' : 'bantuan')).status);
        } catch {
          statuses.push('refused');
          if (stopping) return;
        }
      }
    });
    // Stop while the load is running: once a few answers came back (however slow the machine is).
    await waitFor(() => statuses.length >= 20, 'answers before the stop', 30_000);
    stopping = true;
    await chat.stop();
    await Promise.all(load);
    const answered = statuses.filter((s) => typeof s === 'number');
    expect(answered.length).toBeGreaterThanOrEqual(20);
    expect(new Set(answered)).toEqual(new Set([200]));
    expect(statuses.at(-1)).toBe('refused');
  });
});
