import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DinoClient } from '../../clients/dino';
import { PermanentServiceError, TransientServiceError } from '../../clients/errors';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';
import { pendingUploadsIn, processIsRunning, reconcilePendingUploads } from '../../activities/support/pending-analysis-uploads';
import { waitFor } from '../../test-system/ports';

/** Payload holding `media` by id, and an analysis service recording deletes; either can be made unreachable. */
function services(media: PayloadDoc[], options: { payloadDown?: boolean } = {}) {
  const deleted: string[] = [];
  const payload = {
    findById: async (collection: string, id: string | number) => {
      if (options.payloadDown) throw new TransientServiceError('Payload is restarting', { service: 'payload', code: 'unavailable' });
      const doc = media.find((candidate) => String(candidate.id) === String(id));
      if (collection !== 'media' || !doc)
        throw new PermanentServiceError('Not Found', { service: 'payload', status: 404, code: 'not_found' });
      return doc;
    },
  } as unknown as PayloadRestClient;
  const dino = {
    deleteMedia: async (assetId: string) => {
      deleted.push(assetId);
    },
  } as unknown as DinoClient;
  return { payload, dino, deleted };
}

/** A record as a process with `pid` and start id `startId` writes it. */
function writeRecord(dir: string, pid: number, startId: string, assetId: string, mediaId: number) {
  writeFileSync(
    path.join(dir, `${pid}.${startId}.${assetId}.json`),
    JSON.stringify({ assetId, mediaId, uploadedAt: new Date().toISOString() }),
  );
}

describe('reconcilePendingUploads', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pending-uploads-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const DEAD = 999_999;
  const dead = (pid: number) => pid !== DEAD;

  it("keeps an asset its media names (the write went through) and deletes one nothing names, for a dead process's records", async () => {
    const { payload, dino, deleted } = services([
      { id: 1, dinoAssetId: 'asset-written' },
      { id: 2, dinoAssetId: 'asset-of-a-later-try' },
    ]);
    writeRecord(dir, DEAD, 'aaaaaaaa', 'asset-written', 1);
    writeRecord(dir, DEAD, 'aaaaaaaa', 'asset-unwritten', 2);
    writeRecord(dir, DEAD, 'aaaaaaaa', 'asset-of-removed-media', 3);
    const outcome = await reconcilePendingUploads({ dir, ownStartId: 'ffffffff', payload, dino, isRunning: dead });
    expect(outcome.kept).toEqual(['asset-written']);
    expect(outcome.deleted.sort()).toEqual(['asset-of-removed-media', 'asset-unwritten']);
    expect(deleted.sort()).toEqual(['asset-of-removed-media', 'asset-unwritten']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves the records of processes still running, and its own, to them', async () => {
    const { payload, dino, deleted } = services([]);
    const own = pendingUploadsIn(dir);
    own.uploaded({ assetId: 'asset-in-flight-here', mediaId: 1 });
    writeRecord(dir, 4242, 'bbbbbbbb', 'asset-in-flight-elsewhere', 2);
    const outcome = await reconcilePendingUploads({ dir, ownStartId: own.startId, payload, dino, isRunning: (pid) => pid === 4242 });
    expect(outcome).toEqual({ kept: [], deleted: [], postponed: [] });
    expect(deleted).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('settles an earlier process that had this pid (a restarted container) though the pid runs', async () => {
    const { payload, dino, deleted } = services([]);
    writeRecord(dir, process.pid, 'cccccccc', 'asset-of-the-earlier-process', 1);
    await reconcilePendingUploads({ dir, ownStartId: 'dddddddd', payload, dino, isRunning: () => true });
    expect(deleted).toEqual(['asset-of-the-earlier-process']);
  });

  it('keeps a record for later while Payload cannot say whether the id was written', async () => {
    const { payload, dino, deleted } = services([], { payloadDown: true });
    writeRecord(dir, DEAD, 'aaaaaaaa', 'asset-unknown', 1);
    const outcome = await reconcilePendingUploads({ dir, ownStartId: 'ffffffff', payload, dino, isRunning: dead });
    expect(outcome.postponed).toEqual(['asset-unknown']);
    expect(deleted).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('tells a killed process from a running one by its pid', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const pid = child.pid!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const { payload, dino, deleted } = services([]);
    writeRecord(dir, pid, 'eeeeeeee', 'asset-of-the-child', 1);
    try {
      await reconcilePendingUploads({ dir, ownStartId: 'ffffffff', payload, dino });
      expect(deleted).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    await reconcilePendingUploads({ dir, ownStartId: 'ffffffff', payload, dino });
    expect(deleted).toEqual(['asset-of-the-child']);
  });

  it('counts a killed process that nobody has reaped (a zombie) as gone', async () => {
    // The shell's background child exits at once; the shell then becomes `sleep`, which never reaps it, as a worker
    // killed with its launcher is left to an init that may not reap it either.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    try {
      const zombie = Number(
        await new Promise<string>((resolve) => parent.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString()))),
      );
      await waitFor('the child to be a zombie', async () => /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${zombie}/stat`, 'utf8')), 30_000, 20);
      expect(() => process.kill(zombie, 0)).not.toThrow();
      expect(processIsRunning(zombie)).toBe(false);
      expect(processIsRunning(parent.pid!)).toBe(true);

      const { payload, dino, deleted } = services([]);
      writeRecord(dir, zombie, 'eeeeeeee', 'asset-of-the-zombie', 1);
      await reconcilePendingUploads({ dir, ownStartId: 'ffffffff', payload, dino });
      expect(deleted).toEqual(['asset-of-the-zombie']);
    } finally {
      parent.kill('SIGKILL');
      await exited;
    }
  });

  it('drops a record cut short by the crash it records', async () => {
    const { payload, dino, deleted } = services([]);
    writeFileSync(path.join(dir, `${DEAD}.aaaaaaaa.asset-x.json`), '{"assetId":"ass');
    await reconcilePendingUploads({ dir, ownStartId: 'ffffffff', payload, dino, isRunning: dead });
    expect(deleted).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
