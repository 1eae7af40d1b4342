import {
  ApplicationFailure,
  defineQuery,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  isCancellation,
  patched,
  workflowInfo,
} from '@temporalio/workflow';
import type { MasterReferenceActivities } from '../../activities/master-reference/activities';
import {
  imageWorkTaskQueue,
  PROGRESS_QUERY,
  searchAttributes,
  type MasterReferenceInput,
  type MasterReferenceOutcome,
  type MasterReferenceProgress,
} from '../../contracts';
import { describeFailure } from '../failure-message';
import { IMAGE_WORK_QUEUE_PATCH } from '../patches';

export const masterReferenceProgressQuery = defineQuery<MasterReferenceProgress>(PROGRESS_QUERY);

const retry = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  maximumAttempts: 8,
};

const payloadSteps = proxyActivities<MasterReferenceActivities>({ startToCloseTimeout: '1 minute', retry });
// Upload and feature extraction can be slow on a cold analysis service (spec: 60–120 s).
const analysisSteps = proxyActivities<MasterReferenceActivities>({ startToCloseTimeout: '3 minutes', heartbeatTimeout: '15s', retry });
/** Decoding and measuring the master's pixels, on the image-work queue beside this run's own. */
const imageWork = () =>
  proxyActivities<MasterReferenceActivities>({
    taskQueue: imageWorkTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '3 minutes',
    heartbeatTimeout: '15s',
    retry,
  });

/** How long to wait for the save that started this run to become visible before calling it superseded. */
const COMMIT_WAIT_ATTEMPTS = 5;

export async function masterReferenceWorkflow(input: MasterReferenceInput): Promise<MasterReferenceOutcome> {
  const progress: MasterReferenceProgress = { step: 'verifying' };
  setHandler(masterReferenceProgressQuery, () => progress);

  let current = false;
  for (let attempt = 0; attempt < COMMIT_WAIT_ATTEMPTS && !current; attempt++) {
    if (attempt > 0) await sleep('2s');
    current = (await payloadSteps.verifyMasterIsCurrent(input)).current;
  }
  if (!current) {
    progress.step = 'superseded';
    setStatus('superseded');
    return { status: 'superseded', reason: 'The character no longer uses this media as its master reference.' };
  }

  try {
    await payloadSteps.markMasterIngestStarted(input);
    progress.step = 'registering';
    const { dinoAssetId } = await analysisSteps.registerMasterWithAnalysis(input);
    progress.dinoAssetId = dinoAssetId;
    progress.step = 'extracting';
    const { engineId, embeddingLength } = await analysisSteps.extractMasterFeatures({ ...input, dinoAssetId });
    progress.step = 'measuring';
    const measuring = patched(IMAGE_WORK_QUEUE_PATCH) ? imageWork() : analysisSteps;
    const { qualityScore } = await measuring.measureMasterQuality({ ...input, dinoAssetId });
    progress.step = 'recording';
    await payloadSteps.recordMasterIngestReady({ ...input, dinoAssetId, engineId, qualityScore });
    progress.step = 'done';
    setStatus('ready');
    return { status: 'ready', dinoAssetId, engineId, embeddingLength, qualityScore };
  } catch (error) {
    if (isCancellation(error)) throw error;
    const message = describeFailure(error);
    progress.step = 'failed';
    progress.error = message;
    await payloadSteps.recordMasterIngestFailed({ ...input, error: message });
    setStatus('failed');
    throw ApplicationFailure.nonRetryable(message, 'MasterIngestFailed');
  }
}

function setStatus(status: string) {
  upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);
}
