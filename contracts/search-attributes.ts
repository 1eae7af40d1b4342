import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Every run carries these, so the Web UI and the admin can filter a character's runs. A cluster must have them
 * registered: the dev server gets `searchAttributeFlags()` at start, other clusters
 * `temporal operator search-attribute create` (docker-compose.temporal.yml, deploy/temporal/setup-namespace.sh).
 */
export const searchAttributes = {
  characterId: defineSearchAttributeKey('CharacterId', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('PipelineStage', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('PipelineStatus', SearchAttributeType.KEYWORD),
};

export type PipelineStage = 'master-reference' | 'core-set' | 'core-set-batch' | 'production-shot' | 'persona-sync';

/** The names and types as the Temporal CLI spells them (`--type Keyword`). */
export const SEARCH_ATTRIBUTE_DEFINITIONS = Object.values(searchAttributes).map((key) => ({
  name: key.name,
  type: cliTypeName(key.type),
}));

/** `temporal server start-dev` arguments that register the attributes. */
export function searchAttributeFlags(): string[] {
  return SEARCH_ATTRIBUTE_DEFINITIONS.flatMap(({ name, type }) => ['--search-attribute', `${name}=${type}`]);
}

/** The visibility query for every run of one character. */
export function runsOfCharacterQuery(characterId: string): string {
  return `${searchAttributes.characterId.name} = "${characterId.replace(/"/g, '')}"`;
}

function cliTypeName(type: SearchAttributeType): string {
  return type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
