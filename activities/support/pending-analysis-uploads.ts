import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DinoClient } from '../../clients/dino';
import type { PayloadRestClient } from '../../clients/payload/client';
import { findIfPresent } from './find-if-present';

/**
 * Analysis assets this process has uploaded whose id is not yet on their media (docs/services.md, "Analysis assets
 * a crash leaves behind"). The analysis service cannot list its assets and an upload is not idempotent, so an asset
 * whose id never reached Payload, because the process died between the service's answer and the write, could never be
 * found again. A small file per upload, written synchronously the moment the answer is in and removed once the id is
 * written (or the asset deleted), narrows that window to reading the answer; the next worker process on the host
 * deletes the assets a dead one left (`reconcilePendingUploads`).
 */
export interface PendingAnalysisUploads {
  /** The service has answered an upload of `mediaId`'s file with `assetId`: recorded before anything else can fail. */
  uploaded(upload: { assetId: string; mediaId: string | number }): void;
  /** The asset's id is on its media, or the asset is deleted again: nothing is left to clean up. */
  settled(assetId: string): void;
}

/** Nothing recorded: for activities built outside a worker process (unit tests, scripts). */
export const NO_PENDING_UPLOAD_RECORD: PendingAnalysisUploads = {
  uploaded: () => undefined,
  settled: () => undefined,
};

const recordSchema = z.object({ assetId: z.string().min(1), mediaId: z.union([z.string(), z.number()]), uploadedAt: z.string() });

/** `<pid>.<process start id>.<asset id>.json`: the pid says whether the writer still runs, the start id whether it is this one. */
const FILE_NAME = /^(\d+)\.([0-9a-f]{8})\.([^.\s/]+)\.json$/;

/**
 * Records in `dir`, which must be on this host's own disk: whether a writer is dead is read from its pid. Writes are
 * synchronous on purpose: a kill -9 right after `uploaded` returns must find the record on disk (the page cache
 * outlives the process; a crash of the whole machine is not covered).
 */
export function pendingUploadsIn(dir: string): PendingAnalysisUploads & { startId: string } {
  mkdirSync(dir, { recursive: true });
  const startId = randomUUID().slice(0, 8);
  const fileOf = (assetId: string) => path.join(dir, `${process.pid}.${startId}.${assetId.replace(/[^A-Za-z0-9-]/g, '_')}.json`);
  return {
    startId,
    uploaded({ assetId, mediaId }) {
      writeFileSync(fileOf(assetId), JSON.stringify({ assetId, mediaId, uploadedAt: new Date().toISOString() }));
    },
    settled(assetId) {
      try {
        unlinkSync(fileOf(assetId));
      } catch {
        // Already gone: nothing to clean up either way.
      }
    },
  };
}

export interface ReconcileOutcome {
  /** Their media named them: the write had gone through. */
  kept: string[];
  /** Nothing named them: deleted from the analysis service. */
  deleted: string[];
  /** Payload or the service could not answer: left for the next reconcile. */
  postponed: string[];
}

/**
 * Settles the uploads of worker processes that are gone: an asset its media names is kept (the write went through
 * and only its answer was lost), any other is deleted, since no document and no workflow can know it. Records of
 * processes still running are theirs to settle. Safe to run in several processes at once: both outcomes are idempotent.
 */
export async function reconcilePendingUploads(options: {
  dir: string;
  /** This process's records (pendingUploadsIn(...).startId) are never reconciled. */
  ownStartId: string;
  payload: PayloadRestClient;
  dino: DinoClient;
  isRunning?: (pid: number) => boolean;
}): Promise<ReconcileOutcome> {
  const isRunning = options.isRunning ?? processIsRunning;
  const outcome: ReconcileOutcome = { kept: [], deleted: [], postponed: [] };
  let names: string[];
  try {
    names = readdirSync(options.dir);
  } catch {
    return outcome;
  }
  for (const name of names) {
    const match = FILE_NAME.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    const startId = match[2]!;
    if (startId === options.ownStartId) continue;
    // A pid of our own under another start id is an earlier process that had our pid (a restarted container).
    if (pid !== process.pid && isRunning(pid)) continue;
    const file = path.join(options.dir, name);
    let record: z.infer<typeof recordSchema>;
    try {
      record = recordSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      // Cut short by the crash it records (or not ours): there is no asset id to act on.
      removeFile(file);
      continue;
    }
    try {
      const media = await findIfPresent(options.payload, 'media', record.mediaId);
      if (media?.dinoAssetId === record.assetId) {
        outcome.kept.push(record.assetId);
      } else {
        await options.dino.deleteMedia(record.assetId);
        outcome.deleted.push(record.assetId);
      }
      removeFile(file);
    } catch {
      outcome.postponed.push(record.assetId);
    }
  }
  return outcome;
}

/**
 * Whether `pid` still runs. A killed worker whose parent died with it (a worker started through a launcher such as
 * tsx, killed as a group) stays a zombie until the host's init reaps it, and a container's init may never do so:
 * signal 0 still reaches a zombie, so its state is read where the host shows it (/proc), and signal 0 asked only
 * where it does not.
 */
export function processIsRunning(pid: number): boolean {
  const state = processState(pid);
  if (state !== undefined) return state !== 'gone' && state !== 'Z' && state !== 'X';
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The state letter in /proc/<pid>/stat ('R', 'S', 'Z', …), 'gone' if there is no such process, undefined without /proc. */
function processState(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' && existsSync('/proc/self/stat') ? 'gone' : undefined;
  }
  // "<pid> (<command, which may hold spaces and parentheses>) <state> …"
  return stat.slice(stat.lastIndexOf(')') + 2).charAt(0) || undefined;
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Removed by another process reconciling at the same time.
  }
}
