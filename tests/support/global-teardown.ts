import type { FerretDbServer } from '../../test-system/ferretdb';
import type { TemporalDevServer } from '../../test-system/temporal-dev-server';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis as { __temporalServer?: TemporalDevServer; __ferretDb?: FerretDbServer };
  await Promise.all([started.__temporalServer?.stop(), started.__ferretDb?.stop()]);
}
