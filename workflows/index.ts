// The workflow bundle's entry point: every workflow type the worker serves.
export { masterReferenceWorkflow } from './master-reference/workflow';
export { coreSetWorkflow } from './core-set/workflow';
export { coreSetBatchWorkflow } from './core-set-batch/workflow';
export { productionShotWorkflow } from './production-shot/workflow';
export { personaRemoveWorkflow, personaSyncWorkflow } from './persona-sync/workflow';
