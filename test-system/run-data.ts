import { rm } from 'node:fs/promises';

/**
 * A test or bench run writes its databases, media, Temporal's SQLite file and logs into one temporary folder: about
 * 150 MB for a run of the integration tier. Left behind, every run adds one, and on a CI machine that shares its disk
 * between runs they filled it. So the folder goes when the run ends, unless `KEEP_RUN_DATA=1` asks to keep it for a
 * look. A run that failed keeps its folder on its own: its logs are what explain the failure.
 */
export async function removeRunData(dir: string, { failed = false }: { failed?: boolean } = {}): Promise<void> {
  if (failed || process.env.KEEP_RUN_DATA === '1') {
    console.log(`run data kept in ${dir}`);
    return;
  }
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
