/** Input of the master-reference workflow. Ids only: image bytes never travel through workflow history. */
export interface MasterReferenceInput {
  /** Payload document id of the character. */
  characterDocId: string | number;
  /** The character's slug (`characterId` field), used in workflow ids and search attributes. */
  characterId: string;
  /** Payload media id of the master reference image to ingest. */
  mediaId: string | number;
}

export type MasterReferenceOutcome =
  | { status: 'ready'; dinoAssetId: string; engineId: string; embeddingLength: number; qualityScore: number }
  | { status: 'superseded'; reason: string };

export interface MasterReferenceProgress {
  step: 'verifying' | 'registering' | 'extracting' | 'measuring' | 'recording' | 'done' | 'failed' | 'superseded';
  dinoAssetId?: string;
  error?: string;
}
