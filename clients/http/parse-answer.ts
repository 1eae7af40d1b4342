import type { z } from 'zod';
import { PermanentServiceError } from '../errors';
import type { FailureContext, HttpAnswer } from './failures';

/** A successful answer's body as JSON checked against `schema`; anything else breaks the contract (permanent). */
export function parseAnswer<T>(context: FailureContext, answer: HttpAnswer, schema: z.ZodType<T>, what: string): T {
  const unexpected = (reason: string) =>
    new PermanentServiceError(`${context.label} gave an unexpected response to ${what}: ${reason}`, {
      service: context.service,
      status: answer.status,
      code: 'bad_response',
    });
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw unexpected(`not JSON (${JSON.stringify(answer.text.slice(0, 80))})`);
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw unexpected(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
