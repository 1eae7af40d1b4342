import { Client, Connection } from '@temporalio/client';
import { appConfig } from '../config';

/**
 * One Temporal client per Payload process. Cached on globalThis because Next may evaluate this module
 * more than once (route bundles), and each Connection holds a gRPC channel.
 */
const globalCache = globalThis as unknown as { __temporalClient?: Promise<Client> };

export function temporalClient(): Promise<Client> {
  if (!globalCache.__temporalClient) {
    const config = appConfig();
    globalCache.__temporalClient = Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: '5s' })
      .then((connection) => new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }))
      .catch((error: unknown) => {
        // Do not cache a failed connection: the next request should try again.
        globalCache.__temporalClient = undefined;
        throw error;
      });
  }
  return globalCache.__temporalClient;
}
