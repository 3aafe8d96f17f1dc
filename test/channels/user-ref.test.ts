import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { userRef } from '../../src/channels/user-ref.js';

describe('userRef', () => {
  it('is stable for one person within a run and differs between people', () => {
    expect(userRef('+6281234567890')).toBe(userRef('+6281234567890'));
    expect(userRef('+6281234567890')).not.toBe(userRef('+6281234567891'));
  });

  it('is not a plain hash that could be looked up by trying every mobile number', () => {
    const plain = crypto.createHash('sha256').update('+6281234567890').digest('base64url').slice(0, 10);
    expect(userRef('+6281234567890')).not.toBe(plain);
    expect(userRef('+6281234567890')).not.toContain('6281234567890');
  });
});
