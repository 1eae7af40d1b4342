import { z } from 'zod';
import type { PayloadRestClient } from '../../clients/payload/client';
import { relationId, sameRelation } from '../../common/relation-id';
import { invalidInput } from '../errors';
import { loadCharacterContext } from '../support/character-context';
import { loadQaSettings, reviewTimeoutMs } from '../support/qa-settings';
import { chooseReferences } from './choose-references';

/** Settings and references resolved once at the start of a production-shot run. */
export interface ProductionShotContext {
  characterName: string;
  lookDescription: string;
  /** Master first, then approved core-set images (see choose-references.ts). */
  referenceMediaIds: Array<string | number>;
  engineId: string;
  minConsistency: number | null;
  minQuality: number;
  echoCosine: number;
  maxAttempts: number;
  reviewTimeoutMs: number;
}

const coreImageSchema = z.object({
  imageFile: z.unknown(),
  angle: z.number().nullish(),
  consistencyScore: z.number().nullish(),
  updatedAt: z.string(),
});

export function createProductionShotActivities({ payload }: { payload: PayloadRestClient }) {
  return {
    async loadProductionShotContext(input: { characterDocId: string | number }): Promise<ProductionShotContext> {
      // One round trip for all three on every run's path: neither the settings nor the character's core images
      // depend on the character document.
      const [{ name, lookDescription, masterMediaId, engineId }, settings, core] = await Promise.all([
        loadCharacterContext(payload, input.characterDocId),
        loadQaSettings(payload),
        payload.find(
          'character-images',
          { character: { equals: input.characterDocId }, isCoreReference: { equals: true } },
          { limit: 100 },
        ),
      ]);
      // Only the current master's core set: images made for an earlier master are retired, even if a late save slipped through.
      const current = core.docs.filter((doc) => sameRelation(doc.madeForMaster, masterMediaId));
      if (current.length === 0) throw invalidInput(`${name} has no approved core set yet.`, 'CoreSetMissing');
      const coreImages = current.map((doc) => {
        const image = coreImageSchema.parse(doc);
        return {
          mediaId: relationId(image.imageFile)!,
          angle: image.angle ?? null,
          consistencyScore: image.consistencyScore ?? null,
          approvedAt: image.updatedAt,
        };
      });
      const threshold = settings.productionThresholds?.find((row) => row.engineId === engineId);
      return {
        characterName: name,
        lookDescription,
        referenceMediaIds: chooseReferences(masterMediaId, coreImages),
        engineId,
        minConsistency: threshold ? threshold.minConsistency : null,
        minQuality: settings.minQualityScore ?? 60,
        echoCosine: settings.echoThresholds?.find((row) => row.engineId === engineId)?.cosine ?? settings.echoCosine ?? 0.97,
        maxAttempts: settings.maxAttemptsPerAngle ?? 3,
        reviewTimeoutMs: reviewTimeoutMs(settings),
      };
    },
  };
}

export type ProductionShotActivities = ReturnType<typeof createProductionShotActivities>;
