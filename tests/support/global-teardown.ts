import type { TemporalDevServer } from '../../test-system/temporal-dev-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __temporalServer?: TemporalDevServer }).__temporalServer?.stop();
}
