import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

/*
 * Phone numbers, read with libphonenumber-js (Google's numbering-plan metadata). The `max`
 * metadata is the one that knows a mobile number from a landline, which the chat answer needs;
 * the channel readers use only its length rules.
 *
 * Two strictness levels, on purpose:
 * - what a platform hands us (a WhatsApp id, a shared contact) is a real number by construction,
 *   so it is only checked for a possible length: stricter digit rules go stale when a country
 *   opens new ranges, and a stale rule would drop a real person's message;
 * - what a person types as their own number is checked fully: it must be an Indonesian mobile.
 */

/** How national spellings ("0812…") are read: this service is in Indonesia. */
const DEFAULT_COUNTRY = 'ID';

function parse(text: string): PhoneNumber | undefined {
  // `extract: false`: the whole text must be the number, so "my number is 0812…" is no number.
  return parsePhoneNumberFromString(text.trim(), { defaultCountry: DEFAULT_COUNTRY, extract: false });
}

/**
 * A phone number as people and platforms write it ("0812-3456-7890", "6281234567890",
 * "+62 812 3456 7890", "+60 12-345 6789") → E.164 ("+6281234567890"). National spellings are
 * read as Indonesian; any country is accepted. Undefined for what cannot be a phone number
 * (too short or too long for its country, letters, no digits).
 */
export function toE164(text: string): string | undefined {
  const number = parse(text);
  return number?.isPossible() ? number.number : undefined;
}

/**
 * International digits without the plus, as WhatsApp ids and Telegram contacts carry them
 * ("6281234567890") → E.164. A leading plus is tolerated. Never read as a national number:
 * "447911123456" is a UK number, not an Indonesian one.
 */
export function internationalDigitsToE164(digits: string): string | undefined {
  const bare = digits.trim().replace(/^\+/, '');
  return /^\d+$/.test(bare) ? toE164(`+${bare}`) : undefined;
}

/**
 * The person's own Indonesian mobile number typed in a chat, in any common spelling ("0812 3456
 * 7890", "0812-3456-7890", "+62 812…", "62812…", "(0812) 3456-7890") → E.164 (+628…). Undefined for
 * a landline ("021 8990 1234"), a foreign number, or a number of the wrong length: the service
 * and employers reach people on this number by WhatsApp and SMS, which a landline cannot receive,
 * and the step asks for a "nomor HP".
 */
export function indonesianMobileToE164(text: string): string | undefined {
  const number = parse(text);
  if (!number || number.country !== DEFAULT_COUNTRY || !number.isValid()) return undefined;
  const type = number.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? number.number : undefined;
}
