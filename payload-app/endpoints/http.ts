import type { PayloadRequest } from 'payload';
import { hasRole, type Role } from '../access/roles';

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** 401 when nobody is signed in, 403 when the signed-in user lacks every listed role. */
export function requireRole(req: PayloadRequest, ...roles: Role[]) {
  if (!req.user) throw new HttpError(401, 'Sign in first.');
  if (!hasRole(req.user, ...roles)) throw new HttpError(403, `This needs one of the roles: ${roles.join(', ')}.`);
  return req.user;
}

export async function readJson(req: PayloadRequest): Promise<unknown> {
  if (!req.json) return {};
  try {
    return (await req.json()) ?? {};
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** Runs an endpoint body, turning HttpErrors into JSON answers and anything else into a logged 500. */
export async function respond(req: PayloadRequest, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof HttpError) return Response.json({ error: error.message }, { status: error.status });
    req.payload.logger.error({ msg: 'endpoint failed', err: error });
    return Response.json({ error: 'Internal error; see the server log.' }, { status: 500 });
  }
}
