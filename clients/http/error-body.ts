import { z } from 'zod';

const MAX_RAW_DETAIL_CHARS = 300;

// Each field is read on its own (`catch`), so one odd field does not hide a readable one next to it.
const errorBodySchema = z.looseObject({
  errors: z
    .array(z.looseObject({ message: z.string() }))
    .optional()
    .catch(undefined),
  detail: z
    .union([z.string(), z.array(z.looseObject({ loc: z.array(z.union([z.string(), z.number()])).optional(), msg: z.string() }))])
    .optional()
    .catch(undefined),
  message: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
});

/**
 * The readable part of a service's error answer: Payload's `{errors: [{message}]}`, FastAPI's `{detail}` or
 * `{detail: [{loc, msg}]}`, or `{message}` / `{error}`; anything else is shown as the start of the raw text.
 */
export function summariseErrorBody(text: string): string {
  const raw = text.slice(0, MAX_RAW_DETAIL_CHARS);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return raw;
  }
  const body = errorBodySchema.safeParse(json);
  if (!body.success) return raw;
  const { errors, detail, message, error } = body.data;
  const detailText = Array.isArray(detail) ? detail.map((item) => `${(item.loc ?? []).join('.')}: ${item.msg}`).join('; ') : detail;
  return errors?.map((item) => item.message).join('; ') || detailText || message || error || raw;
}
