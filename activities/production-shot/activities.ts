import { z } from 'zod';
import type { PayloadRestClient } from '../../clients/payload/client';
import { relationId } from '../../common/relation-id';
import { invalidInput } from '../errors';
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

const qaSettingsSchema = z.object({
  productionThresholds: z.array(z.object({ engineId: z.string(), minConsistency: z.number() })).nullish(),
  minQualityScore: z.number().nullish(),
  echoCosine: z.number().nullish(),
  echoThresholds: z.array(z.object({ engineId: z.string(), cosine: z.number() })).nullish(),
  maxAttemptsPerAngle: z.number().nullish(),
  reviewTimeoutHours: z.number().nullish(),
});

const characterSchema = z.object({
  name: z.string(),
  physicalDescription: z.string().nullish(),
  clothing: z.string().nullish(),
  masterReferenceImage: z.unknown(),
  masterIngest: z.object({ status: z.string().nullish(), engineId: z.string().nullish() }).nullish(),
});

const coreImageSchema = z.object({
  imageFile: z.unknown(),
  angle: z.number().nullish(),
  consistencyScore: z.number().nullish(),
  updatedAt: z.string(),
});

export function createProductionShotActivities({ payload }: { payload: PayloadRestClient }) {
  return {
    async loadProductionShotContext(input: { characterDocId: string | number }): Promise<ProductionShotContext> {
      const character = characterSchema.parse(await payload.findById('characters', input.characterDocId));
      const masterMediaId = relationId(character.masterReferenceImage);
      if (masterMediaId === undefined || character.masterIngest?.status !== 'ready' || !character.masterIngest.engineId) {
        throw invalidInput(`${character.name} has no ingested master reference.`, 'MasterNotReady');
      }
      // Only the current master's core set: images made for an earlier master are retired, even if a late save slipped through.
      const core = await payload.find(
        'character-images',
        { character: { equals: input.characterDocId }, isCoreReference: { equals: true }, madeForMaster: { equals: masterMediaId } },
        { limit: 100 },
      );
      if (core.docs.length === 0) throw invalidInput(`${character.name} has no approved core set yet.`, 'CoreSetMissing');
      const coreImages = core.docs.map((doc) => {
        const image = coreImageSchema.parse(doc);
        return { mediaId: relationId(image.imageFile)!, angle: image.angle ?? null, consistencyScore: image.consistencyScore ?? null, approvedAt: image.updatedAt };
      });
      const settings = qaSettingsSchema.parse(await payload.getGlobal('qa-settings'));
      const engineId = character.masterIngest.engineId;
      const threshold = settings.productionThresholds?.find((row) => row.engineId === engineId);
      return {
        characterName: character.name,
        lookDescription: [character.physicalDescription, character.clothing].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim(),
        referenceMediaIds: chooseReferences(masterMediaId, coreImages),
        engineId,
        minConsistency: threshold ? threshold.minConsistency : null,
        minQuality: settings.minQualityScore ?? 60,
        echoCosine: settings.echoThresholds?.find((row) => row.engineId === engineId)?.cosine ?? settings.echoCosine ?? 0.97,
        maxAttempts: settings.maxAttemptsPerAngle ?? 3,
        reviewTimeoutMs: Math.round((settings.reviewTimeoutHours ?? 72) * 3_600_000),
      };
    },
  };
}

export type ProductionShotActivities = ReturnType<typeof createProductionShotActivities>;
