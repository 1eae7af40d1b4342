import type { PersonaSyncActivities } from '../../activities/persona-sync/activities';
import { PERSONA_CHANGED_SIGNAL, type PersonaChangedSignal, type PersonaSyncInput } from '../../contracts';
import type { personaSyncWorkflow } from '../../workflows';
import { startWorkflowTestEnvironment, type WorkflowTestEnvironment } from './environment';
import { recorded } from './recorder';

const DEBOUNCE_MS = 2_000;
const changed: PersonaChangedSignal = { savedAt: '2026-11-26T12:00:00.000Z' };

/** Persona sync on the time-skipping test server: a burst of saves becomes one sync, after a quiet period. */
describe('persona-sync workflow', () => {
  let environment: WorkflowTestEnvironment;

  beforeAll(async () => {
    environment = await startWorkflowTestEnvironment();
  });

  afterAll(async () => {
    await environment?.teardown();
  });

  const input: PersonaSyncInput = { characterDocId: 7, characterId: 'ada', debounceMs: DEBOUNCE_MS };

  const signalWithStart = (taskQueue: string, workflowId: string) =>
    environment.env.client.workflow.signalWithStart<typeof personaSyncWorkflow, [PersonaChangedSignal]>('personaSyncWorkflow', {
      taskQueue,
      workflowId,
      args: [input],
      signal: PERSONA_CHANGED_SIGNAL,
      signalArgs: [changed],
    });

  const fakeActivities = (syncPersona: PersonaSyncActivities['syncPersona']) =>
    recorded<PersonaSyncActivities>({
      syncPersona,
      recordPersonaSyncFailure: async () => undefined,
      removePersonaEntity: async () => undefined,
    });

  it('restarts the quiet period on every save and then syncs once', async () => {
    const fake = fakeActivities(async () => ({ inserted: true, hash: 'hash-1' }));
    const { callsWhileSaving, result } = await environment.withWorker(fake.activities, async (taskQueue) => {
      const handle = await signalWithStart(taskQueue, 'persona-sync:burst');
      // Each save lands before the previous quiet period ends: 3 s pass in all, but never 2 s without a change.
      for (let save = 0; save < 2; save++) {
        await environment.env.sleep(DEBOUNCE_MS * 0.75);
        await handle.signal(PERSONA_CHANGED_SIGNAL, changed);
      }
      const callsWhileSaving = fake.inputsOf('syncPersona').length;
      return { callsWhileSaving, result: await handle.result() };
    });

    expect(callsWhileSaving).toBe(0);
    expect(fake.inputsOf('syncPersona')).toEqual([{ characterDocId: 7 }]);
    expect(result).toEqual({ state: 'synced', changesSeen: 3, syncs: 1, lastHash: 'hash-1' });
  });

  it('syncs again after a save that arrives during the sync, and skips an unchanged text', async () => {
    const workflowId = 'persona-sync:during';
    let syncs = 0;
    const fake = fakeActivities(async () => {
      if (++syncs === 1) {
        await environment.env.client.workflow.getHandle(workflowId).signal(PERSONA_CHANGED_SIGNAL, changed);
        return { inserted: true, hash: 'hash-1' };
      }
      return { inserted: false, hash: 'hash-1' };
    });
    const result = await environment.withWorker(fake.activities, async (taskQueue) =>
      (await signalWithStart(taskQueue, workflowId)).result(),
    );

    expect(fake.inputsOf('syncPersona')).toHaveLength(2);
    expect(result).toEqual({ state: 'unchanged', changesSeen: 2, syncs: 2, lastHash: 'hash-1' });
  });
});
