import { ServiceError } from '../errors';
import type { HttpTransport } from '../http/transport';
import { engineIdFromModelName } from './engine-id';
import { healthSchema } from './schemas';

export interface DinoHealth {
  healthy: boolean;
  modelName?: string;
  device?: string;
}

/**
 * The service's health route, read two ways: `fresh` straight from the route (throws when the service cannot
 * answer), and `cached`, which is tolerant and reuses an answer for `cacheMs` (the route costs ~1 s of model time).
 */
export function createHealthReader(http: HttpTransport, options: { timeoutMs: number; cacheMs: number }) {
  let cachedHealth: { at: number; value: DinoHealth } | undefined;

  const fresh = () => http.json('GET', '/health', healthSchema, { timeoutMs: options.timeoutMs });

  /** Healthy only for 200 && status "healthy" && model loaded; anything else is "not healthy", not an error. */
  async function cached(): Promise<DinoHealth> {
    if (cachedHealth && Date.now() - cachedHealth.at < options.cacheMs) return cachedHealth.value;
    let value: DinoHealth;
    try {
      const body = await fresh();
      value = {
        healthy: body.status === 'healthy' && body.model?.loaded === true,
        modelName: body.model?.model_name ? engineIdFromModelName(body.model.model_name) : undefined,
        device: body.model?.device,
      };
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      value = { healthy: false };
    }
    cachedHealth = { at: Date.now(), value };
    return value;
  }

  return { fresh, cached };
}
