import type { Field, FieldHook } from 'payload';
import { hasRole } from '../../../access/roles';

/** A list answer would carry one vector of hundreds of numbers per image; nothing that lists media needs them. */
const omitFromLists: FieldHook = ({ findMany, value }) => (findMany ? undefined : value);

/**
 * The feature vector. Only the worker reads it (one media document at a time, to compute consistency); people see its
 * engine and length, never the numbers: they are the analysis service's output, not the studio's data.
 */
export const embeddingField: Field = {
  name: 'embedding',
  type: 'json',
  access: { read: ({ req }) => hasRole(req.user, 'service') },
  hooks: { afterRead: [omitFromLists] },
  admin: { readOnly: true, hidden: true },
};
