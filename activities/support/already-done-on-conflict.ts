import { PermanentServiceError } from '../../clients/errors';
import type { PayloadDoc } from '../../clients/payload/client';

/**
 * A write keyed by a unique field (a generation key, a run id) can meet a duplicate of itself: an attempt retried
 * after a timeout while the first was still writing, or a run's record written again. Payload refuses the duplicate
 * (its message names the field or says "unique"); the conflict means "already done", and `findEarlier` finds the
 * earlier document (and may bring it up to date). Writing first and looking only on a conflict saves the look-up on
 * the common path.
 */
export async function alreadyDoneOnConflict(
  keyField: string,
  write: () => Promise<PayloadDoc>,
  findEarlier: () => Promise<PayloadDoc | undefined>,
): Promise<PayloadDoc> {
  try {
    return await write();
  } catch (error) {
    const conflict =
      error instanceof PermanentServiceError &&
      error.status !== undefined &&
      error.status < 500 &&
      (/unique|already (exists|registered)/i.test(error.message) || error.message.includes(keyField));
    if (!conflict) throw error;
    const earlier = await findEarlier();
    if (!earlier) throw error;
    return earlier;
  }
}
