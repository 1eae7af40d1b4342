'use client';
import { useFormFields } from '@payloadcms/ui';
import { StatusBadge } from './StatusBadge';

/** The badge on an image's own edit view, from the form's current values. */
export function StatusBadgeField() {
  const fields = useFormFields(([state]) => state);
  const image = {
    dinoProcessingStatus: fields.dinoProcessingStatus?.value as string | undefined,
    review: { status: fields['review.status']?.value as string | undefined },
  };
  return (
    <div style={{ marginBottom: 16 }}>
      <StatusBadge image={image} />
    </div>
  );
}
