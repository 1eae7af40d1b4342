/**
 * The Payload app's one way to Temporal: endpoints, hooks and admin components call these and nothing else
 * (only this folder imports @temporalio/client). Starts are typed by the workflow functions themselves.
 */
export {
  cancelCoreSetBatch,
  listCoreSetBatches,
  readCoreSetBatch,
  startCoreSetBatch,
  type BatchSummary,
  type StartedBatch,
} from './batches';
export { checkTemporal, checkWorkers } from './health';
export { signalPersonaChanged, startPersonaRemoval } from './persona';
export { startCoreSet, startMasterReference, startProductionShot } from './pipelines';
export { sendReviewDecision, type ReviewDelivery } from './review';
export { listCharacterRuns, type CharacterRun, type RunProgress } from './runs';
export { runningRunId, type StartedRun } from './start';
