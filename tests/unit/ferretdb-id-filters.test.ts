import mongoose from 'mongoose';
import { idFilterForFerretDb } from '../../payload-app/database/ferretdb-id-filters';

describe('id filters rewritten for FerretDB v1', () => {
  const id = new mongoose.Types.ObjectId();

  it("turns Payload's lookup by id into a bare _id filter", () => {
    expect(idFilterForFerretDb({ $and: [{ _id: { $eq: id } }] })).toEqual({ _id: id });
    expect(idFilterForFerretDb({ $and: [{ $and: [{ _id: { $eq: 'abc' } }] }] })).toEqual({ _id: 'abc' });
    expect(idFilterForFerretDb({ _id: { $eq: 'abc' } })).toEqual({ _id: 'abc' });
  });

  it('returns the very same filter when the rewrite would not mean the same or would not help', () => {
    const unchanged = [
      {},
      { _id: id },
      { $and: [{ _id: { $eq: id } }, { name: 'x' }] },
      { $and: [{ _id: { $in: [id] } }] },
      { $and: [{ _id: { $eq: id, $ne: 'x' } }] },
      { $and: [{ _id: { $eq: { nested: 1 } } }] },
      { $and: [{ _id: { $eq: ['a'] } }] },
      { $and: [{ _id: { $eq: /re/ } }] },
      { $and: [{ _id: { $eq: 7 } }] },
      { $and: [{ generationKey: { $eq: 'k' } }] },
      { $or: [{ _id: { $eq: id } }] },
      { _id: { $eq: id }, name: 'x' },
    ];
    for (const filter of unchanged) expect(idFilterForFerretDb(filter)).toBe(filter);
  });
});
