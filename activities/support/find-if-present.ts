import { PermanentServiceError } from '../../clients/errors';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';

/**
 * The document, or undefined when Payload says it is gone (404). Any other failure (the app restarting, a timeout) is
 * thrown, so the activity retries instead of acting as if the document were gone and skipping its clean-up.
 */
export async function findIfPresent(payload: PayloadRestClient, collection: string, id: string | number): Promise<PayloadDoc | undefined> {
  try {
    return await payload.findById(collection, id);
  } catch (error) {
    if (error instanceof PermanentServiceError && error.code === 'not_found') return undefined;
    throw error;
  }
}
