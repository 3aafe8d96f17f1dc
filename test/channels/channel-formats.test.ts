import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/channels/telegram/split-text.js';
import { renderOutbound } from '../../src/channels/telegram/telegram-render.js';
import { decideUpdate } from '../../src/channels/telegram/telegram-update.js';
import { readNumberedReply, renderNumbered } from '../../src/channels/whatsapp/numbered-choices.js';
import { chatIdToE164, e164ToChatId } from '../../src/channels/whatsapp/whatsapp-id.js';

const choices = [
  { id: 'edu:sma', label: 'SMA / SMK' },
  { id: 'edu:d3', label: 'Diploma (D3)' },
  { id: 'edu:s1', label: 'Sarjana (S1)' },
];

// How numbers are read is specified in test/domain/phone.test.ts; here only the WhatsApp id forms.
describe('WhatsApp ids', () => {
  it("maps a person's id to E.164 and back", () => {
    expect(chatIdToE164('6281234567890@c.us')).toBe('+6281234567890');
    expect(chatIdToE164('6281234567890@s.whatsapp.net')).toBe('+6281234567890');
    expect(chatIdToE164('60123456789@c.us')).toBe('+60123456789');
    expect(e164ToChatId('+6281234567890')).toBe('6281234567890@c.us');
    expect(e164ToChatId('0812-3456-7890')).toBe('6281234567890@c.us');
  });

  it('has no phone number for a group, a privacy id or a broadcast', () => {
    for (const id of ['120363025555555555@g.us', '99887766554433@lid', 'status@broadcast', '123@c.us']) expect(chatIdToE164(id), id).toBeUndefined();
  });

  it('refuses to address something that is not a phone number', () => {
    expect(() => e164ToChatId('budi')).toThrow(TypeError);
  });
});

describe('numbered choices (WhatsApp)', () => {
  it('renders choices as a numbered list under the text', () => {
    expect(renderNumbered({ text: 'Pendidikan terakhir?', choices })).toBe('Pendidikan terakhir?\n\n1. SMA / SMK\n2. Diploma (D3)\n3. Sarjana (S1)');
  });

  it('does not number a label twice when it already starts with its number', () => {
    const results = [
      { id: 'v1', label: '1. Operator Las SMAW' },
      { id: 'v2', label: '2. Operator Forklift' },
      { id: 'more', label: 'Lagi ▶' },
    ];
    expect(renderNumbered({ text: 'Hasil:', choices: results })).toBe('Hasil:\n\n1. Operator Las SMAW\n2. Operator Forklift\n3. Lagi ▶');
  });

  it('tidies the ways people write a list number to the bare number', () => {
    for (const typed of ['2', ' 2. ', 'no 2', 'No. 2', 'nomor 2', '#2', '2)', '(2)']) expect(readNumberedReply(typed)).toBe('2');
  });

  it('leaves other text as typed', () => {
    for (const typed of ['Cari lowongan', '1,3', '1 3', '2 tahun', 'no', 'nomor hp saya 0812', '']) expect(readNumberedReply(typed)).toBe(typed);
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
