import { MAX_JSON_BODY_BYTES } from '../../contracts';
import { limitLogin } from './login-limit';
import { capPageSize } from './page-size';

/** Payload's own JSON writes: a character with the longest biography allowed (200,000 characters) fits. */
const MAX_DOCUMENT_BODY_BYTES = 2 * 1024 * 1024;

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

const tooLarge = (limit: number) =>
  Response.json({ errors: [{ message: `The request body is larger than ${Math.round(limit / 1024)} KB.` }] }, { status: 413 });

function declaredLength(request: Request): number {
  const length = Number(request.headers.get('content-length'));
  return Number.isFinite(length) ? length : 0;
}

/**
 * What every REST request passes before Payload sees it: list queries get their page size capped (also when sent
 * as a POST with Payload's method override, as the admin's relationship fields do), and a JSON body whose declared
 * length is too large is refused with 413 before anything is read. Multipart bodies are bounded by `upload` in the
 * Payload config, custom endpoints' bodies by `readJson`.
 */
export async function guardRestRequest(request: Request): Promise<Request | Response> {
  const method = request.method.toUpperCase();
  if (method === 'GET') {
    const url = new URL(request.url);
    return capPageSize(url.searchParams) ? new Request(url, request) : request;
  }
  const refusedLogin = await limitLogin(request);
  if (refusedLogin) return refusedLogin;
  const contentType = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
  const overridesToGet = [request.headers.get('x-payload-http-method-override'), request.headers.get('x-http-method-override')].includes(
    'GET',
  );
  if (method === 'POST' && overridesToGet && contentType === 'application/x-www-form-urlencoded') {
    if (declaredLength(request) > MAX_JSON_BODY_BYTES) return tooLarge(MAX_JSON_BODY_BYTES);
    const query = new URLSearchParams(await request.text());
    capPageSize(query);
    const headers = new Headers(request.headers);
    headers.delete('content-length');
    return new Request(request.url, { method: 'POST', headers, body: query.toString(), signal: request.signal });
  }
  if (contentType === 'application/json' && declaredLength(request) > MAX_DOCUMENT_BODY_BYTES) return tooLarge(MAX_DOCUMENT_BODY_BYTES);
  return request;
}

export function withRestGuards<C>(handler: RouteHandler<C>): RouteHandler<C> {
  return async (request, context) => {
    const guarded = await guardRestRequest(request);
    return guarded instanceof Response ? guarded : handler(guarded, context);
  };
}
