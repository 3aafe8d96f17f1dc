import type { Inbound, InboundKind } from '../../conversation/message.js';
import { internationalDigitsToE164, toE164 } from '../../domain/index.js';
import type { WhatsAppIncoming } from './whatsapp-client.js';
import { isBroadcastId, isGroupId } from './whatsapp-id.js';

const KINDS: Readonly<Record<string, InboundKind>> = {
  chat: 'text',
  image: 'image',
  album: 'image',
  audio: 'audio',
  ptt: 'audio',
  video: 'video',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
  vcard: 'contact',
  multi_vcard: 'contact',
};

/** Protocol and system messages nobody typed: never answered. */
const SYSTEM_TYPES = new Set(['revoked', 'e2e_notification', 'notification', 'notification_template', 'protocol', 'reaction', 'call_log', 'gp2', 'ciphertext', 'debug', 'broadcast_notification', 'group_notification']);

/** Why a message is not handed to the engine, or undefined when it should be. */
export function skipReason(message: WhatsAppIncoming): string | undefined {
  if (message.fromMe) return 'from-me';
  if (isGroupId(message.from)) return 'group';
  if (message.isStatus || isBroadcastId(message.from)) return 'broadcast';
  if (SYSTEM_TYPES.has(message.type)) return 'system';
  return undefined;
}

/** The neutral message for one WhatsApp message from the person with number `phone` (E.164). */
export function toInbound(message: WhatsAppIncoming, phone: string): Inbound {
  const kind = KINDS[message.type] ?? 'other';
  const base = {
    channel: 'whatsapp' as const,
    userId: phone,
    messageId: message.id._serialized,
    receivedAt: new Date(message.timestamp * 1000).toISOString(),
  };
  if (kind === 'location' && message.location) {
    return { ...base, kind, location: { lat: Number(message.location.latitude), lon: Number(message.location.longitude) } };
  }
  if (kind === 'contact') {
    const contactPhone = phoneFromVCard(message.vCards?.[0] ?? message.body);
    return { ...base, kind, ...(contactPhone ? { contactPhone } : {}) };
  }
  // Media captions arrive in `body`; keep them as text so "ini CV saya" is not lost.
  return { ...base, kind, ...(message.body ? { text: message.body } : {}) };
}

/** The first TEL of a vCard ("TEL;type=CELL;waid=628…:+62 812-…"), normalised. */
function phoneFromVCard(vcard: string): string | undefined {
  const waid = /waid=(\d{8,15})/i.exec(vcard);
  if (waid?.[1]) return internationalDigitsToE164(waid[1]);
  const tel = /^TEL[^:]*:(.+)$/im.exec(vcard);
  return tel?.[1] ? toE164(tel[1]) : undefined;
}
