import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReverseProxy {
  port: number;
  url: string;
  /** Where requests go from now on (the app may start after the proxy, once its public URL is known). */
  setUpstream(url: string): void;
  close(): Promise<void>;
}

export interface HeldRequest {
  method: string;
  url: string;
  body: Buffer;
}

export interface ReverseProxyOptions {
  upstream?: string;
  /**
   * Decides, once a request's whole body has arrived, whether to hold it: neither forwarded nor answered until the
   * proxy closes, as a request caught by a crash between its sender and the upstream. Without it, bodies stream
   * through as they arrive.
   */
  hold?: (held: HeldRequest) => boolean;
}

/**
 * A plain HTTP reverse proxy as nginx's `proxy_pass` runs by default: the upstream sees its own address in Host,
 * not the name the browser used, and no X-Forwarded-Host.
 */
export async function startReverseProxy(options: ReverseProxyOptions = {}): Promise<ReverseProxy> {
  let upstream = options.upstream === undefined ? undefined : new URL(options.upstream);
  const heldResponses: ServerResponse[] = [];
  const forward = (incoming: IncomingMessage, outgoing: ServerResponse, body?: Buffer) => {
    if (!upstream) {
      outgoing.writeHead(502).end('no upstream yet');
      return;
    }
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host, 'x-forwarded-proto': 'http' },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.headersSent || outgoing.writeHead(502).end());
    if (body === undefined) incoming.pipe(forwarded);
    else forwarded.end(body);
  };
  const server: Server = createServer((incoming, outgoing) => {
    const { hold } = options;
    if (!hold) {
      forward(incoming, outgoing);
      return;
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (hold({ method: incoming.method ?? 'GET', url: incoming.url ?? '/', body })) heldResponses.push(outgoing);
      else forward(incoming, outgoing, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setUpstream: (url) => (upstream = new URL(url)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of heldResponses) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
