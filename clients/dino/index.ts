export { createDinoClient, type CharacterMatch, type DinoClient, type DinoClientOptions } from './client';
export { engineIdFromModelName } from './engine-id';
export type { DinoHealth } from './health';
