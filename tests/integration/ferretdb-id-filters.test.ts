import mongoose, { type Connection } from 'mongoose';
import { ferretDbIdFiltersPlugin } from '../../payload-app/database/ferretdb-id-filters';
import { testDatabaseIsMongo } from '../../test-system/database';

/**
 * Against the run's FerretDB (MongoDB tier only): Payload's shape of a lookup by id makes FerretDB v1 read every
 * document of a collection, and the plugin the app's adapter registers turns it into one FerretDB answers from its index.
 * FerretDB's `explain` says which, so this fails if either the rewrite or FerretDB's use of it goes away.
 */
const describeOnFerretDb = testDatabaseIsMongo() ? describe : describe.skip;

describeOnFerretDb('lookups by id on FerretDB', () => {
  let plain: Connection;
  let rewritten: Connection;

  beforeAll(async () => {
    const url = `${process.env.TEST_MONGODB_URL}/id_filters_${process.pid}`;
    plain = mongoose.createConnection();
    rewritten = mongoose.createConnection();
    rewritten.plugin(ferretDbIdFiltersPlugin);
    await Promise.all([plain.openUri(url), rewritten.openUri(url)]);
  });

  afterAll(async () => {
    await plain?.dropDatabase().catch(() => undefined);
    await Promise.all([plain?.close(), rewritten?.close()]);
  });

  function models(connection: Connection) {
    const schema = new mongoose.Schema({ name: String, vector: [Number] });
    return connection.model('Thing', schema, 'things');
  }

  async function filterPushdown(query: { explain(): Promise<unknown> }): Promise<unknown> {
    const answer = (await query.explain()) as Record<string, unknown> | Array<Record<string, unknown>>;
    return (Array.isArray(answer) ? answer[0] : answer)?.filterPushdown;
  }

  it("answers Payload's id lookups from the index only once they are rewritten, with the same documents", async () => {
    const Plain = models(plain);
    const Rewritten = models(rewritten);
    const [first] = await Plain.insertMany([
      { name: 'first', vector: [0.1, 0.2] },
      { name: 'second', vector: [0.3] },
    ]);
    const payloadShape = { $and: [{ _id: { $eq: first!._id } }] };

    expect(await filterPushdown(Plain.findOne(payloadShape))).toBe(false);
    expect(await filterPushdown(Rewritten.findOne(payloadShape))).toBe(true);

    const found = await Rewritten.findOne(payloadShape).lean();
    expect(found?.name).toBe('first');
    const updated = await Rewritten.findOneAndUpdate(payloadShape, { name: 'renamed' }, { new: true }).lean();
    expect(updated?.name).toBe('renamed');
    expect(await Rewritten.countDocuments(payloadShape)).toBe(1);
    expect((await Plain.find({}).lean()).map((doc) => doc.name).sort()).toEqual(['renamed', 'second']);
  });
});
