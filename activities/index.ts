import type { DinoClient } from '../clients/dino';
import type { PayloadRestClient } from '../clients/payload/client';
import { withFailureClassification } from './errors';
import { createMasterReferenceActivities } from './master-reference/activities';

export interface ActivityDeps {
  payload: PayloadRestClient;
  dino: DinoClient;
  temporalUiUrl: string;
  namespace: string;
}

/** All activities, built from injected clients so tests can point them at stand-ins or fakes. */
export function createActivities(deps: ActivityDeps) {
  return withFailureClassification({
    ...createMasterReferenceActivities(deps),
  });
}
