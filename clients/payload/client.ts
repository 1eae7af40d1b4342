import { z } from 'zod';
import { PermanentServiceError } from '../errors';
import { createHttpTransport } from '../http/transport';
import { MAX_PAGE_SIZE, type CharacterCosts, type RunCostRecord } from '../../contracts';
import { toQueryString } from './query-string';

export interface PayloadRestClientOptions {
  /** e.g. http://127.0.0.1:3000 (the Payload app; REST lives under /api). */
  baseUrl: string;
  /** API key of a `users` service account (Payload sends it as `users API-Key <key>`). */
  apiKey: string;
  timeoutMs?: number;
}

export type Where = Record<string, unknown>;

const paginatedSchema = z.object({
  docs: z.array(z.record(z.string(), z.unknown())),
  totalDocs: z.number(),
  hasNextPage: z.boolean().optional(),
});

const docSchema = z.record(z.string(), z.unknown());
const docResponseSchema = z.object({ doc: docSchema });

export type PayloadDoc = Record<string, unknown> & { id: string | number };

/** A run's state on its character: values of the character's pipeline groups; values not sent stay as stored. */
export interface PipelineState {
  masterIngest?: Record<string, unknown>;
  coreSet?: Record<string, unknown>;
  personaSync?: Record<string, unknown>;
  costs?: Record<string, unknown>;
  lastError?: string | null;
}

const pipelineStateAnswerSchema = z.looseObject({ recorded: z.array(z.string()), stale: z.array(z.string()) });

const characterCostsSchema: z.ZodType<CharacterCosts> = z.object({
  totalUsd: z.number(),
  acceptedImages: z.number().int(),
  perAcceptedImageUsd: z.number().nullable(),
});
const runCostAnswerSchema = z.looseObject({ costs: characterCostsSchema });

/**
 * The worker's view of Payload: REST over HTTP as an API-key service user, so Payload's access control and
 * hooks apply to machine writes too (docs/architecture.md). Only the calls the activities need.
 */
