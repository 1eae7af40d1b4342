export { createDinoClient, engineIdFromModelName, type CharacterMatch, type DinoClient, type DinoClientOptions, type DinoHealth } from './client';
