/**
 * Secret tokens for bots and the admin. A token is 32 random bytes (256 bits), so a plain sha256
 * is enough to store it: there is nothing to brute-force that a slow hash (scrypt) would protect,
 * and lookups by hash stay one indexed query per connection.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newToken(prefix: 'ludus' | 'ludus_admin' = 'ludus'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token from an `Authorization: Bearer <token>` header, if any. */
export function bearer(header: string | string[] | undefined): string | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m ? m[1] : undefined;
}
