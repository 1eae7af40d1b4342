import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

/**
 * The stand-ins are written as Web-standard `(Request) => Response` handlers so that their route code
 * reads like the wire contract, and are served by plain node:http (no framework to keep in step).
 */
export type FetchHandler = (request: Request) => Promise<Response> | Response;

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function serveFetchHandler(handler: FetchHandler, options: { port: number; host?: string }): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((req, res) => {
    void handleNodeRequest(handler, req, res, host);
  });
  // Keep-alive sockets would otherwise hold close() open for the client's idle timeout.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handleNodeRequest(handler: FetchHandler, req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
      else if (value !== undefined) headers.set(key, value);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(url, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      // Required by Node's fetch implementation for streamed request bodies.
      duplex: 'half',
    } as RequestInit);
    const response = await handler(request);
    res.statusCode = response.status;
    response.headers.forEach((value, key) => res.setHeader(key, value));
    if (response.body) {
      const body = Buffer.from(await response.arrayBuffer());
      res.setHeader('content-length', body.length);
      res.end(body);
    } else {
      res.end();
    }
  } catch (error) {
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
    }
    res.end(JSON.stringify({ detail: `stand-in internal error: ${(error as Error).message}` }));
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
