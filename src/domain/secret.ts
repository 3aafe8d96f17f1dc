import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.js';

/** Bytes in every store-kept secret: 256 bits, the key size of HMAC-SHA-256. */
export const SECRET_BYTES = 32;

/**
 * A random key that every process on one store shares (the web chat's session-signing key, the
 * key that pseudonymises Redis keys), so they agree without configuration. Whoever can read the
 * store can read it, as they could read the data it protects.
 */
export const secretSchema = z.object({
  /** The secret's name, e.g. `web-session`. */
  id: idSchema,
  /** SECRET_BYTES random bytes in base64: 43 characters and one `=`. */
  value: z.base64().regex(/^[A-Za-z0-9+/]{43}=$/, `must be ${SECRET_BYTES} bytes in base64`),
  createdAt: isoDateTimeSchema,
});
export type Secret = z.infer<typeof secretSchema>;
