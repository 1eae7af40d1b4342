import { PermanentServiceError, TransientServiceError } from '../../../clients/errors';
import { createPayloadRestClient } from '../../../clients/payload/client';
import { json, serveFetchHandler, type RunningServer } from '../../../local-services/http/http-server';

/** The Payload REST client against a fake that answers the way Payload's REST API does. */
describe('Payload REST client', () => {
  let server: RunningServer;
  let next: (request: Request) => Response | Promise<Response>;
  let seen: Request[] = [];
  beforeAll(async () => {
    server = await serveFetchHandler(
      (request) => {
        seen.push(request);
        return next(request);
      },
      { port: 0 },
    );
  });
  afterAll(() => server.close());
  beforeEach(() => {
    seen = [];
  });
  const client = () => createPayloadRestClient({ baseUrl: `${server.url}/`, apiKey: 'worker-key' });

  it('sends the API key and JSON, and returns the document', async () => {
    let body: unknown;
    next = async (request) => {
      body = await request.json();
      return json({ doc: { id: 7, name: 'Ada' }, message: 'Updated successfully.' });
    };
    expect(await client().update('characters', 7, { name: 'Ada' })).toEqual({ id: 7, name: 'Ada' });
    expect(seen[0]!.method).toBe('PATCH');
    expect(new URL(seen[0]!.url).pathname + new URL(seen[0]!.url).search).toBe('/api/characters/7?depth=0');
    expect(seen[0]!.headers.get('authorization')).toBe('users API-Key worker-key');
    expect(body).toEqual({ name: 'Ada' });
  });

  it("reads Payload's errors list into a permanent error, 404 as not_found", async () => {
    next = () => json({ errors: [{ message: 'Not Found' }] }, 404);
    const error = await client()
      .findById('characters', 99)
      .catch((e) => e);
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error).toMatchObject({ service: 'payload', status: 404, code: 'not_found' });
    expect(error.message).toBe('Payload GET /api/characters/99?depth=0 failed with 404: Not Found');
  });

  it('counts a document that is already gone as deleted', async () => {
    next = () => json({ errors: [{ message: 'Not Found' }] }, 404);
    await expect(client().remove('media', 3)).resolves.toBeUndefined();
    next = () => json({ errors: [{ message: 'Something went wrong.' }] }, 500);
    await expect(client().remove('media', 3)).rejects.toBeInstanceOf(TransientServiceError);
  });

  it('names the call in an unexpected response', async () => {
    next = () => json({ docs: 'not a list', totalDocs: 1 });
    const error = await client()
      .find('media', { generationKey: { equals: 'k' } })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'bad_response' });
    expect(error.message).toMatch(/^Payload gave an unexpected response to media list: docs: /);
  });

  it('uploads media as multipart form data with the document fields in _payload', async () => {
    let form: FormData | undefined;
    next = async (request) => {
      form = await request.formData();
      return json({ doc: { id: 12, filename: 'a.png' } }, 201);
    };
    const bytes = Buffer.from([137, 80, 78, 71]);
    const doc = await client().uploadMedia(bytes, { filename: 'a.png', mimeType: 'image/png', extra: { generationKey: 'k' } });
    expect(doc).toEqual({ id: 12, filename: 'a.png' });
    const file = form!.get('file') as File;
    expect([file.name, file.type, Buffer.from(await file.arrayBuffer())]).toEqual(['a.png', 'image/png', bytes]);
    expect(JSON.parse(String(form!.get('_payload')))).toEqual({ alt: 'a.png', generationKey: 'k' });
  });

  it('downloads a file by its URL path, within the byte limit', async () => {
    next = () => new Response(new Uint8Array(100).fill(1), { headers: { 'content-type': 'image/png' } });
    expect((await client().downloadFile(`http://elsewhere.example/api/media/file/a.png`, 100)).length).toBe(100);
    expect(new URL(seen[0]!.url).pathname).toBe('/api/media/file/a.png');
    await expect(client().downloadFile('/api/media/file/a.png', 99)).rejects.toMatchObject({ code: 'too_large' });
  });
});
