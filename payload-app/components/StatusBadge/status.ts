/** One place that turns an image document into what a person should read; shared by every badge. */
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

export const STATUS_LABEL: Record<ImageStatus, string> = {
  passed: 'Passed',
  failed: 'Failed',
  awaiting_review: 'Awaiting review',
  approved: 'Approved',
  rejected: 'Rejected',
  timed_out: 'Review timed out',
  not_validated: 'Not validated',
};

export const STATUS_COLOUR: Record<ImageStatus, { background: string; color: string }> = {
  passed: { background: '#dcf5e3', color: '#14532d' },
  approved: { background: '#dcf5e3', color: '#14532d' },
  failed: { background: '#fde2e1', color: '#7f1d1d' },
  rejected: { background: '#fde2e1', color: '#7f1d1d' },
  awaiting_review: { background: '#fff2cc', color: '#713f12' },
  timed_out: { background: '#ececec', color: '#374151' },
  not_validated: { background: '#ececec', color: '#374151' },
};

/** A score is shown only when it was measured; otherwise the words "not validated", never a 0. */
export function formatScore(value: number | null | undefined): string {
  return typeof value === 'number' ? value.toFixed(1) : 'not validated';
}
