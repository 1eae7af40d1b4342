import { text, type TextFieldSingleValidation } from 'payload/shared';

/**
 * A character id that another character uses is refused here as well as by the unique index, as the same 400 the
 * index gives on SQLite and MongoDB: FerretDB v1 reports a unique violation on update as a raw error, a 500. The
 * index still settles two saves that race.
 */
export const characterIdIsFree: TextFieldSingleValidation = async (value, options) => {
  const valid = await text(value, options);
  if (valid !== true || !value || !options.req?.payload) return valid;
  const others = await options.req.payload.count({
    collection: 'characters',
    where: { characterId: { equals: value }, ...(options.id !== undefined ? { id: { not_equals: options.id } } : {}) },
    overrideAccess: true,
    req: options.req,
  });
  return others.totalDocs === 0 ? true : options.req.t('error:valueMustBeUnique');
};
