import type { DinoClient } from '../clients/dino';
import type { ImageModelClient } from '../clients/gemini';
import type { PathragClient } from '../clients/pathrag';
import type { PayloadRestClient } from '../clients/payload/client';
import { createCoreSetActivities } from './core-set/activities';
import { withFailureClassification } from './errors';
import { createGenerationActivities } from './generation/activities';
import { createMasterReferenceActivities } from './master-reference/activities';
import { createPersonaSyncActivities } from './persona-sync/activities';
import { createProductionShotActivities } from './production-shot/activities';

export interface ActivityDeps {
  payload: PayloadRestClient;
  dino: DinoClient;
  imageModel: ImageModelClient;
  pathrag: PathragClient;
  /** The configured image model id, recorded in provenance. */
  imageModelId: string;
  temporalUiUrl: string;
  namespace: string;
}

/** All activities, built from injected clients so tests can point them at stand-ins or fakes. */
export function createActivities(deps: ActivityDeps) {
  return withFailureClassification({
    ...createMasterReferenceActivities(deps),
    ...createCoreSetActivities(deps),
    ...createGenerationActivities({ ...deps, modelId: deps.imageModelId }),
    ...createProductionShotActivities(deps),
    ...createPersonaSyncActivities(deps),
  });
}
