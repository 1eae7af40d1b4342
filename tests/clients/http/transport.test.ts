import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { PermanentServiceError, TransientServiceError } from '../../../clients/errors';
import { createHttpTransport, type HttpTransportOptions } from '../../../clients/http/transport';

type Handler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => void;

/** A real HTTP server on a free port whose next answer each test scripts. */
async function startServer(): Promise<{ url: string; answer(handler: Handler): void; close(): Promise<void> }> {
  let handler: Handler = (_request, _body, response) => response.end();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answer: (next) => (handler = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

const assetSchema = z.object({ asset_id: z.string(), features: z.array(z.number()) });

describe('HTTP transport against a real local server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const transport = (options: Partial<HttpTransportOptions> = {}) =>
    createHttpTransport({
      service: 'dino',
      label: 'Analysis service',
      baseUrl: `${server.url}/api/v1/`,
      headers: { authorization: 'Bearer key' },
      timeoutMs: 2_000,
      statusCodes: { 404: 'not_found', 422: 'validation' },
      ...options,
    });

  it('sends the default headers and a JSON body, and returns the validated answer', async () => {
    let seen: { url?: string; method?: string; authorization?: string; contentType?: string; body?: unknown } = {};
    server.answer((request, body, response) => {
      seen = {
        url: request.url,
        method: request.method,
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body: JSON.parse(body.toString()),
      };
      sendJson(response, 200, { asset_id: 'a', features: [0.5, 0.25], extra: true });
    });
    const answer = await transport().json('POST', '/analyze', assetSchema, { json: { asset_id: 'a' } });
    expect(answer).toEqual({ asset_id: 'a', features: [0.5, 0.25] });
    expect(seen).toEqual({
      url: '/api/v1/analyze',
      method: 'POST',
      authorization: 'Bearer key',
      contentType: 'application/json',
      body: { asset_id: 'a' },
    });
  });

  it('turns a timeout into a transient error', async () => {
    server.answer((_request, _body, response) => setTimeout(() => sendJson(response, 200, {}), 10_000).unref());
    const error = await transport({ timeoutMs: 200 })
      .json('GET', '/slow', z.unknown())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientServiceError);
    expect(error).toMatchObject({ service: 'dino', code: 'timeout', status: undefined });
    expect((error as Error).message).toMatch(/^Analysis service timed out \(GET \/slow\)/);
  });

  it('turns a refused connection into a transient error', async () => {
    const closed = await startServer();
    await closed.close();
    const error = await transport({ baseUrl: closed.url })
      .call('GET', '/health')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientServiceError);
    expect(error).toMatchObject({ code: 'network' });
    expect((error as Error).message).toMatch(/^Analysis service unreachable \(GET \/health\): connect ECONNREFUSED /);
  });

  it('sends an idempotent request again when its connection was closed under it, and no other request', async () => {
    let requests = 0;
    // The server drops the connection without an answer for the first `drops` requests, as a server closing an idle
    // keep-alive connection at the moment it is reused looks to the client.
    const dropFirst = (drops: number) => {
      requests = 0;
      server.answer((request, _body, response) => {
        requests++;
        if (requests <= drops) request.socket.destroy();
        else sendJson(response, 200, { asset_id: 'a1', features: [1] });
      });
    };

    dropFirst(1);
    await expect(transport().json('GET', '/media/a1', assetSchema)).resolves.toEqual({ asset_id: 'a1', features: [1] });
    expect(requests).toBe(2);

    dropFirst(1);
    const post = await transport()
      .json('POST', '/extract-features', assetSchema, { json: { asset_id: 'a1' } })
      .catch((e: unknown) => e);
    expect(post).toBeInstanceOf(TransientServiceError);
    expect(post).toMatchObject({ code: 'network' });
    expect(requests).toBe(1);

    dropFirst(10);
    const gone = await transport()
      .call('DELETE', '/media/a1')
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(TransientServiceError);
    expect(requests).toBe(3);

    dropFirst(1);
    await expect(transport().download('/files/a1.png', 1_000)).resolves.toEqual(
      Buffer.from(JSON.stringify({ asset_id: 'a1', features: [1] })),
    );
    expect(requests).toBe(2);
  });

  it('reads 503 with Retry-After as transient with the delay and the detail', async () => {
    server.answer((_request, _body, response) => sendJson(response, 503, { detail: 'Model not loaded' }, { 'retry-after': '7' }));
    const error = await transport()
      .json('POST', '/extract-features', z.unknown())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientServiceError);
    expect(error).toMatchObject({ status: 503, code: 'http_503', retryAfterMs: 7_000, retryable: true });
    expect((error as Error).message).toBe('Analysis service POST /extract-features failed with 503: Model not loaded');
  });

  it('reads 429 without Retry-After as transient with no delay', async () => {
    server.answer((_request, _body, response) => sendJson(response, 429, { message: 'slow down' }));
    const error = await transport()
      .json('GET', '/x', z.unknown())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientServiceError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: undefined });
  });

  it('reads 404 as permanent with the detail text and the service code', async () => {
    server.answer((_request, _body, response) => sendJson(response, 404, { detail: 'Asset not found' }));
    const error = await transport()
      .json('GET', '/media/a', z.unknown())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', retryable: false });
    expect((error as Error).message).toBe('Analysis service GET /media/a failed with 404: Asset not found');
  });

  it("summarises FastAPI's 422 validation list as loc: msg", async () => {
    const detail = [
      { type: 'missing', loc: ['query', 'asset_id'], msg: 'Field required' },
      { loc: ['body'], msg: 'Bad body' },
    ];
    server.answer((_request, _body, response) => sendJson(response, 422, { detail }));
    const error = await transport()
      .json('POST', '/extract-features', z.unknown())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error).toMatchObject({ status: 422, code: 'validation' });
    expect((error as Error).message).toMatch(/failed with 422: query\.asset_id: Field required; body: Bad body$/);
  });

  it.each([
    ['Payload errors', { errors: [{ message: 'name is invalid' }, { message: 'second' }] }, 'name is invalid; second'],
    [
      "Payload's validation error with its fields",
      {
        errors: [
          {
            name: 'ValidationError',
            message: 'The following field is invalid: runId',
            data: { errors: [{ message: 'Value must be unique', path: 'runId' }] },
          },
        ],
      },
      'The following field is invalid: runId (runId: Value must be unique)',
    ],
    [
      "MongoDB's unique refusal, whose field Payload cannot name",
      {
        errors: [
          {
            name: 'ValidationError',
            message: 'The following field is invalid: ',
            data: { errors: [{ message: 'Value must be unique', path: '' }] },
          },
        ],
      },
      'The following field is invalid: (Value must be unique)',
    ],
    ['a message', { error: 'ValidationError', message: 'documents must not be empty' }, 'documents must not be empty'],
    ['an error', { error: 'boom' }, 'boom'],
  ])('summarises %s', async (_shape, body, detail) => {
    server.answer((_request, _body, response) => sendJson(response, 400, body));
    const error = await transport()
      .json('POST', '/insert', z.unknown())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error).toMatchObject({ code: 'http_400' });
    expect((error as Error).message).toBe(`Analysis service POST /insert failed with 400: ${detail}`);
  });

  it('keeps the start of a body that is not a known error shape', async () => {
    server.answer((_request, _body, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end(`<html>Bad gateway${'.'.repeat(1_000)}</html>`);
    });
    const error = await transport()
      .json('GET', '/x', z.unknown())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientServiceError);
    expect((error as Error).message).toMatch(/failed with 502: <html>Bad gateway\.+$/);
    expect((error as Error).message.length).toBeLessThan(400);
  });

  it('reads a 2xx answer that is not JSON as a permanent unexpected response', async () => {
    server.answer((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>proxy login</html>');
    });
    const error = await transport()
      .json('GET', '/health', z.unknown())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error).toMatchObject({ code: 'bad_response', status: 200 });
    expect((error as Error).message).toMatch(/^Analysis service gave an unexpected response to GET \/health: not JSON/);
  });

  it('reads a 2xx answer that does not match the schema as a permanent unexpected response naming the field', async () => {
    server.answer((_request, _body, response) => sendJson(response, 200, { asset_id: 'a', features: 'not a vector' }));
    const error = await transport()
      .json('POST', '/extract-features', assetSchema, { what: 'feature extraction' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error).toMatchObject({ code: 'bad_response' });
    expect((error as Error).message).toMatch(/^Analysis service gave an unexpected response to feature extraction: features: /);
  });

  it('returns any status from call, and throws the typed error from callOrThrow', async () => {
    server.answer((_request, _body, response) => sendJson(response, 500, { detail: "name 'db' is not defined" }));
    const raw = await transport().call('DELETE', '/media/a');
    expect(raw).toMatchObject({ status: 500, text: JSON.stringify({ detail: "name 'db' is not defined" }) });
    await expect(transport().callOrThrow('DELETE', '/media/a')).rejects.toBeInstanceOf(TransientServiceError);
    server.answer((_request, _body, response) => response.end('not json, and that is fine here'));
    expect((await transport().callOrThrow('DELETE', '/media/a')).status).toBe(200);
  });

  it('uploads a file as multipart form data with text fields', async () => {
    let received: { file?: File; meta?: unknown } = {};
    server.answer((request, body, response) => {
      const multipart = new Response(new Uint8Array(body), { headers: { 'content-type': String(request.headers['content-type']) } });
      void multipart.formData().then((form) => {
        received = { file: form.get('file') as File, meta: form.get('_payload') };
        sendJson(response, 201, { asset_id: 'up', features: [1] });
      });
    });
    const bytes = Buffer.from([137, 80, 78, 71, 1, 2, 3]);
    const file = { bytes, filename: 'a.png', mimeType: 'image/png' };
    const answer = await transport().upload('/upload-media', file, assetSchema, { fields: { _payload: '{"alt":"a"}' } });
    expect(answer.asset_id).toBe('up');
    expect(received.file?.name).toBe('a.png');
    expect(received.file?.type).toBe('image/png');
    expect(Buffer.from(await received.file!.arrayBuffer())).toEqual(bytes);
    expect(received.meta).toBe('{"alt":"a"}');
  });

  it('downloads bytes within a limit and refuses larger bodies, declared or streamed', async () => {
    const bytes = Buffer.alloc(1_000, 7);
    server.answer((_request, _body, response) => response.end(bytes));
    expect(await transport().download('/file.png', 1_000)).toEqual(bytes);
    await expect(transport().download('/file.png', 999)).rejects.toMatchObject({
      code: 'too_large',
      message: 'The file is 1000 bytes, over the 999-byte limit',
    });
    server.answer((_request, _body, response) => {
      response.writeHead(200, { 'transfer-encoding': 'chunked' });
      response.write(bytes);
      response.end(bytes);
    });
    await expect(transport().download('/file.png', 1_500)).rejects.toMatchObject({
      code: 'too_large',
      message: 'The file is over the 1500-byte limit',
    });
    const forbidden = { errors: [{ message: 'You are not allowed to perform this action.' }] };
    server.answer((_request, _body, response) => sendJson(response, 403, forbidden));
    await expect(transport().download('/file.png', 1_500)).rejects.toMatchObject({ code: 'http_403', status: 403 });
  });
});
