import type { Inbound, InboundHandler, Outbound } from '../../src/conversation/message.js';
import { ServiceUnavailableError } from '../../src/errors/index.js';

/**
 * A tiny scripted conversation standing in for the engine: "/start" offers two choices, choosing
 * "search" answers with a result, "long" answers with a very long list, anything that is not text
 * is named back, and other text is echoed. It records every Inbound it was handed.
 */
export class StandInHandler implements InboundHandler {
  readonly received: Inbound[] = [];
  /** Delay per message text, to provoke reordering in ordering tests. */
  delays = new Map<string, number>();

  async handle(inbound: Inbound): Promise<readonly Outbound[]> {
    this.received.push(inbound);
    const delay = inbound.text ? this.delays.get(inbound.text) : undefined;
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (inbound.kind === 'choice') return [{ text: `chose ${inbound.choiceId ?? '?'}` }];
    if (inbound.kind !== 'text') return [{ text: `got ${inbound.kind}` }];
    if (inbound.text === '/start') {
      return [
        { text: 'Selamat datang di LokerBot Bekasi.' },
        {
          text: 'Mau apa?',
          choices: [
            { id: 'menu:register', label: 'Daftar' },
            { id: 'menu:search', label: 'Cari lowongan' },
          ],
        },
      ];
    }
    if (inbound.text === 'long') return [{ text: longList(), choices: [{ id: 'more', label: 'Lagi' }] }];
    // An alert's buttons, as the alert messages make them.
    if (inbound.text === 'alert') return [{ text: 'Lowongan baru', choices: [{ id: 'alert:apply:vac-1', label: 'Lamar' }, { id: 'alert:unsubscribe:sub-1', label: 'Berhenti langganan' }] }];
    // What the engine throws while Redis or the store is away.
    if (inbound.text === 'outage') throw new ServiceUnavailableError('loker:redis-unavailable', 'Redis is not reachable right now');
    return [{ text: `echo: ${inbound.text ?? ''}` }];
  }

  texts(): (string | undefined)[] {
    return this.received.map((i) => i.text);
  }
}

/** 200 numbered vacancy lines: about 9,000 characters. */
export function longList(): string {
  return Array.from({ length: 200 }, (_, i) => `${i + 1}. Operator produksi PT Maju Jaya, Cikarang Utara — MM2100`).join('\n');
}
