import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether the request carries `Authorization: Bearer <token>`. Compares
 * SHA-256 digests in constant time, so neither the token's content nor its
 * length leaks through timing.
 */
export function hasBearerToken(headers: IncomingHttpHeaders, token: string): boolean {
  const m = /^Bearer +(\S+) *$/i.exec(headers.authorization ?? '');
  const given = m ? m[1]! : '';
  return timingSafeEqual(digest(given), digest(token)) && m !== null;
}
