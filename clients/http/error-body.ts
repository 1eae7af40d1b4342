import { z } from 'zod';

const MAX_RAW_DETAIL_CHARS = 300;

// Each field is read on its own (`catch`), so one odd field does not hide a readable one next to it.
// Payload's validation errors name each failed field only in `data.errors`: on MongoDB a unique index's refusal comes
// as "The following field is invalid: " with no field at all, and only the detail says "Value must be unique".
const fieldErrorSchema = z.looseObject({ message: z.string(), path: z.string().optional().catch(undefined) });
const payloadErrorSchema = z.looseObject({
  message: z.string(),
  data: z
    .looseObject({ errors: z.array(fieldErrorSchema).optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

const errorBodySchema = z.looseObject({
  errors: z.array(payloadErrorSchema).optional().catch(undefined),
  detail: z
    .union([z.string(), z.array(z.looseObject({ loc: z.array(z.union([z.string(), z.number()])).optional(), msg: z.string() }))])
    .optional()
    .catch(undefined),
  message: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
});

/**
 * The readable part of a service's error answer: Payload's `{errors: [{message, data?: {errors: [{path, message}]}}]}`, FastAPI's `{detail}` or
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
  return errors?.map(payloadErrorText).join('; ') || detailText || message || error || raw;
}

function payloadErrorText(item: z.infer<typeof payloadErrorSchema>): string {
  const fields = item.data?.errors?.map((field) => (field.path ? `${field.path}: ${field.message}` : field.message));
  return fields?.length ? `${item.message.trim()} (${fields.join('; ')})` : item.message;
}
