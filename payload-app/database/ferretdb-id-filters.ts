import type { MongooseAdapter } from '@payloadcms/db-mongodb';

type MongoosePlugin = Parameters<MongooseAdapter['connection']['plugin']>[0];
type Filter = Record<string, unknown>;

/** Every query operation whose filter FerretDB reads to find documents (count included: Payload's pages count). */
const FILTERED_OPERATIONS = [
  'countDocuments',
  'deleteMany',
  'deleteOne',
  'find',
  'findOne',
  'findOneAndDelete',
  'findOneAndReplace',
  'findOneAndUpdate',
  'replaceOne',
  'updateMany',
  'updateOne',
] as const;

function isPlainObject(value: unknown): value is Filter {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isIdValue(value: unknown): boolean {
  if (typeof value === 'string') return true;
  // An ObjectId from whichever copy of bson built it: compared by its type tag, not by class.
  return typeof value === 'object' && value !== null && (value as { _bsontype?: unknown })._bsontype === 'ObjectId';
}

/**
 * The same filter in the one shape FerretDB v1 answers from its `_id` index: `{ _id: <id> }`. Payload writes a lookup by
 * id as `{ $and: [{ _id: { $eq: <id> } }] }`, which MongoDB answers from the index too, but FerretDB v1 on SQLite uses
 * its index only for a filter whose sole key is `_id` with a plain string or ObjectId, and otherwise decodes and tests
 * every document of the collection. On media, whose documents carry a feature vector each, that turned every read and
 * write of one image into a scan of the whole library, and a busy machine into minutes-long answers.
 *
 * Only rewrites that mean the same thing in MongoDB's query language are made: an `$and` of one condition is that
 * condition, and `{ $eq: v }` is `v` when v is a string or an ObjectId (neither is an array, a regex or a document,
 * the values for which the two forms differ). Anything else is returned as it came.
 */
export function idFilterForFerretDb(filter: Filter): Filter {
  let current = filter;
  for (;;) {
    const keys = Object.keys(current);
    if (keys.length !== 1) return filter;
    if (keys[0] === '$and') {
      const conditions = current.$and;
      if (!Array.isArray(conditions) || conditions.length !== 1 || !isPlainObject(conditions[0])) return filter;
      current = conditions[0];
      continue;
    }
    const condition = current._id;
    if (keys[0] !== '_id' || !isPlainObject(condition)) return filter;
    const operators = Object.keys(condition);
    return operators.length === 1 && operators[0] === '$eq' && isIdValue(condition.$eq) ? { _id: condition.$eq } : filter;
  }
}

/** Registered on the adapter's connection before Payload compiles its models (`afterCreateConnection`). */
export const ferretDbIdFiltersPlugin: MongoosePlugin = (schema) => {
  for (const operation of FILTERED_OPERATIONS) {
    schema.pre(operation, function rewriteIdFilter() {
      const filter = this.getFilter();
      const rewritten = idFilterForFerretDb(filter);
      if (rewritten !== filter) this.setQuery(rewritten);
    });
  }
};
