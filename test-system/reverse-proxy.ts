import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReverseProxy {
  port: number;
  /** Where requests go from now on (the app may start after the proxy, once its public URL is known). */
  setUpstream(url: string): void;
  close(): Promise<void>;
}

/**
 * A plain HTTP reverse proxy as nginx's `proxy_pass` runs by default: the upstream sees its own address in Host,
 * not the name the browser used, and no X-Forwarded-Host.
 */
export async function startReverseProxy(): Promise<ReverseProxy> {
  let upstream: URL | undefined;
  const server: Server = createServer((incoming, outgoing) => {
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
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    setUpstream: (url) => (upstream = new URL(url)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
