import type { DinoClient } from '../../clients/dino';
import type { PayloadRestClient } from '../../clients/payload/client';
import { madeForEarlierMasterReason, type MasterReferenceInput } from '../../contracts';
import { measureQuality, type MeasureQuality } from '../../image-analysis';
import { analysisAssetFor } from '../support/analysis-upload';
import { findIfPresent } from '../support/find-if-present';
import type { PendingAnalysisUploads } from '../support/pending-analysis-uploads';
import { NO_STORED_FILE_CACHE, readStoredFile, type StoredFileCache } from '../support/stored-file-cache';
import { MAX_ANALYSIS_BYTES } from '../support/prepare-image';
import { callingRun } from '../support/run-info';
import { assertUsableMaster } from './usable-master';
import { relationId } from '../../common/relation-id';

export interface MasterReferenceDeps {
  payload: PayloadRestClient;
  dino: DinoClient;
  temporalUiUrl: string;
  namespace: string;
  /** Uploads to the analysis service whose id is not yet written (activities/support/pending-analysis-uploads.ts). */
  pendingUploads?: PendingAnalysisUploads;
  /** The master's bytes, kept for the core set that usually follows on this process (stored-file-cache.ts). */
  storedFiles?: StoredFileCache;
  /** Where pixels are measured: the process's measurement threads (workers/main.ts); unset, on the calling thread. */
  measurePixels?: MeasureQuality;
}

