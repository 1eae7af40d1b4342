import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { runsOfCharacterQuery } from '../../contracts';
import type { Json } from '../../test-system/json';
import { payloadJwtKey, resignedJwt } from '../../test-system/jwt';
import { RestSession } from '../../test-system/rest';
import { startTestSystem, type TestSystem } from '../../test-system/system';
import { fromGlobalSetup } from '../support/from-global-setup';
import { figurePng } from '../support/images';

/** Who asks: nobody, two tokens that must count as nobody, the four people's roles and the worker's API key. */
const ACTORS = ['anonymous', 'forged', 'expired', 'viewer', 'editor', 'reviewer', 'admin', 'service'] as const;
type Actor = (typeof ACTORS)[number];
const NO_IDENTITY: readonly Actor[] = ['anonymous', 'forged', 'expired'];
const PEOPLE: readonly Actor[] = ['viewer', 'editor', 'reviewer', 'admin'];
const SIGNED_IN: readonly Actor[] = [...PEOPLE, 'service'];
const NOBODY: readonly Actor[] = [];

/**
 * The access policy, written down (docs/access.md says the same in prose): for every operation, who may do it.
 * Everyone else is refused, and a refused write changes nothing. This table is the expectation; the server's
 * answers are checked against it, never copied into it.
 */
const POLICY = {
  // Payload's collection operations.
  'characters.find': SIGNED_IN,
  'characters.findByID': SIGNED_IN,
  'characters.create': ['editor', 'admin'],
  'characters.update': ['editor', 'admin', 'service'],
  'characters.delete': ['admin'],
  'character-images.find': SIGNED_IN,
  'character-images.findByID': SIGNED_IN,
  'character-images.create': ['service'],
  'character-images.update': ['service'],
  'character-images.delete': ['admin'],
  'media.find': SIGNED_IN,
  'media.findByID': SIGNED_IN,
  'media.create': ['editor', 'admin', 'service'],
  'media.update': ['editor', 'admin', 'service'],
  // The worker deletes only the generated candidates it discards, never an uploaded original.
  'media.delete (an upload)': ['admin'],
  'generation-runs.find': SIGNED_IN,
  'generation-runs.findByID': SIGNED_IN,
  'generation-runs.create': ['service'],
  'generation-runs.update': ['service'],
  'generation-runs.delete': ['admin'],
  // Everyone sees and edits their own account; only an admin sees or touches anyone else's.
  'users.find (lists another account)': ['admin'],
  'users.findByID (another account)': ['admin'],
  'users.create': ['admin'],
  'users.update (another account)': ['admin'],
  'users.update (own name)': SIGNED_IN,
  'users.delete': ['admin'],
  'qa-settings.read': SIGNED_IN,
  'qa-settings.update': ['admin'],
  // Payload's own collections: the job queue and the migration log are nobody's to read or write over REST.
  'payload-jobs.find': NOBODY,
  'payload-migrations.find': NOBODY,

  // Field-level writes, each by a caller who may update the document: only the named roles' values are kept.
  'users.role': ['admin'],
  'users.email': ['admin'],
  'users.apiKey + enableAPIKey': ['admin'],
  'users.systemAccount': NOBODY,
  'characters.masterIngest': ['service'],
  'characters.coreSet': ['service'],
  'characters.costs': ['service'],
  'characters.lastError': ['service'],
  'media.qualityScore': ['service'],
  'media.dinoProcessingStatus': ['service'],
  'media.analysis': ['service'],
  'media.generationKey': ['service'],
  'character-images.review': ['service'],
  'character-images.consistencyScore': ['service'],
  'character-images.qualityScore': ['service'],

  // Custom endpoints and Payload's auth and job endpoints.
  'GET /api/health': ACTORS,
  'GET /api/users/me (is recognised)': SIGNED_IN,
  'POST /api/users/unlock': ['admin'],
  'GET /api/payload-jobs/run': ['admin'],
  'GET /api/payload-jobs/handle-schedules': ['admin'],
  'POST /api/characters/query': PEOPLE,
  'POST /api/characters/:id/core-set': ['editor', 'admin'],
  'POST /api/characters/:id/shots': ['editor', 'admin'],
  'POST /api/characters/core-set-batch': ['editor', 'admin'],
  'GET /api/characters/core-set-batch': PEOPLE,
  'GET /api/characters/core-set-batch/:batchId': PEOPLE,
  'POST /api/characters/core-set-batch/:batchId/cancel': ['editor', 'admin'],
  'GET /api/characters/:id/pipeline': PEOPLE,
  'PATCH /api/characters/:id/pipeline-state': ['service'],
  'POST /api/characters/:id/run-cost': ['service'],
  'GET /api/characters/:id/turnaround': PEOPLE,
  'POST /api/character-images/:id/review': ['reviewer', 'admin'],
  'GET /api/globals/qa-settings/review-evidence': PEOPLE,
  'POST /api/globals/qa-settings/apply-review-evidence': ['admin'],
} satisfies Record<string, readonly Actor[]>;
type Operation = keyof typeof POLICY;

