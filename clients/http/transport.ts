import { request, type Dispatcher, type FormData } from 'undici';
import type { z } from 'zod';
import { PermanentServiceError, type ServiceName } from '../errors';
import { networkFailure, statusFailure, type FailureContext, type HttpAnswer, type StatusCodeNames } from './failures';
import { fileForm, type UploadFile } from './multipart';
import { againOnClosedConnection } from './closed-connection';
import { parseAnswer } from './parse-answer';

export type { HttpAnswer } from './failures';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface HttpTransportOptions {
  service: ServiceName;
  /** The service's name at the start of a sentence in error messages, e.g. "Analysis service". */
  label: string;
  baseUrl: string;
  /** Sent with every request: authentication. */
  headers?: Record<string, string>;
  /** For calls that do not pass their own. */
  timeoutMs: number;
  statusCodes?: StatusCodeNames;
}

export interface CallOptions {
  timeoutMs?: number;
  json?: unknown;
  form?: FormData;
}

export interface JsonCallOptions extends CallOptions {
  /** Names the call in an "unexpected response" message; `METHOD path` when absent. */
  what?: string;
}

/**
 * One HTTP transport for the services we call with undici: network errors and timeouts become transient errors,
 * error statuses transient or permanent ones (clients/errors.ts) carrying the service's own words and its
 * Retry-After, and successful answers are checked against a zod schema.
 */
export function createHttpTransport(options: HttpTransportOptions) {
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const context: FailureContext = { service: options.service, label: options.label, statusCodes: options.statusCodes ?? {} };

  async function send(method: HttpMethod, path: string, callOptions: CallOptions): Promise<Dispatcher.ResponseData> {
    const { timeoutMs = options.timeoutMs, json, form } = callOptions;
    try {
      return await request(`${baseUrl}${path}`, {
        method,
        headers: { ...options.headers, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: form ?? (json !== undefined ? JSON.stringify(json) : undefined),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw networkFailure(context, method, path, error);
    }
  }

  async function readText(method: HttpMethod, path: string, response: Dispatcher.ResponseData): Promise<HttpAnswer> {
    try {
      return { status: response.statusCode, text: await response.body.text(), headers: response.headers };
    } catch (error) {
      throw networkFailure(context, method, path, error);
    }
  }

  /** The answer whatever its status, for callers that read some error statuses as answers. */
  async function call(method: HttpMethod, path: string, callOptions: CallOptions = {}): Promise<HttpAnswer> {
    return againOnClosedConnection(method, async () => readText(method, path, await send(method, path, callOptions)));
  }

  /** The typed error for an answer the caller does not accept. */
  function failure(method: HttpMethod, path: string, answer: HttpAnswer) {
    return statusFailure(context, method, path, answer);
  }

  /** The answer of a call that must succeed (status below 400); its body is not read as JSON. */
  async function callOrThrow(method: HttpMethod, path: string, callOptions: CallOptions = {}): Promise<HttpAnswer> {
    const answer = await call(method, path, callOptions);
    if (answer.status >= 400) throw failure(method, path, answer);
    return answer;
  }

  async function json<T>(method: HttpMethod, path: string, schema: z.ZodType<T>, callOptions: JsonCallOptions = {}): Promise<T> {
    const answer = await callOrThrow(method, path, callOptions);
    return parseAnswer(context, answer, schema, callOptions.what ?? `${method} ${path}`);
  }

  /** POSTs one file as multipart form data (plus text fields) and checks the JSON answer. */
  async function upload<T>(
    path: string,
    file: UploadFile,
    schema: z.ZodType<T>,
    callOptions: Omit<JsonCallOptions, 'json' | 'form'> & { fields?: Record<string, string> } = {},
  ): Promise<T> {
    const { fields, ...rest } = callOptions;
    return json('POST', path, schema, { ...rest, form: fileForm(file, fields) });
  }

  /** GETs a body of at most `maxBytes`, refusing larger ones before and while reading. */
  async function download(path: string, maxBytes: number, callOptions: Pick<CallOptions, 'timeoutMs'> = {}): Promise<Buffer> {
    const response = await againOnClosedConnection('GET', () => send('GET', path, callOptions));
    if (response.statusCode >= 400) throw failure('GET', path, await readText('GET', path, response));
    const tooLarge = (message: string) => new PermanentServiceError(message, { service: options.service, code: 'too_large' });
    const declared = Number(response.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      await response.body.dump();
      throw tooLarge(`The file is ${declared} bytes, over the ${maxBytes}-byte limit`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of response.body) {
        total += (chunk as Buffer).length;
        if (total > maxBytes) throw tooLarge(`The file is over the ${maxBytes}-byte limit`);
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof PermanentServiceError) throw error;
      throw networkFailure(context, 'GET', path, error);
    }
    return Buffer.concat(chunks);
  }

  return { baseUrl, call, callOrThrow, failure, json, upload, download };
}

export type HttpTransport = ReturnType<typeof createHttpTransport>;
