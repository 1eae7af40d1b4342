import { isDeepStrictEqual } from 'node:util';
import type { CollectionBeforeChangeHook, DatabaseAdapterObj, PayloadRequest, UpdateOneArgs } from 'payload';
import { oneWritePerCharacter } from './one-write-per-character';
import { RUN_STATE_FIELDS, type RunStateField } from './record-pipeline-state';

/**
 * A save through Payload's update (a person in the admin, a hook) writes the run states it changes and leaves the
 * others as they are stored by then.
 *
 * Payload fills every field a request did not send from the document as it read it when the request began, and
 * writes the whole document. A run that recorded its state in between (`PATCH …/pipeline-state`, which writes while
 * the save is under way) would have that state put back to the older value. No transaction closes that gap on
 * FerretDB, and SQLite runs without transactions here (database/adapter.ts), so the gap is closed in two halves:
 * this hook, the last before the save's fields are written, notes which run states the save changes (a new master
 * queues its ingest, a persona edit marks the sync pending); `writeOnlyChangedRunStates` then leaves the others out
 * of the write, which happens in the character's write order (one-write-per-character.ts).
 */
export const noteRunStatesChangedBySave: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  if (operation !== 'update' || !originalDoc) return data;
  const changed = RUN_STATE_FIELDS.filter((field) => !isDeepStrictEqual(comparable(data[field]), comparable(originalDoc[field])));
  changesBySave(req)[String(originalDoc.id)] = changed;
  return data;
};

/** The database adapter with the characters' updates writing only the run states their save changed. */
export function writeOnlyChangedRunStates(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init(args) {
      const database = adapter.init(args);
      const updateOne = database.updateOne;
      database.updateOne = function (this: typeof database, update: UpdateOneArgs) {
        const changed = update.collection === 'characters' && update.id !== undefined ? takeChanges(update.req, update.id) : undefined;
        // Writes that do not come from a save (the run states' own endpoint writes only its groups) pass unchanged.
        if (!changed) return updateOne.call(this, update);
        const data = { ...update.data };
        for (const field of RUN_STATE_FIELDS) if (!changed.includes(field)) delete data[field];
        return oneWritePerCharacter(String(update.id), () => updateOne.call(this, { ...update, data }));
      };
      return database;
    },
  };
}

const CHANGES_BY_SAVE = 'runStatesChangedBySave';

/** Per character id, as one request may save several characters (a bulk edit) at once. */
function changesBySave(req: Partial<PayloadRequest>): Record<string, RunStateField[]> {
  req.context ??= {};
  return (req.context[CHANGES_BY_SAVE] ??= {}) as Record<string, RunStateField[]>;
}

function takeChanges(req: Partial<PayloadRequest> | undefined, id: number | string): RunStateField[] | undefined {
  if (!req?.context?.[CHANGES_BY_SAVE]) return undefined;
  const changes = changesBySave(req);
  const changed = changes[String(id)];
  delete changes[String(id)];
  return changed;
}

/**
 * A run state as a value: a sub-field that is absent, undefined or null means the same (Payload fills a field the
 * request left out with undefined, the database may hold null), and a date compares as its ISO text.
 */
function comparable(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, inner]) => [key, comparable(inner)] as const);
  return Object.fromEntries(entries.filter(([, inner]) => inner !== undefined));
}