export function createPayloadRestClient(options: PayloadRestClientOptions) {
  const http = createHttpTransport({
    service: 'payload',
    label: 'Payload',
    baseUrl: options.baseUrl,
    headers: { authorization: `users API-Key ${options.apiKey}` },
    timeoutMs: options.timeoutMs ?? 30_000,
    statusCodes: { 404: 'not_found' },
  });
  const docPath = (collection: string, id: string | number) => `/api/${collection}/${encodeURIComponent(String(id))}`;

  return {
    baseUrl: http.baseUrl,

    async findById(collection: string, id: string | number, opts: { depth?: number } = {}): Promise<PayloadDoc> {
      const query = toQueryString({ depth: opts.depth ?? 0 });
      return (await http.json('GET', `${docPath(collection, id)}?${query}`, docSchema, { what: `${collection}/${id}` })) as PayloadDoc;
    },

    /**
     * Up to `limit` documents, read page by page: Payload answers at most MAX_PAGE_SIZE documents a request. `select`
     * names the only fields wanted (Payload adds the id).
     */
    async find(collection: string, where: Where, opts: { limit?: number; depth?: number; sort?: string; select?: string[] } = {}) {
      const wanted = opts.limit ?? 100;
      const pageSize = Math.min(wanted, MAX_PAGE_SIZE);
      const select = opts.select ? Object.fromEntries(opts.select.map((field) => [field, true])) : undefined;
      const docs: PayloadDoc[] = [];
      for (let page = 1; ; page++) {
        const query = toQueryString({ where, limit: pageSize, page, depth: opts.depth ?? 0, sort: opts.sort, select });
        const result = await http.json('GET', `/api/${collection}?${query}`, paginatedSchema, { what: `${collection} list` });
        docs.push(...(result.docs as PayloadDoc[]));
        if (!result.hasNextPage || docs.length >= wanted || result.docs.length === 0) {
          return { docs: docs.slice(0, wanted), totalDocs: result.totalDocs };
        }
      }
    },

    /**
     * The first document matching `where`, if any: one request, and without the count a page of results carries (a
     * second query in Payload, and on FerretDB a second scan of the collection).
     */
    async findFirst(collection: string, where: Where, opts: { depth?: number; sort?: string } = {}): Promise<PayloadDoc | undefined> {
      const query = toQueryString({ where, limit: 1, pagination: false, depth: opts.depth ?? 0, sort: opts.sort });
      const result = await http.json('GET', `/api/${collection}?${query}`, paginatedSchema, { what: `${collection} lookup` });
      return result.docs[0] as PayloadDoc | undefined;
    },

    async create(collection: string, data: Record<string, unknown>): Promise<PayloadDoc> {
      const result = await http.json('POST', `/api/${collection}?depth=0`, docResponseSchema, { json: data, what: `create ${collection}` });
      return result.doc as PayloadDoc;
    },

    async update(collection: string, id: string | number, data: Record<string, unknown>): Promise<PayloadDoc> {
      const what = `update ${collection}/${id}`;
      const result = await http.json('PATCH', `${docPath(collection, id)}?depth=0`, docResponseSchema, { json: data, what });
      return result.doc as PayloadDoc;
    },

    /**
     * Records a run's state on its character (the app's `PATCH /api/characters/:id/pipeline-state`): only the sent
     * values are written, so runs recording at the same moment never undo each other, and a state older than the one
     * the same run already recorded is left out (`stale`).
     */
    async recordPipelineState(characterDocId: string | number, state: PipelineState): Promise<{ recorded: string[]; stale: string[] }> {
      return http.json('PATCH', `${docPath('characters', characterDocId)}/pipeline-state`, pipelineStateAnswerSchema, {
        json: state,
        what: `pipeline state of character ${characterDocId}`,
      });
    },

    /**
     * Records what a run spent (the app's `POST /api/characters/:id/run-cost`): the run's record is upserted by its run
     * id and the character's totals are summed again from every run, in the character's turn, in one request.
     */
    async recordRunCost(characterDocId: string | number, run: RunCostRecord): Promise<CharacterCosts> {
      const answer = await http.json('POST', `${docPath('characters', characterDocId)}/run-cost`, runCostAnswerSchema, {
        json: run,
        what: `run cost of character ${characterDocId}`,
      });
      return answer.costs;
    },

    /** Deletes a document; one that is already gone counts as deleted (retries are safe). */
    async remove(collection: string, id: string | number): Promise<void> {
      try {
        await http.callOrThrow('DELETE', docPath(collection, id));
      } catch (error) {
        if (error instanceof PermanentServiceError && error.code === 'not_found') return;
        throw error;
      }
    },

    async getGlobal(slug: string): Promise<Record<string, unknown>> {
      return http.json('GET', `/api/globals/${slug}?depth=0`, docSchema, { what: `global ${slug}` });
    },

    /** Uploads image bytes as a media document (Payload makes its thumbnails with sharp). */
    async uploadMedia(
      bytes: Buffer,
      file: { filename: string; mimeType: string; alt?: string; extra?: Record<string, unknown> },
    ): Promise<PayloadDoc> {
      const upload = { bytes, filename: file.filename, mimeType: file.mimeType };
      const result = await http.upload('/api/media?depth=0', upload, docResponseSchema, {
        fields: { _payload: JSON.stringify({ alt: file.alt ?? file.filename, ...file.extra }) },
        what: 'media upload',
      });
      return result.doc as PayloadDoc;
    },

    /** Reads an uploaded file's bytes (files are served behind the media collection's read access). */
    async downloadFile(fileUrl: string, maxBytes: number): Promise<Buffer> {
      const path = fileUrl.startsWith('http') ? new URL(fileUrl).pathname : fileUrl;
      return http.download(path, maxBytes);
    },
  };
}

export type PayloadRestClient = ReturnType<typeof createPayloadRestClient>;
