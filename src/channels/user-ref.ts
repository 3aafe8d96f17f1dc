import crypto from 'node:crypto';

/**
 * A short, stable stand-in for a chat id or phone number in logs, so one person's lines can be
 * followed without writing who they are (UU 27/2022). Not a security boundary: just not the number.
 */
export function userRef(userId: string): string {
  return crypto.createHash('sha256').update(`lokerbot:${userId}`).digest('base64url').slice(0, 10);
}
