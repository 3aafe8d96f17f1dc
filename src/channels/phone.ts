/**
 * Normalises a phone number as people and platforms write it ("0812-3456-789", "62812…",
 * "+62 812…") to E.164 ("+62812…"). A leading 0 is read as an Indonesian trunk prefix, the only
 * local form this service sees. Returns undefined for something that cannot be a phone number.
 */
export function toE164(raw: string): string | undefined {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  let international: string;
  if (trimmed.startsWith('+') || trimmed.startsWith('00')) international = digits.replace(/^00/, '');
  else if (digits.startsWith('0')) international = `62${digits.slice(1)}`;
  else international = digits;
  // E.164 allows at most 15 digits; anything under 8 is a short code, not a person.
  if (international.length < 8 || international.length > 15 || international.startsWith('0')) return undefined;
  return `+${international}`;
}
