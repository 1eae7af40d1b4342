import type { DatabaseAdapterObj, PayloadRequest, UpdateOneArgs } from 'payload';
import { oneWritePerCharacter } from '../../payload-app/collections/Characters/one-write-per-character';
import { noteRunStatesChangedBySave, writeOnlyChangedRunStates } from '../../payload-app/collections/Characters/saves-keep-run-states';

/** A database adapter that only keeps what it was asked to write. */
function recordingAdapter() {
  const writes: UpdateOneArgs[] = [];
  const adapter = {
    name: 'recording',
    defaultIDType: 'text',
    init: () => ({
      updateOne: async (args: UpdateOneArgs) => {
        writes.push(args);
        return { id: args.id, ...args.data };
      },
    }),
  } as unknown as DatabaseAdapterObj;
  const database = writeOnlyChangedRunStates(adapter).init({ payload: {} as never });
  return { writes, updateOne: (args: UpdateOneArgs) => database.updateOne(args) };
}

const stored = {
  id: 'c1',
  name: 'Rena',
  personality: 'Calm',
  masterIngest: { status: 'ready', mediaId: 'm1', dinoAssetId: 'a1', error: null, updatedAt: '2026-12-07T05:00:00.000Z' },
  coreSet: { status: 'running', runId: 'r1' },
  personaSync: { status: 'synced', runId: 'p1' },
  costs: { totalUsd: 0.5, acceptedImages: 8 },
  lastError: null,
};

/** What Payload hands the last hook: every field filled from the stored document, then what the hooks before it set. */
function saveOf(changes: Record<string, unknown>) {
  return {
    ...stored,
    // Payload fills a field the request left out with undefined, and may hold a date as a Date.
    masterIngest: { ...stored.masterIngest, engineId: undefined, updatedAt: new Date(stored.masterIngest.updatedAt) },
    coreSet: { ...stored.coreSet, error: undefined },
    lastError: undefined,
    ...changes,
  };
}

async function save(changes: Record<string, unknown>, updateOne: (args: UpdateOneArgs) => Promise<unknown>) {
  const req = { context: {} } as unknown as PayloadRequest;
  const data = await noteRunStatesChangedBySave({
    data: saveOf(changes),
    originalDoc: stored,
    operation: 'update',
    req,
    collection: {} as never,
    context: req.context,
  });
  return updateOne({ collection: 'characters', id: stored.id, data: { ...data, updatedAt: 'now' }, req });
}

describe("a person's save of a character", () => {
  it('writes the run states its hooks changed and leaves out those it read and kept', async () => {
    const { writes, updateOne } = recordingAdapter();
    await save({ personality: 'Restless', personaSync: { ...stored.personaSync, status: 'pending' } }, updateOne);
    expect(writes).toHaveLength(1);
    const written = writes[0]!.data;
    expect(Object.keys(written).sort()).toEqual(['id', 'name', 'personaSync', 'personality', 'updatedAt']);
    expect(written.personaSync).toEqual({ status: 'pending', runId: 'p1' });
  });

  it('writes a run state it clears or sets anew, and the last error it changes', async () => {
    const { writes, updateOne } = recordingAdapter();
    await save(
      { masterIngest: { status: 'queued', mediaId: 'm2' }, coreSet: { ...stored.coreSet, runId: null }, lastError: 'x' },
      updateOne,
    );
    expect(Object.keys(writes[0]!.data)).toEqual(expect.arrayContaining(['masterIngest', 'coreSet', 'lastError']));
    expect(writes[0]!.data).not.toHaveProperty('costs');
  });

  it('passes writes that no save noted unchanged: the run-state endpoint, other collections', async () => {
    const { writes, updateOne } = recordingAdapter();
    const req = { context: {} } as unknown as PayloadRequest;
    await updateOne({ collection: 'characters', id: 'c1', data: { coreSet: { status: 'complete' } }, req });
    await updateOne({ collection: 'media', id: 'c1', data: { costs: 1, lastError: 'kept' }, req });
    expect(writes.map((write) => write.data)).toEqual([{ coreSet: { status: 'complete' } }, { costs: 1, lastError: 'kept' }]);
  });

  it("waits for the character's write already under way, then writes", async () => {
    const { writes, updateOne } = recordingAdapter();
    let finishRunWrite!: () => void;
    const runWrite = oneWritePerCharacter(stored.id, () => new Promise<void>((resolve) => (finishRunWrite = resolve)));
    const saving = save({ personality: 'Restless' }, updateOne);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(0);
    finishRunWrite();
    await Promise.all([runWrite, saving]);
    expect(writes).toHaveLength(1);
  });
});
