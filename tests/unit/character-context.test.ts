import type { PayloadRestClient } from '../../clients/payload/client';
import { loadCharacterContext } from '../../activities/support/character-context';
import { loadQaSettings, reviewTimeoutMs } from '../../activities/support/qa-settings';

const payloadAnswering = (doc: Record<string, unknown>) =>
  ({ findById: async () => doc, getGlobal: async () => doc }) as unknown as PayloadRestClient;

describe('loadCharacterContext', () => {
  it('gives the look on one line, the master and the engine it was analysed with', async () => {
    const character = {
      id: 3,
      name: 'Ada Quill',
      physicalDescription: 'Tall,\n  freckled',
      clothing: null,
      masterReferenceImage: { id: 12, url: '/x' },
      masterIngest: { status: 'ready', engineId: 'classical-v2' },
    };
    expect(await loadCharacterContext(payloadAnswering(character), 3)).toEqual({
      name: 'Ada Quill',
      lookDescription: 'Tall, freckled',
      masterMediaId: 12,
      engineId: 'classical-v2',
    });
  });

  it.each([
    ['no master', { masterReferenceImage: null, masterIngest: { status: 'ready', engineId: 'classical-v2' } }],
    ['a master still processing', { masterReferenceImage: 12, masterIngest: { status: 'processing', engineId: 'classical-v2' } }],
    ['a ready master without an engine id', { masterReferenceImage: 12, masterIngest: { status: 'ready' } }],
  ])('fails without retrying for %s', async (_case, fields) => {
    const error = await loadCharacterContext(payloadAnswering({ id: 3, name: 'Bo', ...fields }), 3).catch((e) => e);
    expect(error).toMatchObject({ type: 'MasterNotReady', nonRetryable: true });
    expect(error.message).toMatch(/^Bo has no ingested master reference yet/);
  });
});

describe('loadQaSettings', () => {
  it('reads the global and defaults the review timeout to 72 hours', async () => {
    const settings = await loadQaSettings(payloadAnswering({ minQualityScore: 60, reviewTimeoutHours: null, globalType: 'qa-settings' }));
    expect(settings.minQualityScore).toBe(60);
    expect(reviewTimeoutMs(settings)).toBe(72 * 3_600_000);
    expect(reviewTimeoutMs({ ...settings, reviewTimeoutHours: 0.5 })).toBe(1_800_000);
  });
});
