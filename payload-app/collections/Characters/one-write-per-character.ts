import { oneAtATimePerKey } from '../../endpoints/one-at-a-time';

/**
 * Writes to one character wait for each other in this process: FerretDB (the MongoDB tier's server) has no
 * transactions and applies every update by reading the document and writing it back whole, so two updates of one
 * document at the same moment keep only one of them, whatever fields each of them sets. Across app processes a
 * transaction keeps them apart, where the database has one.
 */
export const oneWritePerCharacter = oneAtATimePerKey();
