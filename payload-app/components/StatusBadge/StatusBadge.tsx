import type React from 'react';
import { imageStatus, STATUS_COLOUR, STATUS_LABEL, type ImageLike } from './status';

export function StatusBadge({ image }: { image: ImageLike }): React.ReactElement {
  const status = imageStatus(image);
  return (
    <span className="cal-badge" data-status={status} style={{ ...STATUS_COLOUR[status], padding: '2px 8px', borderRadius: 10, fontSize: 12, fontWeight: 600, whiteSpace: 'nowrap' }}>
      {STATUS_LABEL[status]}
    </span>
  );
}
