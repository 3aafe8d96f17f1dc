import crypto from 'node:crypto';

/**
 * Keyed per process: a plain hash of a phone number could be reversed by trying every Indonesian
 * mobile number, a keyed one cannot without the key, which never leaves memory.
 */
const KEY = crypto.randomBytes(32);

/**
 * A short stand-in for a chat id or phone number in logs, so one person's lines can be followed
 * within a run without writing who they are (UU 27/2022).
 */
export function userRef(userId: string): string {
  return crypto.createHmac('sha256', KEY).update(userId).digest('base64url').slice(0, 10);
}