export function createMasterReferenceActivities({
  payload,
  dino,
  temporalUiUrl,
  namespace,
  pendingUploads,
  storedFiles = NO_STORED_FILE_CACHE,
  measurePixels = measureQuality,
}: MasterReferenceDeps) {
  async function loadCharacter(input: MasterReferenceInput) {
    return payload.findById('characters', input.characterDocId);
  }

  async function isStillCurrent(input: MasterReferenceInput): Promise<boolean> {
    const character = await loadCharacter(input);
    return String(relationId(character.masterReferenceImage) ?? '') === String(input.mediaId);
  }

  const runInfo = () => callingRun(temporalUiUrl, namespace);

  /**
   * A new master retires the core set made for an earlier one: those images stay in the library, marked, but no
   * longer serve as references, in the turnaround sheet or as the core set. Idempotent: retired images are skipped.
   */
  async function retireEarlierCoreImages(characterDocId: string | number, masterMediaId: string | number): Promise<void> {
    const stale = await payload.find(
      'character-images',
      {
        and: [
          { character: { equals: characterDocId } },
          { kind: { equals: 'core' } },
          { 'retired.at': { exists: false } },
          { or: [{ madeForMaster: { not_equals: masterMediaId } }, { madeForMaster: { exists: false } }] },
        ],
      },
      { limit: 500 },
    );
    const at = new Date().toISOString();
    for (const image of stale.docs) {
      await payload.update('character-images', image.id, {
        isCoreReference: false,
        retired: {
          at,
          reason: madeForEarlierMasterReason(relationId(image.madeForMaster), masterMediaId),
        },
      });
    }
    if (stale.docs.length > 0) {
      await payload.recordPipelineState(characterDocId, {
        coreSet: {
          status: 'not_started',
          error: `The previous core set (${stale.docs.length} images) was made for an earlier master and is retired.`,
          updatedAt: at,
        },
      });
    }
  }

  return {
    /** Reads committed state: the save that started this run may still be committing, or may have rolled back. */
    async verifyMasterIsCurrent(input: MasterReferenceInput): Promise<{ current: boolean }> {
      return { current: await isStillCurrent(input) };
    },

    async markMasterIngestStarted(input: MasterReferenceInput): Promise<void> {
      const now = new Date().toISOString();
      // The media's file was replaced: the old file's analysis asset is of no use any more.
      if (input.retireAssetId) await dino.deleteMedia(input.retireAssetId);
      await payload.update('media', input.mediaId, { dinoProcessingStatus: 'processing' });
      await payload.recordPipelineState(input.characterDocId, {
        masterIngest: { status: 'processing', mediaId: String(input.mediaId), error: null, updatedAt: now, ...runInfo() },
      });
    },

    /**
     * Upload is not idempotent on the service side, so the asset id is written to the media at once and a retry
     * reuses it while the service still knows it. A picture that cannot be a master is refused here with what was
     * measured (usable-master.ts), and the workflow records the failure.
     */
    async registerMasterWithAnalysis(input: MasterReferenceInput): Promise<{ dinoAssetId: string }> {
      const media = await payload.findById('media', input.mediaId);
      // Read through the process's file cache: measureMasterQuality and the core set that follows use the same file.
      const readOriginal = (doc: typeof media) => readStoredFile(payload, storedFiles, doc, MAX_ANALYSIS_BYTES);
      // Checked before the analysis service sees it: an unusable master leaves no asset behind.
      return {
        dinoAssetId: await analysisAssetFor({ payload, dino, pendingUploads, readOriginal }, media, 'The master reference image', (bytes) =>
          assertUsableMaster(bytes, measurePixels),
        ),
      };
    },

    async extractMasterFeatures(
      input: MasterReferenceInput & { dinoAssetId: string },
    ): Promise<{ engineId: string; embeddingLength: number }> {
      const features = await dino.extractFeatures(input.dinoAssetId);
      const engineId = features.engineId;
      await payload.update('media', input.mediaId, {
        analysis: { engineId, embeddingLength: features.features.length, embedding: features.features },
      });
      return { engineId, embeddingLength: features.features.length };
    },

    /**
     * Quality is measured by our own checks on the pixels; the service's quality_score saturates, so it is
     * recorded next to them and never used as the score.
     */
    async measureMasterQuality(input: MasterReferenceInput & { dinoAssetId: string }): Promise<{ qualityScore: number; notes: string }> {
      const media = await payload.findById('media', input.mediaId);
      const original = await readStoredFile(payload, storedFiles, media, MAX_ANALYSIS_BYTES);
      const [report, serviceQuality, serviceMetrics] = await Promise.all([
        measurePixels(original),
        dino.analyzeQuality(input.dinoAssetId),
        dino.analyzeImageMetrics(input.dinoAssetId),
      ]);
      const failed = report.checks.filter((check) => !check.passed);
      const notes =
        failed.length === 0
          ? 'All quality checks passed.'
          : failed.map((check) => check.note ?? `${check.label}: ${check.value}`).join('\n');
      const previous = (media.analysis ?? {}) as Record<string, unknown>;
      await payload.update('media', input.mediaId, {
        qualityScore: report.score,
        validationNotes: notes,
        analysis: {
          ...previous,
          qualityChecks: report.checks,
          serviceQualityScore: serviceQuality.qualityScore,
          serviceImageMetrics: serviceMetrics,
          analyzedAt: new Date().toISOString(),
          error: null,
        },
      });
      return { qualityScore: report.score, notes };
    },

    async recordMasterIngestReady(
      input: MasterReferenceInput & { dinoAssetId: string; engineId: string; qualityScore: number },
    ): Promise<{ recordedOnCharacter: boolean }> {
      await payload.update('media', input.mediaId, { dinoProcessingStatus: 'validation_success' });
      // A newer master may have been chosen meanwhile: its own run owns the character's state then.
      if (!(await isStillCurrent(input))) return { recordedOnCharacter: false };
      await payload.recordPipelineState(input.characterDocId, {
        masterIngest: {
          status: 'ready',
          mediaId: String(input.mediaId),
          dinoAssetId: input.dinoAssetId,
          engineId: input.engineId,
          qualityScore: input.qualityScore,
          error: null,
          updatedAt: new Date().toISOString(),
          ...runInfo(),
        },
        lastError: null,
      });
      await retireEarlierCoreImages(input.characterDocId, input.mediaId);
      return { recordedOnCharacter: true };
    },

    /** Leaves nothing half-made: the analysis asset is deleted and the failure is written where users look. */
    async recordMasterIngestFailed(input: MasterReferenceInput & { error: string }): Promise<void> {
      const media = await findIfPresent(payload, 'media', input.mediaId);
      const assetId = typeof media?.dinoAssetId === 'string' && media.dinoAssetId ? media.dinoAssetId : undefined;
      if (assetId) await dino.deleteMedia(assetId);
      if (media) {
        const previous = (media.analysis ?? {}) as Record<string, unknown>;
        await payload.update('media', input.mediaId, {
          dinoAssetId: null,
          dinoProcessingStatus: 'validation_failed',
          qualityScore: null,
          validationNotes: input.error,
          analysis: { ...previous, embedding: null, embeddingLength: null, error: input.error },
        });
      }
      if (!(await isStillCurrent(input))) return;
      await payload.recordPipelineState(input.characterDocId, {
        masterIngest: {
          status: 'failed',
          mediaId: String(input.mediaId),
          dinoAssetId: null,
          qualityScore: null,
          error: input.error,
          updatedAt: new Date().toISOString(),
          ...runInfo(),
        },
        lastError: input.error,
      });
    },
  };
}

export type MasterReferenceActivities = ReturnType<typeof createMasterReferenceActivities>;