/**
 * How a refusal sounds. Payload's operations answer 403 whoever asks (it has no 401), and a signed-in user's 404 for
 * a document their query constraint hides; the custom endpoints answer 401 to nobody and 403 to a wrong role;
 * Payload's job endpoints 401 to everyone refused; a collection without REST routes (`endpoints: false`) is a 501.
 */
type Refusal = 'payload' | 'hidden' | 'endpoint' | 'jobs' | 'absent';
const refusalStatus = (refusal: Refusal, actor: Actor): number => {
  const nobody = NO_IDENTITY.includes(actor);
  if (refusal === 'endpoint') return nobody ? 401 : 403;
  if (refusal === 'hidden') return nobody ? 403 : 404;
  return { payload: 403, jobs: 401, absent: 501 }[refusal];
};

interface Answer {
  status: number;
  body: Json;
}

interface Check<T = unknown> {
  operation: Operation;
  refusal: Refusal;
  /** Statuses that mean "done" for an allowed caller. A 409 from a cheap fixture means past the role check, nothing started. */
  done: number[];
  /** Writes: what an allowed caller changes and a refused one must leave as it was. */
  state?: (target: T) => Promise<unknown>;
  /** Whether an allowed caller changes the state (false for the cheap 409 variants of endpoints that cost money). */
  allowedChanges?: boolean;
  /** Field writes: who may update the document at all (a field refusal is then a silent 200). */
  documentWriters?: readonly Actor[];
  prepare?: (actor: Actor) => Promise<T>;
  attempt: (actor: Actor, target: T) => Promise<Answer>;
}

/** Well-formed (16 hex digits, like every batch id) but never started. */
const NO_SUCH_BATCH = '00000000deadbeef';

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

