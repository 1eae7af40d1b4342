import { createHash, createHmac } from 'node:crypto';

/** The HS256 key Payload signs its session tokens with: the first 32 hex digits of sha256(PAYLOAD_SECRET). */
export function payloadJwtKey(payloadSecret: string): string {
  return createHash('sha256').update(payloadSecret).digest('hex').slice(0, 32);
}

const decodePart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
const encodePart = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A real session token with its claims changed and signed again with `key`: with a wrong key it is a forgery, with
 * the right key and `exp` in the past it is an expired token that is otherwise valid (same user, same session id).
 */
export function resignedJwt(token: string, key: string, claims: Record<string, unknown>): string {
  const [header, body] = token.split('.');
  if (!header || !body) throw new Error('not a JWT');
  const signed = `${encodePart(decodePart(header))}.${encodePart({ ...decodePart(body), ...claims })}`;
  return `${signed}.${createHmac('sha256', key).update(signed).digest('base64url')}`;
}
