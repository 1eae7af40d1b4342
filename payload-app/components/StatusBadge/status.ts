/**
 * What a person reads for every status the library stores or Temporal reports: one label and one tone per value,
 * shared by badges, the pipeline panel, the sidebar summary, list cells and the select options of the collections.
 */
export type Tone = 'success' | 'error' | 'warning' | 'active' | 'neutral';

interface StatusText {
  label: string;
  tone: Tone;
}

const STATUSES: Record<string, StatusText> = {
  // Stored pipeline state on a character (masterIngest, coreSet, personaSync).
  not_started: { label: 'Not started', tone: 'neutral' },
  queued: { label: 'Queued', tone: 'active' },
  processing: { label: 'Processing', tone: 'active' },
  ready: { label: 'Ready', tone: 'success' },
  failed: { label: 'Failed', tone: 'error' },
  starting: { label: 'Starting', tone: 'active' },
  running: { label: 'Running', tone: 'active' },
  awaiting_review: { label: 'Awaiting review', tone: 'warning' },
  complete: { label: 'Complete', tone: 'success' },
  incomplete: { label: 'Incomplete', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  not_synced: { label: 'Not synced', tone: 'neutral' },
  pending: { label: 'Pending', tone: 'neutral' },
  syncing: { label: 'Syncing', tone: 'active' },
  synced: { label: 'Synced', tone: 'success' },
  // Live progress of an angle or shot, and of a persona sync.
  generating: { label: 'Generating', tone: 'active' },
  analysing: { label: 'Analysing', tone: 'active' },
  retrying: { label: 'Retrying', tone: 'warning' },
  passed: { label: 'Passed', tone: 'success' },
  approved: { label: 'Approved', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'error' },
  timed_out: { label: 'Review timed out', tone: 'neutral' },
  blocked: { label: 'Blocked by safety filter', tone: 'error' },
  debouncing: { label: 'Waiting for edits to settle', tone: 'active' },
  unchanged: { label: 'Unchanged', tone: 'success' },
  superseded: { label: 'Superseded', tone: 'neutral' },
  // A core-set batch and the characters in it.
  finished: { label: 'Finished', tone: 'success' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  // Analysis of a media file or gallery image.
  validation_success: { label: 'Passed validation', tone: 'success' },
  validation_failed: { label: 'Failed validation', tone: 'error' },
  not_validated: { label: 'Not validated', tone: 'neutral' },
  // Review of a gallery image.
  not_required: { label: 'No review needed', tone: 'neutral' },
  retry_requested: { label: 'Retry requested', tone: 'active' },
  withdrawn: { label: 'Withdrawn (run ended)', tone: 'neutral' },
  // Temporal's execution status of a run.
  RUNNING: { label: 'Running', tone: 'active' },
  COMPLETED: { label: 'Completed', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'error' },
  CANCELLED: { label: 'Cancelled', tone: 'neutral' },
  TERMINATED: { label: 'Terminated', tone: 'error' },
  CONTINUED_AS_NEW: { label: 'Continued as new', tone: 'neutral' },
  TIMED_OUT: { label: 'Timed out', tone: 'error' },
};

/** A value nobody listed yet still reads as words, never as snake_case. */
function fallback(status: string): StatusText {
  const words = status.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return { label: words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown', tone: 'neutral' };
}

/** True when the status has a label of its own (the tests hold every stored and reported value to that). */
export function hasOwnLabel(status: string): boolean {
  return Object.hasOwn(STATUSES, status);
}

export function statusLabel(status: string | null | undefined): string {
  return status ? (STATUSES[status] ?? fallback(status)).label : 'Unknown';
}

export function statusTone(status: string | null | undefined): Tone {
  return status ? (STATUSES[status]?.tone ?? 'neutral') : 'neutral';
}

/** Select options with the same labels, so Payload's filters and default cells read the same words. */
export function labelledOptions(values: readonly string[]): { label: string; value: string }[] {
  return values.map((value) => ({ label: statusLabel(value), value }));
}

/** The workflow type as people name it. */
const RUN_TYPES: Record<string, string> = {
  masterReferenceWorkflow: 'Master reference',
  coreSetWorkflow: '360° core set',
  productionShotWorkflow: 'Production shot',
  personaSyncWorkflow: 'Persona sync',
  personaRemoveWorkflow: 'Persona removal',
};

export function runTypeLabel(type: string): string {
  return RUN_TYPES[type] ?? type.replace(/Workflow$/, '');
}

/** The one status a gallery image shows: a review decision wins over the automated verdict. */
export type ImageStatus = 'passed' | 'failed' | 'awaiting_review' | 'approved' | 'rejected' | 'timed_out' | 'not_validated';

export interface ImageLike {
  dinoProcessingStatus?: string | null;
  review?: { status?: string | null } | null;
  qualityScore?: number | null;
  consistencyScore?: number | null;
}

export function imageStatus(image: ImageLike): ImageStatus {
  const review = image.review?.status;
  if (review === 'awaiting_review') return 'awaiting_review';
  if (review === 'approved') return 'approved';
  if (review === 'rejected') return 'rejected';
  if (review === 'timed_out') return 'timed_out';
  if (image.dinoProcessingStatus === 'validation_success') return 'passed';
  if (image.dinoProcessingStatus === 'validation_failed') return 'failed';
  return 'not_validated';
}

/** A score is shown only when it was measured; otherwise the words "not validated", never a 0. */
export function formatScore(value: number | null | undefined): string {
  return typeof value === 'number' ? value.toFixed(1) : 'not validated';
}
