import type { PayloadRequest } from 'payload';
import type { ZodType } from 'zod';
import { hasRole, type Role } from '../access/roles';
import { BodyTooLargeError, readBodyText } from './read-body';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** 401 when nobody is signed in, 403 when the signed-in user lacks every listed role. */
export function requireRole(req: PayloadRequest, ...roles: Role[]) {
  if (!req.user) throw new HttpError(401, 'Sign in first.');
  if (!hasRole(req.user, ...roles)) throw new HttpError(403, `This needs one of the roles: ${roles.join(', ')}.`);
  return req.user;
}

/** The JSON body, at most MAX_JSON_BODY_BYTES (413 beyond); an empty body is `{}`. */
export async function readJson(req: PayloadRequest): Promise<unknown> {
  let text: string;
  try {
    text = await readBodyText(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new HttpError(413, error.message);
    throw error;
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) ?? {};
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** Runs an endpoint body, turning HttpErrors into JSON answers and anything else into a logged 500. */
export async function respond(req: PayloadRequest, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof HttpError) return Response.json({ error: error.message }, { status: error.status, headers: error.headers });
    const path = req.url ? new URL(req.url, 'http://app').pathname : undefined;
    req.payload.logger.error({ msg: 'endpoint failed', method: req.method, path, err: error });
    return Response.json({ error: 'Internal error; see the server log.' }, { status: 500 });
  }
}

/** Parses the JSON body with a zod schema; a mismatch is a 400 naming each bad field. */
export async function parseBody<T>(req: PayloadRequest, schema: ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The `:id` document, read with the caller's own access (a document they cannot read is a 404 to them). */
export async function findForCaller<S extends 'characters' | 'character-images'>(req: PayloadRequest, collection: S, what: string) {
  const id = String(req.routeParams?.id ?? '');
  const doc = await req.payload.findByID({ collection, id, depth: 0, req, overrideAccess: false }).catch(() => null);
  if (!doc) throw new HttpError(404, `No ${what} ${id}.`);
  return doc;
}
