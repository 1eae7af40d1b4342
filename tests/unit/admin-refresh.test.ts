import { gallerySignature, isBusy, mayHaveSheet, sheetVersion } from '../../payload-app/components/pipeline-data/activity';
import type { Pipeline, Run } from '../../payload-app/components/pipeline-data/types';

const run = (overrides: Partial<Run>): Run => ({
  workflowId: 'core-set:lena',
  runId: 'r1',
  type: 'coreSetWorkflow',
  status: 'RUNNING',
  pipelineStatus: 'running',
  startTime: '2026-01-01T00:00:00Z',
  url: 'http://localhost:8233/x',
  progress: null,
  ...overrides,
});
const angle = (state: string, attempt = 1) => ({ angle: 0, state, attempt, consistencyScore: null, qualityScore: null, threshold: null });
const pipeline = (runs: Run[], ingest = 'ready', coreSet = 'running'): Pipeline => ({
  character: { name: 'Lena', masterIngest: { status: ingest }, coreSet: { status: coreSet } },
  master: null,
  runs,
});

describe('when the admin refreshes', () => {
  it('is busy while an angle generates, and not while every open angle waits for a reviewer', () => {
    expect(isBusy(pipeline([run({ progress: { angles: [angle('passed'), angle('generating')] } })]))).toBe(true);
    expect(isBusy(pipeline([run({ progress: { angles: [angle('passed'), angle('awaiting_review')] } })]))).toBe(false);
  });

  it('is busy while a master is ingested or a run answers no progress, idle when every run is closed', () => {
    expect(isBusy(pipeline([], 'processing'))).toBe(true);
    expect(isBusy(pipeline([run({ type: 'masterReferenceWorkflow', progress: null })]))).toBe(true);
    expect(isBusy(pipeline([run({ status: 'COMPLETED', progress: null })]))).toBe(false);
    expect(isBusy(null)).toBe(false);
  });

  it('reloads the gallery when an angle moves on or a run closes, not while nothing changes', () => {
    const waiting = pipeline([run({ progress: { angles: [angle('awaiting_review', 3)] } })]);
    expect(gallerySignature(waiting)).toBe(gallerySignature(structuredClone(waiting)));
    expect(gallerySignature(pipeline([run({ progress: { angles: [angle('approved', 3)] } })]))).not.toBe(gallerySignature(waiting));
    expect(gallerySignature(pipeline([run({ status: 'COMPLETED' })]))).not.toBe(gallerySignature(pipeline([run({})])));
  });

  it('fetches the turnaround sheet again when a running core set accepts another angle', () => {
    const one = pipeline([run({ progress: { angles: [angle('passed'), angle('generating')] } })]);
    const two = pipeline([run({ progress: { angles: [angle('passed'), angle('passed')] } })]);
    expect(sheetVersion(one)).not.toBe(sheetVersion(two));
  });

  it('asks for the turnaround sheet only once a running core set has accepted an angle', () => {
    const flaggedFirst = run({ progress: { angles: [angle('awaiting_review'), angle('generating')] } });
    expect(mayHaveSheet(pipeline([flaggedFirst], 'ready', 'awaiting_review'))).toBe(false);
    expect(mayHaveSheet(pipeline([run({ progress: { angles: [angle('passed'), angle('generating')] } })]))).toBe(true);
    expect(mayHaveSheet(pipeline([run({ status: 'COMPLETED' })], 'ready', 'incomplete'))).toBe(true);
    expect(mayHaveSheet(pipeline([], 'ready', 'not_started'))).toBe(false);
    expect(mayHaveSheet(null)).toBe(false);
  });
});
