import type { ServerProps } from 'payload';
import { hasRole } from '../../access/roles';
import { CoreSetBatchesClient } from './CoreSetBatches.client';

/** Above the Characters list: start core sets for the selected rows and follow the batches. The endpoints check again. */
export function CoreSetBatches({ user }: ServerProps) {
  return <CoreSetBatchesClient canGenerate={hasRole(user as never, 'admin', 'editor')} />;
}
