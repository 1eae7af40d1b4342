/** The admin's view of `GET /api/characters/:id/pipeline` (payload-app/collections/Characters/endpoints/pipeline.ts). */

export interface ItemProgress {
  angle?: number;
  state: string;
  attempt: number;
  consistencyScore: number | null;
  qualityScore: number | null;
  threshold: number | null;
  imageId?: string | number;
  reason?: string;
}

export interface Run {
  workflowId: string;
  runId: string;
  type: string;
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, … */
  status: string;
  /** What the workflow itself reports (the PipelineStatus search attribute). */
  pipelineStatus: string | null;
  startTime: string;
  url: string;
  progress: ({ angles?: ItemProgress[]; prompt?: string; status?: string } & Partial<ItemProgress>) | null;
}

/** A recorded stage: its status, the run that recorded it (with its Web UI link) and what went wrong. */
export interface StageState {
  status?: string | null;
  error?: string | null;
  workflowUrl?: string | null;
  updatedAt?: string | null;
}

export interface CharacterState {
  masterIngest?: (StageState & { qualityScore?: number | null; engineId?: string | null }) | null;
  coreSet?: StageState | null;
  personaSync?: (StageState & { syncedAt?: string | null }) | null;
  costs?: { totalUsd?: number | null; acceptedImages?: number | null; perAcceptedImageUsd?: number | null } | null;
  lastError?: string | null;
}

export interface MasterImage {
  url: string;
  thumbnailUrl: string;
  qualityScore: number | null;
  dinoProcessingStatus: string;
  validationNotes: string | null;
}

export interface Pipeline {
  character: CharacterState & { name: string };
  master: MasterImage | null;
  runs: Run[];
  temporalError?: string;
}
