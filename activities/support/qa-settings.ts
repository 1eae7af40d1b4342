import { z } from 'zod';
import type { PayloadRestClient } from '../../clients/payload/client';

const bandSchema = z.object({
  engineId: z.string(),
  angle: z.number(),
  minConsistency: z.number(),
  maxConsistency: z.number().nullish(),
  characterFloor: z.number().nullish(),
  reviewUntilCalibrated: z.boolean().nullish(),
  calibrationNote: z.string().nullish(),
});
const engineBarSchema = z.object({ engineId: z.string(), minConsistency: z.number() });

/** The Payload global `qa-settings`, as the generation runs read it. */
const qaSettingsSchema = z.object({
  coreSetThresholds: z.array(bandSchema).nullish(),
  neighbourThresholds: z.array(engineBarSchema).nullish(),
  productionThresholds: z.array(engineBarSchema).nullish(),
  minQualityScore: z.number().nullish(),
  echoCosine: z.number().nullish(),
  echoThresholds: z.array(z.object({ engineId: z.string(), cosine: z.number() })).nullish(),
  maxAttemptsPerAngle: z.number().nullish(),
  coreSetConcurrency: z.number().nullish(),
  reviewTimeoutHours: z.number().nullish(),
});

export type QaSettings = z.infer<typeof qaSettingsSchema>;

export async function loadQaSettings(payload: PayloadRestClient): Promise<QaSettings> {
  return qaSettingsSchema.parse(await payload.getGlobal('qa-settings'));
}

/** How long a flagged image waits for a reviewer before it times out. */
export function reviewTimeoutMs(settings: QaSettings): number {
  return Math.round((settings.reviewTimeoutHours ?? 72) * 3_600_000);
}
