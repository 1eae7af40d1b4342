import { ApplicationFailure } from '@temporalio/activity';
import type { DinoClient } from '../../clients/dino';
import { PermanentServiceError } from '../../clients/errors';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';
import { NO_PENDING_UPLOAD_RECORD, type PendingAnalysisUploads } from './pending-analysis-uploads';
import { MAX_ANALYSIS_BYTES, prepareForAnalysis, type PreparedImage } from './prepare-image';

export interface AnalysisUploadDeps {
  payload: PayloadRestClient;
  dino: DinoClient;
  /** Where an upload whose id is not yet written is recorded, so a crash in between leaves no asset nobody can find. */
  pendingUploads?: PendingAnalysisUploads;
  /** How a media's stored file is read; by default downloaded. Workers read through their stored-file cache. */
  readOriginal?: (media: PayloadDoc) => Promise<Buffer>;
}

function originalOf({ payload, readOriginal }: AnalysisUploadDeps, media: PayloadDoc): Promise<Buffer> {
  return readOriginal ? readOriginal(media) : payload.downloadFile(String(media.url), MAX_ANALYSIS_BYTES);
}

/**
 * Registers a media file with the analysis service and returns the asset id. Upload is not idempotent there, so the
 * id is written to the media at once; when that write fails the asset is deleted again, as nothing would know it.
 * Until one of the two has happened the upload stays recorded (`pendingUploads`): a process killed in between leaves
 * the asset to the next worker's reconcile instead of to nobody.
 * `what` names the image in a refusal, e.g. "The master reference image is not a readable image".
 */
export async function uploadMediaForAnalysis(
  deps: AnalysisUploadDeps,
  media: PayloadDoc,
  what: string,
  /** The media's bytes when the caller has already downloaded them. */
  downloaded?: Buffer,
  /** Those bytes already being prepared (prepareForAnalysis) by the caller. */
  preparing?: Promise<PreparedImage>,
): Promise<string> {
  const { payload, dino, pendingUploads = NO_PENDING_UPLOAD_RECORD } = deps;
  const original = downloaded ?? (await originalOf(deps, media));
  const prepared = await (preparing ?? prepareForAnalysis(original, what));
  const filename = analysisFilename(media, prepared.mimeType);
  const uploaded = await dino.uploadMedia(prepared.bytes, { filename, contentType: prepared.mimeType });
  pendingUploads.uploaded({ assetId: uploaded.assetId, mediaId: media.id });
  try {
    await payload.update('media', media.id, { dinoAssetId: uploaded.assetId, dinoProcessingStatus: 'processing' });
  } catch (error) {
    // Past its last try the record stays, and the next worker process's reconcile deletes the asset.
    if (await deleteUnknownAsset(dino, uploaded.assetId)) pendingUploads.settled(uploaded.assetId);
    throw error;
  }
  pendingUploads.settled(uploaded.assetId);
  return uploaded.assetId;
}

/**
 * Stores new bytes in Payload (`store`), then registers the same bytes with the analysis service, so they are never
 * downloaded again to be analysed. One after the other, not at once: an asset exists only once its media does, and a
 * process killed between the upload and the id's write leaves no wider window than uploadMediaForAnalysis does.
 * When `store` finds an earlier media of the same key (a retried activity), that media's asset is used (or, if it has
 * none yet, one is made from the bytes in hand).
 *
 * Registering here saves a download; it is not what the caller's activity is for. So a registration that fails for
 * now (the service or Payload down) returns the stored media without an asset id, and registerCandidate registers the
 * stored file later: had the activity failed instead, the stored media would be left behind, unknown to any workflow,
 * once its retries ran out. A refusal for good removes the media and is thrown.
 */
export async function storeAndRegisterForAnalysis(
  deps: AnalysisUploadDeps,
  bytes: Buffer,
  what: string,
  store: () => Promise<PayloadDoc>,
): Promise<{ media: PayloadDoc; dinoAssetId?: string }> {
  // Preparing is CPU work on bytes in hand with no effect outside: it runs while Payload stores them. Its refusal is
  // handled below, once the media exists, exactly as if it had run after the store.
  const preparing = prepareForAnalysis(bytes, what);
  preparing.catch(() => undefined);
  const media = await store();
  const earlierAsset = typeof media.dinoAssetId === 'string' && media.dinoAssetId !== '';
  try {
    const dinoAssetId = earlierAsset
      ? await analysisAssetFor(deps, media, what)
      : await uploadMediaForAnalysis(deps, media, what, bytes, preparing);
    return { media, dinoAssetId };
  } catch (error) {
    if (!isPermanent(error)) return { media };
    // Refused for good (an unreadable image): no workflow would ever learn of the new media to clean it up.
    if (!earlierAsset) await deps.payload.remove('media', media.id).catch(() => undefined);
    throw error;
  }
}

/** The media's analysis asset (analysisAssetFor), or none while the service or Payload cannot be reached. */
export async function analysisAssetIfReachable(deps: AnalysisUploadDeps, media: PayloadDoc, what: string): Promise<string | undefined> {
  try {
    return await analysisAssetFor(deps, media, what);
  } catch (error) {
    if (isPermanent(error)) throw error;
    return undefined;
  }
}

/**
 * No retry of the activity can find this asset again, so a transient refusal of the delete is retried here. Whether
 * it was deleted is returned: past the last try only the upload's record can still find it.
 */
async function deleteUnknownAsset(dino: DinoClient, assetId: string, tries = 4): Promise<boolean> {
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      await dino.deleteMedia(assetId);
      return true;
    } catch {
      if (attempt < tries) await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
  return false;
}

/**
 * The media's analysis asset: the one its `dinoAssetId` names while the service still knows it, else a new upload.
 * The id can name a deleted asset: a write whose answer was lost (the app died after committing it) reads as failed,
 * and uploadMediaForAnalysis then deletes the asset the committed write names.
 */
export async function analysisAssetFor(
  deps: AnalysisUploadDeps,
  media: PayloadDoc,
  what: string,
  /** Runs on the original before a new upload, so a refused image leaves no asset behind. */
  checkBeforeUpload?: (original: Buffer) => Promise<void>,
): Promise<string> {
  const known = typeof media.dinoAssetId === 'string' && media.dinoAssetId ? media.dinoAssetId : undefined;
  if (known) {
    try {
      await deps.dino.getMedia(known);
      return known;
    } catch (error) {
      if (!(error instanceof PermanentServiceError && error.code === 'not_found')) throw error;
    }
  }
  if (!checkBeforeUpload) return uploadMediaForAnalysis(deps, media, what);
  const original = await originalOf(deps, media);
  await checkBeforeUpload(original);
  return uploadMediaForAnalysis(deps, media, what, original);
}

function isPermanent(error: unknown): boolean {
  return error instanceof PermanentServiceError || (error instanceof ApplicationFailure && error.nonRetryable === true);
}

/** The media's name with the extension of the bytes actually sent (they may have been re-encoded). */
function analysisFilename(media: PayloadDoc, mimeType: string): string {
  const stem = String(media.filename ?? `media-${media.id}`).replace(/\.[^.]+$/, '');
  return `${stem}${mimeType === 'image/png' ? '.png' : '.jpg'}`;
}
