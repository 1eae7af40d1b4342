import { findIfPresent } from '../../activities/support/find-if-present';
import { PermanentServiceError, TransientServiceError } from '../../clients/errors';
import type { PayloadRestClient } from '../../clients/payload/client';

const payloadFailingWith = (error: Error) => ({ findById: async () => Promise.reject(error) }) as unknown as PayloadRestClient;

describe('findIfPresent', () => {
  it('reads a 404 as gone', async () => {
    const gone = new PermanentServiceError('Payload GET /api/media/8 failed with 404', {
      service: 'payload',
      status: 404,
      code: 'not_found',
    });
    expect(await findIfPresent(payloadFailingWith(gone), 'media', 8)).toBeUndefined();
  });

  // A chaos run found this: a discard that met a restarting app reported success and left the candidate behind.
  it('throws when the app cannot answer, so the clean-up is retried rather than skipped', async () => {
    const restarting = new TransientServiceError('Payload unreachable (GET /api/media/8): ECONNREFUSED', {
      service: 'payload',
      code: 'network',
    });
    await expect(findIfPresent(payloadFailingWith(restarting), 'media', 8)).rejects.toBe(restarting);
  });
});
