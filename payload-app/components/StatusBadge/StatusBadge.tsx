import type React from 'react';
import { imageStatus, statusLabel, statusTone, type ImageLike } from './status';

interface BadgeProps {
  status: string | null | undefined;
  /** Overrides the status's own label, e.g. to add a count. */
  label?: string;
  testId?: string;
}

/** Any stored or reported status as a small pill in the admin theme's colours (so dark mode reads too). */
export function Badge({ status, label, testId }: BadgeProps): React.ReactElement {
  return (
    <span className={`cal-badge cal-badge--${statusTone(status)}`} data-status={status ?? ''} data-testid={testId}>
      {label ?? statusLabel(status)}
    </span>
  );
}

/** A gallery image's one status: a review decision wins over the automated verdict. */
export function StatusBadge({ image }: { image: ImageLike }): React.ReactElement {
  return <Badge status={imageStatus(image)} />;
}
