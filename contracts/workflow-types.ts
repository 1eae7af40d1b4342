/**
 * What goes into each workflow and what comes out of it, as the processes that start or query it see it: the
 * start argument, the result, and the live progress its `progress` query answers. Ids only: image bytes never
 * travel through workflow history.
 */
type Id = string | number;

export interface MasterReferenceInput {
  /** Payload document id of the character. */
  characterDocId: Id;
  /** The character's slug (`characterId` field), used in workflow ids and search attributes. */
  characterId: string;
  /** Payload media id of the master reference image to ingest. */
  mediaId: Id;
  /** The analysis asset of the file this media held before it was replaced: deleted when the new ingest starts. */
  retireAssetId?: string;
}

export type MasterReferenceOutcome =
  | { status: 'ready'; dinoAssetId: string; engineId: string; embeddingLength: number; qualityScore: number }
  | { status: 'superseded'; reason: string };

export interface MasterReferenceProgress {
  step: 'verifying' | 'registering' | 'extracting' | 'measuring' | 'recording' | 'done' | 'failed' | 'superseded';
  dinoAssetId?: string;
  error?: string;
}

export type ImageState =
  'generating' | 'analysing' | 'retrying' | 'passed' | 'awaiting_review' | 'approved' | 'rejected' | 'timed_out' | 'blocked' | 'failed';

/** One requested image (a core-set angle or a production shot), mutated in place as its attempts advance. */
export interface ImageProgress {
  state: ImageState | 'queued';
  attempt: number;
  consistencyScore: number | null;
  qualityScore: number | null;
  threshold: number | null;
  imageId?: Id;
  reason?: string;
  /** Every attempt's cost, kept or discarded; attempts of unpriced models are counted apart. */
  spentUsd: number;
  generations: number;
  unpricedGenerations: number;
}

export interface CoreSetInput {
  characterDocId: Id;
  characterId: string;
  /** Subset of CORE_SET_ANGLES; all eight when absent. */
  angles?: number[];
  /** Raises the per-angle lower bars for this run (consistencyScore scale); it can never lower them. */
  thresholdOverride?: number;
  maxAttempts?: number;
  requestedBy?: string;
}

export interface AngleProgress extends ImageProgress {
  angle: number;
}

export interface CoreSetProgress {
  characterId: string;
  status: 'starting' | 'running' | 'awaiting_review' | 'complete' | 'incomplete' | 'failed' | 'cancelled';
  engineId?: string;
  angles: AngleProgress[];
  /** Signalled review decisions this run could not use, with the reason (stale, duplicate, unknown image). */
  ignoredDecisions?: Array<{ imageId: string; decision: string; reviewer: string; reason: string }>;
}

export interface ProductionShotInput {
  characterDocId: Id;
  characterId: string;
  prompt: string;
  shotType?: string;
  tags?: string;
  aspectRatio?: string;
  requestedBy?: string;
}

export interface ProductionShotProgress extends ImageProgress {
  characterId: string;
  prompt: string;
  referenceCount?: number;
  ignoredDecisions?: Array<{ imageId: string; decision: string; reviewer: string; reason: string }>;
}

export interface PersonaSyncInput {
  characterDocId: Id;
  characterId: string;
  /** How long the persona must stay unchanged before it is sent (a burst of saves becomes one sync). */
  debounceMs?: number;
}

export interface PersonaSyncProgress {
  state: 'debouncing' | 'syncing' | 'synced' | 'unchanged' | 'failed';
  changesSeen: number;
  syncs: number;
  lastHash?: string;
  error?: string;
}

export interface PersonaRemoveInput {
  characterName: string;
}

/** A character the batch was asked for; `skipReason` set means nothing is started for it (no ingested master, …). */
export interface BatchCharacter {
  characterDocId: Id;
  characterId: string;
  name: string;
  skipReason?: string;
}

export interface CoreSetBatchInput {
  characters: BatchCharacter[];
  /**
   * The image model's requests a minute across all workers (the workers' MODEL_REQUESTS_PER_MINUTE): what the time left
   * is estimated from. Null when none is configured: no limit, so no estimate.
   */
  modelRequestsPerMinute: number | null;
  /** At most this many of the batch's core sets generate at once; one waiting for a reviewer gives its place up. */
  maxRunning?: number;
  /** How often the batch reads its runs' live progress (review, cost so far). */
  progressPollMs?: number;
  requestedBy?: string;
}

export type BatchCharacterState = 'skipped' | 'queued' | 'running' | 'awaiting_review' | 'complete' | 'incomplete' | 'failed' | 'cancelled';

export interface BatchCharacterProgress {
  characterDocId: Id;
  characterId: string;
  name: string;
  state: BatchCharacterState;
  /** Why it was skipped, failed, or what it did not finish. */
  reason?: string;
  workflowId?: string;
  runId?: string;
  /** The core set was already running when the batch reached it: the batch follows it and never cancels it. */
  followed?: boolean;
  angles: number;
  anglesAccepted: number;
  /** Generations this character still needs at one attempt per unsettled angle (angles waiting for a person excluded). */
  remainingGenerations: number;
  spentUsd: number;
}

export interface BatchCounts {
  total: number;
  queued: number;
  running: number;
  inReview: number;
  done: number;
  incomplete: number;
  failed: number;
  cancelled: number;
  skipped: number;
}

export interface CoreSetBatchProgress {
  status: 'running' | 'finished' | 'cancelled';
  characters: BatchCharacterProgress[];
  counts: BatchCounts;
  spentUsd: number;
  remainingGenerations: number;
  modelRequestsPerMinute: number | null;
  /**
   * Remaining generations at the model's rate; 0 when nothing is left to generate (reviews may still be open); null
   * when no rate is configured (nothing to estimate from).
   */
  estimatedSecondsLeft: number | null;
  /** Workflow time of the last progress reading. */
  updatedAt: string;
}

/** What the batch reads about one core-set run (its own child or one it follows). */
export interface CoreSetRunReading {
  workflowId: string;
  runId?: string;
  /** Temporal's execution status name (RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, TIMED_OUT, …); NOT_FOUND. */
  execution: string;
  progress: CoreSetProgress | null;
  failure?: string;
}
