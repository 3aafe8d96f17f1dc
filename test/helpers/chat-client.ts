import { randomUUID } from 'node:crypto';
import type { Outbound } from '../../src/conversation/index.js';
import { waitForAsync } from './wait.js';

/** One answer of the chat API, as an HTTP client sees it. */
export interface ChatResponse {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly replies: readonly Outbound[];
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * A web chat API client the way a real one behaves: its first message starts a conversation and
 * gets a session token, which it sends back as `Authorization: Bearer` from then on.
 */
export class ChatClient {
  token: string | undefined;

  constructor(private readonly baseUrl: string) {}

  /** Sends one message; never throws for an HTTP error status (see `say` for that). */
  async send(text: string, messageId: string = randomUUID()): Promise<ChatResponse> {
    const response = await fetch(`${this.baseUrl}/api/chat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ text, messageId }),
    });
    const body = (await response.json()) as { replies?: Outbound[]; sessionToken?: string; error?: { code: string; message: string } };
    if (body.sessionToken) this.token = body.sessionToken;
    return { status: response.status, retryAfter: response.headers.get('retry-after'), replies: body.replies ?? [], ...(body.error ? { error: body.error } : {}) };
  }

  /** Sends one message and returns the texts of the replies; fails on anything but 200. */
  async say(text: string): Promise<string[]> {
    const response = await this.send(text);
    if (response.status !== 200) throw new Error(`chat answered ${response.status}: ${JSON.stringify(response.error)}`);
    return response.replies.map((r) => r.text);
  }

  /** Sends `text` until it is answered with 200 (the service recovering from an outage), and returns the replies. */
  answerWhenBack(text: string, timeoutMs = 10_000): Promise<readonly Outbound[]> {
    return waitForAsync(async () => {
      const response = await this.send(text);
      return response.status === 200 && response.replies;
    }, `an answer to "${text}"`, timeoutMs);
  }

  /**
   * The whole registration of an SMK graduate, in Indonesian, with the given answers where given.
   * A desa is checked against its kecamatan's list where that is known (Kabupaten Bekasi's), so a
   * made-up one needs a kecamatan outside it.
   */
  async register(answers: Partial<Record<'name' | 'kecamatan' | 'desa' | 'experience', string>> = {}): Promise<void> {
    for (const text of ['halo', '1', 'setuju', answers.name ?? 'Budi Santoso', answers.kecamatan ?? 'cikarang utara', answers.desa ?? 'Karangasih', 'ya', 'SMK', 'Teknik Mesin', 'las smaw, operator forklift', 'ya', '2', answers.experience ?? '2 tahun operator di MM2100', 'operator produksi', 'BLK Las', '1,2', '5,5 juta', 'ya', 'ya']) {
      await this.say(text);
    }
  }
}