describe('access matrix: every endpoint, operation and guarded field × every role', () => {
  let system: TestSystem;
  const sessions = new Map<Actor, RestSession>();
  const ownId = new Map<Actor, number>();
  const fixtures = {} as {
    character: Json;
    spendingCharacter: Json;
    fieldsCharacter: Json;
    media: Json;
    image: Json;
    fieldsImage: Json;
    run: Json;
    other: Json;
  };

  let figureBytes: Buffer;

  const as = (actor: Actor) => sessions.get(actor)!;
  const admin = () => system.admin;
  const service = () => as('service');
  const read = async (path: string) => (await admin().request('GET', path)).body;
  const exists = async (collection: string, id: number) =>
    (await admin().request('GET', `/api/${collection}/${id}?depth=0`)).status === 200;
  const total = async (collection: string) => (await read(`/api/${collection}?limit=1&depth=0`)).totalDocs as number;

  const newCharacter = async () => (await admin().request('POST', '/api/characters', { name: unique('Matrix') })).body.doc;
  const newMedia = async () => (await admin().uploadImage(await figurePng(), `${unique('m')}.png`, 'image/png')).body.doc;
  const newImage = async () =>
    (
      await service().request('POST', '/api/character-images', {
        character: fixtures.character.id,
        kind: 'core',
        angle: 0,
        imageFile: fixtures.media.id,
        generationKey: unique('matrix-image'),
      })
    ).body.doc;
  const newRun = async () =>
    (
      await service().request('POST', '/api/generation-runs', {
        workflowId: unique('core-set:matrix'),
        runId: unique('run'),
        character: fixtures.character.id,
        stage: 'core-set',
        costUsd: 0,
        attempts: 1,
      })
    ).body.doc;
  const newUser = async (role = 'viewer') => {
    const email = `${unique('matrix')}@test.local`;
    const created = await admin().request('POST', '/api/users', { email, password: randomBytes(12).toString('hex'), role });
    return created.body.doc;
  };
  const identityOfKey = async (apiKey: string) =>
    ((await RestSession.withApiKey(system.payload.url, apiKey).request('GET', '/api/users/me')).body.user?.id as number | undefined) ??
    null;
  /** Core-set and shot runs of a character, straight from Temporal (persona syncs start on every save and cost nothing). */
  const spendingRuns = async (character: Json) => {
    const runs: string[] = [];
    for await (const run of system.temporal.workflow.list({ query: runsOfCharacterQuery(character.characterId) }))
      runs.push(run.workflowId);
    return runs.filter((id) => id.startsWith('core-set:') || id.startsWith('production-shot:')).sort();
  };
  /** Batches of core sets, whoever started them. */
  const batchRuns = async () => {
    const runs: string[] = [];
    for await (const run of system.temporal.workflow.list({ query: `WorkflowType = 'coreSetBatchWorkflow'` })) runs.push(run.workflowId);
    return runs.sort();
  };

  beforeAll(async () => {
    system = await startTestSystem(fromGlobalSetup());
    sessions.set('admin', system.admin);
    sessions.set('anonymous', RestSession.anonymous(system.payload.url));
    sessions.set('service', RestSession.withApiKey(system.payload.url, system.payload.workerApiKey));
    for (const role of ['viewer', 'editor', 'reviewer'] as const) sessions.set(role, await system.session(role));
    // Both tokens are the viewer's own, re-signed: the forgery claims admin under a wrong key, the expired one is
    // signed with the server's real key but ran out a minute ago.
    const viewerToken = as('viewer').authorization!.replace(/^JWT /, '');
    const now = Math.floor(Date.now() / 1000);
    sessions.set(
      'forged',
      RestSession.withJwt(system.payload.url, resignedJwt(viewerToken, randomBytes(16).toString('hex'), { role: 'admin' })),
    );
    sessions.set(
      'expired',
      RestSession.withJwt(
        system.payload.url,
        resignedJwt(viewerToken, payloadJwtKey(system.payload.payloadSecret), { iat: now - 7200, exp: now - 60 }),
      ),
    );
    for (const actor of SIGNED_IN) ownId.set(actor, (await as(actor).request('GET', '/api/users/me')).body.user.id);

    figureBytes = await figurePng({ width: 300, height: 400 });
    fixtures.character = await newCharacter();
    fixtures.spendingCharacter = await newCharacter();
    fixtures.fieldsCharacter = await newCharacter();
    fixtures.media = await newMedia();
    fixtures.image = await newImage();
    fixtures.fieldsImage = await newImage();
    fixtures.run = await newRun();
    fixtures.other = await newUser();
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** The four collections people and the worker share, each with one harmless field to write. */
  const collections = [
    {
      slug: 'characters',
      fixture: () => fixtures.character,
      fresh: newCharacter,
      harmless: 'project',
      create: () => ({ name: unique('Made') }),
    },
    {
      slug: 'character-images',
      fixture: () => fixtures.image,
      fresh: newImage,
      harmless: 'tags',
      create: () => ({
        character: fixtures.character.id,
        kind: 'production',
        imageFile: fixtures.media.id,
        generationKey: unique('made'),
      }),
    },
    { slug: 'media', fixture: () => fixtures.media, fresh: newMedia, harmless: 'alt', create: undefined },
    {
      slug: 'generation-runs',
      fixture: () => fixtures.run,
      fresh: newRun,
      harmless: 'outcome',
      create: () => ({
        workflowId: unique('core-set:made'),
        runId: unique('run'),
        character: fixtures.character.id,
        stage: 'core-set',
        costUsd: 0,
        attempts: 1,
      }),
    },
  ] as const;

  const collectionChecks: Check<Json>[] = collections.flatMap(({ slug, fixture, fresh, harmless, create }) => {
    const op = (name: string) => `${slug}.${name}` as Operation;
    const deleteName = slug === 'media' ? 'delete (an upload)' : 'delete';
    return [
      {
        operation: op('find'),
        refusal: 'payload',
        done: [200],
        attempt: async (actor) => {
          const answer = await as(actor).request('GET', `/api/${slug}?limit=200&depth=0`);
          const listed = answer.status === 200 && answer.body.docs.some((doc: Json) => doc.id === fixture().id);
          return { ...answer, status: answer.status === 200 && !listed ? 404 : answer.status };
        },
      },
      {
        operation: op('findByID'),
        refusal: 'payload',
        done: [200],
        attempt: (actor) => as(actor).request('GET', `/api/${slug}/${fixture().id}?depth=0`),
      },
      {
        operation: op('create'),
        refusal: 'payload',
        done: [201],
        state: () => total(slug),
        attempt: (actor) =>
          create
            ? as(actor).request('POST', `/api/${slug}`, create())
            : as(actor).uploadImage(figureBytes, `${unique('made')}.png`, 'image/png'),
      },
      {
        operation: op('update'),
        refusal: 'payload',
        done: [200],
        state: async () => (await read(`/api/${slug}/${fixture().id}?depth=0`))[harmless] ?? null,
        attempt: (actor) => as(actor).request('PATCH', `/api/${slug}/${fixture().id}`, { [harmless]: unique(actor) }),
      },
      {
        operation: op(deleteName),
        refusal: 'payload',
        done: [200],
        prepare: fresh,
        state: (target) => exists(slug, target.id),
        attempt: (actor, target) => as(actor).request('DELETE', `/api/${slug}/${target.id}`),
      },
    ];
  });
  const userChecks: Check<Json>[] = [
    {
      operation: 'users.find (lists another account)',
      refusal: 'hidden',
      done: [200],
      attempt: async (actor) => {
        const answer = await as(actor).request('GET', '/api/users?limit=200&depth=0');
        const listed = answer.status === 200 && answer.body.docs.some((doc: Json) => doc.id === fixtures.other.id);
        return { ...answer, status: answer.status === 200 && !listed ? 404 : answer.status };
      },
    },
    {
      operation: 'users.findByID (another account)',
      refusal: 'hidden',
      done: [200],
      attempt: (actor) => as(actor).request('GET', `/api/users/${fixtures.other.id}`),
    },
    {
      operation: 'users.create',
      refusal: 'payload',
      done: [201],
      state: () => total('users'),
      attempt: (actor) =>
        as(actor).request('POST', '/api/users', { email: `${unique('made')}@test.local`, password: 'a-long-password', role: 'viewer' }),
    },
    {
      operation: 'users.update (another account)',
      refusal: 'payload',
      done: [200],
      state: async () => (await read(`/api/users/${fixtures.other.id}`)).name ?? null,
      attempt: (actor) => as(actor).request('PATCH', `/api/users/${fixtures.other.id}`, { name: unique(actor) }),
    },
    {
      operation: 'users.update (own name)',
      refusal: 'payload',
      done: [200],
      prepare: async (actor) => ({ id: ownId.get(actor) ?? fixtures.other.id }),
      state: async (target) => (await read(`/api/users/${target.id}`)).name ?? null,
      attempt: (actor, target) => as(actor).request('PATCH', `/api/users/${target.id}`, { name: unique(actor) }),
    },
    {
      operation: 'users.delete',
      refusal: 'payload',
      done: [200],
      prepare: () => newUser(),
      state: (target) => exists('users', target.id),
      attempt: (actor, target) => as(actor).request('DELETE', `/api/users/${target.id}`),
    },
  ];

  const otherChecks: Check<Json>[] = [
    {
      operation: 'qa-settings.read',
      refusal: 'payload',
      done: [200],
      attempt: (actor) => as(actor).request('GET', '/api/globals/qa-settings'),
    },
    {
      operation: 'qa-settings.update',
      refusal: 'payload',
      done: [200],
      state: async () => (await read('/api/globals/qa-settings')).reviewTimeoutHours,
      attempt: (actor) => as(actor).request('POST', '/api/globals/qa-settings', { reviewTimeoutHours: 24 + Math.random() }),
    },
    { operation: 'payload-jobs.find', refusal: 'payload', done: [200], attempt: (actor) => as(actor).request('GET', '/api/payload-jobs') },
    {
      operation: 'payload-migrations.find',
      refusal: 'absent',
      done: [200],
      attempt: (actor) => as(actor).request('GET', '/api/payload-migrations'),
    },
  ];

  /** A field write: the target is a document the actor may update where there is one (their own account for users). */
  function fieldCheck(
    operation: Operation,
    documentWriters: readonly Actor[],
    target: (actor: Actor) => Promise<Json>,
    value: (current: Json) => Json,
    path: (doc: Json) => unknown,
    collection: string,
  ): Check<{ doc: Json; data: Json }> {
    return {
      operation,
      refusal: 'payload',
      done: [200],
      documentWriters,
      prepare: async (actor) => {
        const doc = await target(actor);
        return { doc, data: value(await read(`/api/${collection}/${doc.id}?depth=0`)) };
      },
      state: async ({ doc }) => path(await read(`/api/${collection}/${doc.id}?depth=0`)) ?? null,
      attempt: (actor, { doc, data }) => as(actor).request('PATCH', `/api/${collection}/${doc.id}`, data),
    };
  }

  // People and the worker write these on their own account; the admin on a fresh one (so its own stays usable).
  const ownAccount = async (actor: Actor) =>
    actor === 'admin' ? newUser() : NO_IDENTITY.includes(actor) ? fixtures.other : { id: ownId.get(actor)! };
  const otherValue = <T>(values: T[], current: unknown) => values.find((value) => value !== current)!;

  const fieldChecks = [
    fieldCheck(
      'users.role',
      SIGNED_IN,
      ownAccount,
      (doc) => ({ role: doc.role === 'editor' ? 'admin' : 'editor' }),
      (doc) => doc.role,
      'users',
    ),
    fieldCheck(
      'users.email',
      SIGNED_IN,
      ownAccount,
      () => ({ email: `${unique('renamed')}@test.local` }),
      (doc) => doc.email,
      'users',
    ),
    {
      ...fieldCheck(
        'users.apiKey + enableAPIKey',
        SIGNED_IN,
        ownAccount,
        () => ({ enableAPIKey: true, apiKey: randomBytes(24).toString('hex') }),
        () => null,
        'users',
      ),
      state: async ({ data }: { doc: Json; data: Json }) => identityOfKey(data.apiKey),
    },
    fieldCheck(
      'users.systemAccount',
      SIGNED_IN,
      ownAccount,
      () => ({ systemAccount: unique('system') }),
      (doc) => doc.systemAccount,
      'users',
    ),
    ...(
      [
        [
          'characters.masterIngest',
          () => ({ masterIngest: { status: 'ready', mediaId: unique('m') } }),
          (doc: Json) => doc.masterIngest?.mediaId,
        ],
        [
          'characters.coreSet',
          () => ({ coreSet: { status: 'complete', workflowId: unique('w') } }),
          (doc: Json) => doc.coreSet?.workflowId,
        ],
        ['characters.costs', () => ({ costs: { totalUsd: Math.random() } }), (doc: Json) => doc.costs?.totalUsd],
        ['characters.lastError', () => ({ lastError: unique('e') }), (doc: Json) => doc.lastError],
      ] as const
    ).map(([operation, value, path]) =>
      fieldCheck(operation, POLICY['characters.update'], async () => fixtures.fieldsCharacter, value, path, 'characters'),
    ),
    ...(
      [
        ['media.qualityScore', () => ({ qualityScore: Math.round(Math.random() * 1000) / 10 }), (doc: Json) => doc.qualityScore],
        [
          'media.dinoProcessingStatus',
          (doc: Json) => ({ dinoProcessingStatus: otherValue(['validation_success', 'validation_failed'], doc.dinoProcessingStatus) }),
          (doc: Json) => doc.dinoProcessingStatus,
        ],
        ['media.analysis', () => ({ analysis: { engineId: unique('engine') } }), (doc: Json) => doc.analysis?.engineId],
        ['media.generationKey', () => ({ generationKey: unique('key') }), (doc: Json) => doc.generationKey],
      ] as const
    ).map(([operation, value, path]) => fieldCheck(operation, POLICY['media.update'], async () => fixtures.media, value, path, 'media')),
    ...(
      [
        [
          'character-images.review',
          (doc: Json) => ({ review: { status: otherValue(['approved', 'rejected'], doc.review?.status), decidedByLabel: unique('d') } }),
          (doc: Json) => doc.review?.decidedByLabel,
        ],
        [
          'character-images.consistencyScore',
          () => ({ consistencyScore: Math.round(Math.random() * 1000) / 10 }),
          (doc: Json) => doc.consistencyScore,
        ],
        ['character-images.qualityScore', () => ({ qualityScore: Math.round(Math.random() * 1000) / 10 }), (doc: Json) => doc.qualityScore],
      ] as const
    ).map(([operation, value, path]) =>
      fieldCheck(operation, POLICY['character-images.update'], async () => fixtures.fieldsImage, value, path, 'character-images'),
    ),
  ] as Check<unknown>[];

  const spendingState = async () => ({
    runs: await spendingRuns(fixtures.spendingCharacter),
    coreSet: (await read(`/api/characters/${fixtures.spendingCharacter.id}?depth=0`)).coreSet?.status ?? null,
  });

  const endpointChecks: Check<unknown>[] = [
    { operation: 'GET /api/health', refusal: 'endpoint', done: [200, 503], attempt: (actor) => as(actor).request('GET', '/api/health') },
    {
      operation: 'GET /api/users/me (is recognised)',
      refusal: 'endpoint',
      done: [200],
      attempt: async (actor) => {
        const answer = await as(actor).request('GET', '/api/users/me');
        const recognised = answer.status === 200 && answer.body.user?.id !== undefined && answer.body.user.id === ownId.get(actor);
        return { ...answer, status: recognised ? 200 : answer.status === 200 && !answer.body.user ? 401 : 500 };
      },
    },
    {
      operation: 'POST /api/users/unlock',
      refusal: 'payload',
      done: [200],
      attempt: (actor) => as(actor).request('POST', '/api/users/unlock', { email: fixtures.other.email }),
    },
    {
      operation: 'GET /api/payload-jobs/run',
      refusal: 'jobs',
      done: [200],
      attempt: (actor) => as(actor).request('GET', '/api/payload-jobs/run?limit=1'),
    },
    {
      operation: 'GET /api/payload-jobs/handle-schedules',
      refusal: 'jobs',
      done: [200],
      attempt: (actor) => as(actor).request('GET', '/api/payload-jobs/handle-schedules'),
    },
    {
      operation: 'POST /api/characters/query',
      refusal: 'endpoint',
      done: [200],
      attempt: (actor) => as(actor).request('POST', '/api/characters/query', { question: 'Who keeps the lighthouse?' }),
    },
    // The spending endpoints run on a character without a master: an allowed caller passes the role check and gets
    // the 409 for the missing master, so no generation starts for anyone; the state check proves it.
    {
      operation: 'POST /api/characters/:id/core-set',
      refusal: 'endpoint',
      done: [409],
      state: spendingState,
      allowedChanges: false,
      attempt: (actor) => as(actor).request('POST', `/api/characters/${fixtures.spendingCharacter.id}/core-set`, {}),
    },
    {
      operation: 'POST /api/characters/:id/shots',
      refusal: 'endpoint',
      done: [409],
      state: spendingState,
      allowedChanges: false,
      attempt: (actor) =>
        as(actor).request('POST', `/api/characters/${fixtures.spendingCharacter.id}/shots`, { prompt: 'on a pier at dusk' }),
    },
    // A batch of only a character without a master: an allowed caller gets the 409 "nothing to run", and no batch starts.
    {
      operation: 'POST /api/characters/core-set-batch',
      refusal: 'endpoint',
      done: [409],
      state: async () => ({ ...(await spendingState()), batches: await batchRuns() }),
      allowedChanges: false,
      attempt: (actor) => as(actor).request('POST', '/api/characters/core-set-batch', { characterIds: [fixtures.spendingCharacter.id] }),
    },
    {
      operation: 'GET /api/characters/core-set-batch',
      refusal: 'endpoint',
      done: [200],
      attempt: (actor) => as(actor).request('GET', '/api/characters/core-set-batch'),
    },
    // An id no batch has: an allowed caller is past the role check and hears that there is no such batch.
    {
      operation: 'GET /api/characters/core-set-batch/:batchId',
      refusal: 'endpoint',
      done: [404],
      attempt: (actor) => as(actor).request('GET', `/api/characters/core-set-batch/${NO_SUCH_BATCH}`),
    },
    {
      operation: 'POST /api/characters/core-set-batch/:batchId/cancel',
      refusal: 'endpoint',
      done: [409],
      attempt: (actor) => as(actor).request('POST', `/api/characters/core-set-batch/${NO_SUCH_BATCH}/cancel`, {}),
    },
    {
      operation: 'GET /api/characters/:id/pipeline',
      refusal: 'endpoint',
      done: [200],
      attempt: (actor) => as(actor).request('GET', `/api/characters/${fixtures.character.id}/pipeline`),
    },
    {
      operation: 'PATCH /api/characters/:id/pipeline-state',
      refusal: 'endpoint',
      done: [200],
      state: async () => (await read(`/api/characters/${fixtures.fieldsCharacter.id}?depth=0`)).coreSet?.error ?? null,
      attempt: (actor) =>
        as(actor).request('PATCH', `/api/characters/${fixtures.fieldsCharacter.id}/pipeline-state`, { coreSet: { error: unique(actor) } }),
    },
    {
      operation: 'POST /api/characters/:id/run-cost',
      refusal: 'endpoint',
      done: [200],
      state: async () =>
        (await read(`/api/generation-runs?where[character][equals]=${fixtures.fieldsCharacter.id}&limit=0&depth=0`)).totalDocs,
      attempt: (actor) =>
        as(actor).request('POST', `/api/characters/${fixtures.fieldsCharacter.id}/run-cost`, {
          workflowId: unique('core-set:matrix'),
          runId: unique(`run-${actor}`),
          outcome: 'complete',
          stage: 'core-set',
          costUsd: 0,
          attempts: 1,
          unpricedAttempts: 0,
        }),
    },
    {
      operation: 'GET /api/characters/:id/turnaround',
      refusal: 'endpoint',
      done: [409],
      attempt: (actor) => as(actor).request('GET', `/api/characters/${fixtures.character.id}/turnaround`),
    },
    {
      operation: 'POST /api/character-images/:id/review',
      refusal: 'endpoint',
      done: [409],
      state: async () => (await read(`/api/character-images/${fixtures.image.id}?depth=0`)).review,
      allowedChanges: false,
      attempt: (actor) => as(actor).request('POST', `/api/character-images/${fixtures.image.id}/review`, { decision: 'approve' }),
    },
    {
      operation: 'GET /api/globals/qa-settings/review-evidence',
      refusal: 'endpoint',
      done: [200],
      attempt: (actor) => as(actor).request('GET', '/api/globals/qa-settings/review-evidence'),
    },
    {
      operation: 'POST /api/globals/qa-settings/apply-review-evidence',
      refusal: 'endpoint',
      done: [409],
      state: async () => (await read('/api/globals/qa-settings')).coreSetThresholds,
      allowedChanges: false,
      attempt: (actor) =>
        as(actor).request('POST', '/api/globals/qa-settings/apply-review-evidence', { engineId: 'classical-v2', angle: 90 }),
    },
  ];

  const checks = [...collectionChecks, ...userChecks, ...otherChecks, ...fieldChecks, ...endpointChecks] as Check<unknown>[];

  it('refuses the expired token for its expiry alone: the same token re-signed with a future expiry is the viewer', async () => {
    const viewerToken = as('viewer').authorization!.replace(/^JWT /, '');
    const renewed = resignedJwt(viewerToken, payloadJwtKey(system.payload.payloadSecret), { exp: Math.floor(Date.now() / 1000) + 600 });
    const { body } = await RestSession.withJwt(system.payload.url, renewed).request('GET', '/api/users/me');
    expect(body.user?.id).toBe(ownId.get('viewer'));
  });

  it('covers every operation of the policy exactly once', () => {
    expect(checks.map((check) => check.operation).sort()).toEqual(Object.keys(POLICY).sort());
  });

  /**
   * What each actor should see: "allowed", or the refusal's status; a write also says whether it changed the
   * document. A field write refused to someone who may update the document is Payload's silent drop: 200, unchanged.
   */
  function expected(check: Check<unknown>, actor: Actor) {
    const allowed = (POLICY[check.operation] as readonly Actor[]).includes(actor);
    const silentlyDropped = !allowed && check.documentWriters?.includes(actor);
    const status = allowed || silentlyDropped ? 'done' : refusalStatus(check.refusal, actor);
    return check.state ? { status, changed: allowed && check.allowedChanges !== false } : { status };
  }

  it.each(Object.keys(POLICY))('%s', async (operation) => {
    const check = checks.find((candidate) => candidate.operation === operation)!;
    const observed: Record<string, unknown> = {};
    const wanted: Record<string, unknown> = {};
    for (const actor of ACTORS) {
      const target = await check.prepare?.(actor);
      const before = await check.state?.(target);
      const answer = await check.attempt(actor, target);
      const status = check.done.includes(answer.status) && !(check.documentWriters && answer.status !== 200) ? 'done' : answer.status;
      observed[actor] = check.state ? { status, changed: !isDeepStrictEqual(before, await check.state(target)) } : { status };
      wanted[actor] = expected(check, actor);
    }
    expect(observed).toEqual(wanted);
  });
});
