/**
 * A connection the service closed while it sat idle, found closed only when reused: Node servers close idle keep-alive
 * connections after a few seconds, and on a busy machine a connection can be picked up the moment before its close is
 * read. An idempotent request that meets one is sent again at once (a new connection), up to twice, instead of failing
 * the whole activity attempt; seen in a loaded run as six attempts of one step in a row lost to "other side closed".
 * POST and PATCH are never sent again here: the service may have applied them before the connection went.
 */
const CLOSED_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'DELETE']);
const CLOSED_CONNECTION_RETRIES = 2;

/** undici's `request` and Node's `fetch` both put the socket's error code on the error's `cause`. */
function metClosedConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && CLOSED_CONNECTION_CODES.has(cause.code);
}

/** `attempt`, once more on a fresh connection when an idempotent request met a closed one, up to twice. */
export async function againOnClosedConnection<T>(method: string, attempt: () => Promise<T>): Promise<T> {
  for (let retries = 0; ; retries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!IDEMPOTENT_METHODS.has(method.toUpperCase()) || retries >= CLOSED_CONNECTION_RETRIES || !metClosedConnection(error)) throw error;
    }
  }
}
