import type { Field, FieldAccess, FieldHook } from 'payload';
import { hasRole } from '../../../access/roles';

const workerOnly: FieldAccess = ({ req }) => hasRole(req.user, 'service');

/**
 * A list answer would carry one vector of hundreds of numbers per image, and nothing that lists media needs them.
 * Payload keeps a field whose afterRead hook returns undefined, so the key is deleted from the document instead.
 */
const omitFromListsAndPeople: FieldHook = ({ findMany, req, siblingData }) => {
  if (findMany || !hasRole(req.user, 'service')) delete (siblingData as Record<string, unknown>).embedding;
  return undefined;
};

/**
 * The feature vector. Only the worker reads it (one media document at a time, to compute consistency); people see its
 * engine and length, never the numbers: they are the analysis service's output, not the studio's data.
 */
export const embeddingField: Field = {
  name: 'embedding',
  type: 'json',
  access: { read: workerOnly },
  hooks: { afterRead: [omitFromListsAndPeople] },
  admin: { readOnly: true, hidden: true },
};
