import { removeRunData } from '../../test-system/run-data';
import type { FerretDbServer } from '../../test-system/ferretdb';
import type { TemporalDevServer } from '../../test-system/temporal-dev-server';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis as { __temporalServer?: TemporalDevServer; __ferretDb?: FerretDbServer };
  await Promise.all([started.__temporalServer?.stop(), started.__ferretDb?.stop()]);
  // Jest's global teardown does not learn whether a test failed, so the folder goes either way; KEEP_RUN_DATA=1 keeps
  // it for a look at a failure's logs and databases.
  if (process.env.TEST_TMP_DIR) await removeRunData(process.env.TEST_TMP_DIR);
}
