import { internationalDigitsToE164, toE164 } from '../../domain/index.js';

/** WhatsApp ids: `628…@c.us` a person, `…@g.us` a group, `status@broadcast` stories, `…@lid` a privacy id. */
export function isGroupId(id: string): boolean {
  return id.endsWith('@g.us');
}

export function isBroadcastId(id: string): boolean {
  return id === 'status@broadcast' || id.endsWith('@broadcast') || id.endsWith('@newsletter');
}

export function isLid(id: string): boolean {
  return id.endsWith('@lid');
}

/** `6281234567890@c.us` → `+6281234567890`; undefined when the id is not a person's phone id. */
export function chatIdToE164(id: string): string | undefined {
  const match = /^(\d{8,15})@(c\.us|s\.whatsapp\.net)$/.exec(id);
  return match?.[1] ? internationalDigitsToE164(match[1]) : undefined;
}

/** `+6281234567890` (or `0812…`) → `6281234567890@c.us`, the id `sendMessage` wants. */
export function e164ToChatId(phone: string): string {
  const e164 = toE164(phone);
  if (!e164) throw new TypeError('WhatsApp: recipient must be a phone number in E.164 form (+62…)');
  return `${e164.slice(1)}@c.us`;
}
