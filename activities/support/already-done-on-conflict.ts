import { PermanentServiceError } from '../../clients/errors';
import type { PayloadDoc } from '../../clients/payload/client';

/**
 * Whether Payload refused a write because a unique field already holds its value. SQLite's refusal names the field
 * ("The following field is invalid: generationKey"); MongoDB's names none, and only the per-field detail says "Value
 * must be unique" (clients/http/error-body.ts keeps that detail in the message).
 */
export function isDuplicateRefusal(error: unknown, keyField: string): boolean {
  return (
    error instanceof PermanentServiceError &&
    error.status !== undefined &&
    error.status < 500 &&
    (/unique|already (exists|registered)/i.test(error.message) || error.message.includes(keyField))
  );
}

/**
 * A write keyed by a unique field (a generation key) can meet a duplicate of itself: an attempt retried after a
 * heartbeat timeout while the first was still writing. The conflict means "already done": `findEarlier` finds the
 * earlier document (and may bring it up to date), and it is used instead.
 */
export async function alreadyDoneOnConflict(
  keyField: string,
  write: () => Promise<PayloadDoc>,
  findEarlier: () => Promise<PayloadDoc | undefined>,
): Promise<PayloadDoc> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateRefusal(error, keyField)) throw error;
    const earlier = await findEarlier();
    if (!earlier) throw error;
    return earlier;
  }
}
