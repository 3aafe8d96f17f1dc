import { describe, expect, it } from 'vitest';
import { toE164 } from '../../src/channels/phone.js';
import { splitText } from '../../src/channels/telegram/split-text.js';
import { renderOutbound } from '../../src/channels/telegram/telegram-render.js';
import { decideUpdate } from '../../src/channels/telegram/telegram-update.js';
import { ChoiceMemory, matchChoice, renderNumbered } from '../../src/channels/whatsapp/numbered-choices.js';
import { chatIdToE164, e164ToChatId } from '../../src/channels/whatsapp/whatsapp-id.js';

const choices = [
  { id: 'edu:sma', label: 'SMA / SMK' },
  { id: 'edu:d3', label: 'Diploma (D3)' },
  { id: 'edu:s1', label: 'Sarjana (S1)' },
];

describe('phone numbers', () => {
  it('normalises Indonesian numbers to E.164', () => {
    expect(toE164('0812-3456-7890')).toBe('+6281234567890');
    expect(toE164('+62 812 3456 7890')).toBe('+6281234567890');
    expect(toE164('6281234567890')).toBe('+6281234567890');
    expect(toE164('123')).toBeUndefined();
  });

  it('maps WhatsApp ids to E.164 and back', () => {
    expect(chatIdToE164('6281234567890@c.us')).toBe('+6281234567890');
    expect(chatIdToE164('120363025555555555@g.us')).toBeUndefined();
    expect(e164ToChatId('+6281234567890')).toBe('6281234567890@c.us');
  });
});

describe('numbered choices (WhatsApp)', () => {
  it('renders choices as a numbered list under the text', () => {
    expect(renderNumbered({ text: 'Pendidikan terakhir?', choices })).toBe('Pendidikan terakhir?\n\n1. SMA / SMK\n2. Diploma (D3)\n3. Sarjana (S1)');
  });

  it('reads a number, a label or words of exactly one label', () => {
    expect(matchChoice('2', choices)?.id).toBe('edu:d3');
    expect(matchChoice(' 3. ', choices)?.id).toBe('edu:s1');
    expect(matchChoice('sma/smk', choices)?.id).toBe('edu:sma');
    expect(matchChoice('sarjana', choices)?.id).toBe('edu:s1');
    expect(matchChoice('diploma d3', choices)?.id).toBe('edu:d3');
  });

  it('leaves other text alone', () => {
    expect(matchChoice('7', choices)).toBeUndefined();
    expect(matchChoice('saya lulusan pesantren', choices)).toBeUndefined();
    expect(matchChoice('', choices)).toBeUndefined();
  });

  it('forgets offered choices after their time', () => {
    let now = 0;
    const memory = new ChoiceMemory({ ttlMs: 1_000, now: () => now });
    memory.remember('+6281', choices);
    expect(memory.offered('+6281')).toHaveLength(3);
    now = 1_001;
    expect(memory.offered('+6281')).toHaveLength(0);
  });
});

describe('Telegram formatting', () => {
  it('leaves a short text whole', () => {
    expect(splitText('halo')).toEqual(['halo']);
  });

  it('cuts at line boundaries under the limit', () => {
    const text = ['aaaa', 'bbbb', 'cccc'].join('\n');
    expect(splitText(text, 10)).toEqual(['aaaa\nbbbb', 'cccc']);
  });

  it('cuts an overlong line at a space, or hard when there is none', () => {
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('replaces a choice id longer than 64 bytes by its position, and reads the label back on press', () => {
    const long = 'v'.repeat(70);
    const [message] = renderOutbound({ text: 'Pilih', choices: [{ id: long, label: 'Lamar' }] });
    const data = message?.replyMarkup?.inline_keyboard[0]?.[0];
    expect(data).toEqual({ text: 'Lamar', callback_data: '~0' });
    const decision = decideUpdate(
      {
        update_id: 9,
        callback_query: {
          id: 'q1',
          from: { id: 1, is_bot: false, first_name: 'A' },
          chat_instance: 'c',
          data: '~0',
          message: { message_id: 3, date: 0, chat: { id: 1, type: 'private', first_name: 'A' }, text: 'Pilih', reply_markup: message!.replyMarkup! },
        },
      },
      'LokerBekasiBot',
    );
    expect(decision).toMatchObject({ kind: 'inbound', inbound: { kind: 'text', text: 'Lamar' } });
  });
});
