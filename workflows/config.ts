/**
 * Names shared by the workflows and the processes that start or signal them (Payload, CLI, tests).
 * Deterministic workflow ids are what make a double click or a retried HTTP call join the running
 * workflow instead of starting a second one.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const DEFAULT_TASK_QUEUE = 'character-assets';

export const workflowIds = {
  masterReference: (characterId: string, mediaId: string | number) =>
    `master-reference:${characterId}:${mediaId}`,
  coreSet: (characterId: string) => `core-set:${characterId}`,
  productionShot: (characterId: string, requestKey: string) => `production-shot:${characterId}:${requestKey}`,
  personaSync: (characterId: string) => `persona-sync:${characterId}`,
};

/** Registered on the dev server by scripts/temporal-dev.sh and by `temporal operator search-attribute create` elsewhere. */
export const searchAttributes = {
  characterId: defineSearchAttributeKey('CharacterId', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('PipelineStage', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('PipelineStatus', SearchAttributeType.KEYWORD),
};

export const SEARCH_ATTRIBUTE_DEFINITIONS = [
  { name: 'CharacterId', type: 'Keyword' },
  { name: 'PipelineStage', type: 'Keyword' },
  { name: 'PipelineStatus', type: 'Keyword' },
] as const;

export type PipelineStage = 'master-reference' | 'core-set' | 'production-shot' | 'persona-sync';

export function temporalUiLink(uiBaseUrl: string, namespace: string, workflowId: string, runId?: string): string {
  const base = `${uiBaseUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}` : base;
}
