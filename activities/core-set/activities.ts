import type { PayloadRestClient } from '../../clients/payload/client';
import { relationId, sameRelation } from '../../common/relation-id';
import { CORE_SET_ANGLES } from '../../contracts';
import type { JudgingRules } from '../../qa-policy/judge';
import { coreSetRules } from '../../qa-policy/rules';
import { loadCharacterContext } from '../support/character-context';
import { loadQaSettings, reviewTimeoutMs } from '../support/qa-settings';
import { callingRun } from '../support/run-info';

/** Settings and references resolved once at the start of a core-set run (from the character and the QA settings). */
export interface CoreSetContext {
  characterName: string;
  lookDescription: string;
  masterMediaId: string | number;
  engineId: string;
  /** The band each angle is judged by, resolved once so a settings change mid-run cannot mix two rule sets. */
  rules?: Record<string, JudgingRules>;
  /** Core images already accepted for this master, by angle: the neighbours a new view is compared with. */
  acceptedViews?: Record<string, string | number>;
  /** Recorded by runs from before view bands (see runAngle). */
  thresholds?: Record<string, number | null>;
  minQuality?: number;
  echoCosine?: number;
  maxAttempts: number;
  concurrency: number;
  reviewTimeoutMs: number;
  aspectRatio: string;
}

export interface CoreSetDeps {
  payload: PayloadRestClient;
  temporalUiUrl: string;
  namespace: string;
}

export function createCoreSetActivities({ payload, temporalUiUrl, namespace }: CoreSetDeps) {
  return {
    /** Resolves everything the run judges by, once, so a settings change mid-run cannot mix two rule sets. */
    async loadCoreSetContext(input: {
      characterDocId: string | number;
      maxAttempts?: number;
      thresholdOverride?: number;
    }): Promise<CoreSetContext> {
      // One round trip for all three on every run's path: neither the settings nor the character's core images
      // depend on the character document. Core images of an earlier master are retired (isCoreReference false) when a
      // new one is ingested; those a master change leaves for a moment are filtered out below by their master.
      const [{ name, lookDescription, masterMediaId, engineId }, settings, coreImages] = await Promise.all([
        loadCharacterContext(payload, input.characterDocId),
        loadQaSettings(payload),
        payload.find(
          'character-images',
          { character: { equals: input.characterDocId }, isCoreReference: { equals: true } },
          { limit: 100, sort: '-consistencyScore' },
        ),
      ]);
      const rules: Record<string, JudgingRules> = {};
      for (const angle of CORE_SET_ANGLES) rules[String(angle)] = coreSetRules(settings, engineId, angle, input.thresholdOverride);
      const acceptedViews: Record<string, string | number> = {};
      for (const image of coreImages.docs) {
        const mediaId = relationId(image.imageFile);
        if (!sameRelation(image.madeForMaster, masterMediaId)) continue;
        if (typeof image.angle === 'number' && mediaId !== undefined && !(String(image.angle) in acceptedViews))
          acceptedViews[String(image.angle)] = mediaId;
      }
      return {
        characterName: name,
        lookDescription,
        masterMediaId,
        engineId,
        rules,
        acceptedViews,
        maxAttempts: input.maxAttempts ?? settings.maxAttemptsPerAngle ?? 3,
        concurrency: settings.coreSetConcurrency ?? 8,
        reviewTimeoutMs: reviewTimeoutMs(settings),
        aspectRatio: '3:4',
      };
    },

    async recordCoreSetState(input: { characterDocId: string | number; status: string; error: string | null }): Promise<void> {
      await payload.recordPipelineState(input.characterDocId, {
        coreSet: {
          status: input.status,
          ...callingRun(temporalUiUrl, namespace),
          error: input.error,
          updatedAt: new Date().toISOString(),
        },
      });
    },
  };
}

export type CoreSetActivities = ReturnType<typeof createCoreSetActivities>;
