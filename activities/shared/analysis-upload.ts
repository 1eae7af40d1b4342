import type { DinoClient } from '../../clients/dino';
import type { PayloadDoc, PayloadRestClient } from '../../clients/payload/client';
import { MAX_ANALYSIS_BYTES, prepareForAnalysis } from './prepare-image';

export interface AnalysisUploadDeps {
  payload: PayloadRestClient;
  dino: DinoClient;
}

/**
 * Registers a media file with the analysis service and returns the asset id. Upload is not idempotent there, so the
 * id is written to the media at once; when that write fails the asset is deleted again, as nothing would know it.
 * `what` names the image in a refusal, e.g. "The master reference image is not a readable image".
 */
export async function uploadMediaForAnalysis(
  { payload, dino }: AnalysisUploadDeps,
  media: PayloadDoc,
  what: string,
  /** The media's bytes when the caller has already downloaded them. */
  downloaded?: Buffer,
): Promise<string> {
  const original = downloaded ?? (await payload.downloadFile(String(media.url), MAX_ANALYSIS_BYTES));
  const prepared = await prepareForAnalysis(original, what);
  const filename = analysisFilename(media, prepared.mimeType);
  const uploaded = await dino.uploadMedia(prepared.bytes, { filename, contentType: prepared.mimeType });
  try {
    await payload.update('media', media.id, { dinoAssetId: uploaded.assetId, dinoProcessingStatus: 'processing' });
  } catch (error) {
    await dino.deleteMedia(uploaded.assetId).catch(() => undefined);
    throw error;
  }
  return uploaded.assetId;
}

/** The media's name with the extension of the bytes actually sent (they may have been re-encoded). */
function analysisFilename(media: PayloadDoc, mimeType: string): string {
  const stem = String(media.filename ?? `media-${media.id}`).replace(/\.[^.]+$/, '');
  return `${stem}${mimeType === 'image/png' ? '.png' : '.jpg'}`;
}
