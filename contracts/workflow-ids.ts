/**
 * Deterministic workflow ids: they are what make a double click or a retried HTTP call join the running workflow
 * instead of starting a second one, and what operators type into the Temporal CLI.
 */
export const workflowIds = {
  masterReference: (characterId: string, mediaId: string | number) => `master-reference:${characterId}:${mediaId}`,
  coreSet: (characterId: string) => `core-set:${characterId}`,
  /** `selectionKey` is derived from the selected characters' slugs, so a double click joins the batch already running. */
  coreSetBatch: (selectionKey: string) => `core-set-batch:${selectionKey}`,
  productionShot: (characterId: string, requestKey: string) => `production-shot:${characterId}:${requestKey}`,
  personaSync: (characterId: string) => `persona-sync:${characterId}`,
  personaRemove: (characterId: string) => `persona-remove:${characterId}`,
};
