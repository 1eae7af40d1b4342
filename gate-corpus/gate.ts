import type { DinoClient } from '../clients/dino';
import { TransientServiceError } from '../clients/errors';
import { cosineSimilarity, measureQuality } from '../image-analysis';
import { coreSetRules, type QaRuleSettings } from '../qa-policy/rules';
import { consistencyFromCosine } from '../contracts';
import { judgeCandidate } from '../qa-policy/judge';
import type { GateCase, GateCaseDescription } from './corpus';
import { prepareForAnalysis } from '../activities/support/prepare-image';

export interface GateOutcome {
  gateCase: GateCaseDescription;
  passed: boolean;
  reasons: string[];
  notes: string[];
  consistencyScore: number;
  qualityScore: number;
  engineId: string;
}

/**
 * The production gate, end to end except for Payload: the analysis service through its real client (upload →
 * extract), our cosine, our pixel checks against the master, and the judge with the QA settings' rules.
 */
export function createGate(options: { dino: DinoClient; settings: QaRuleSettings }) {
  const { dino, settings } = options;
  const masters = new Map<string, Promise<{ vector: number[]; engineId: string }>>();

  /** Transient failures are retried, as Temporal retries the activities in production. */
  async function withRetries<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof TransientServiceError) || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  async function analyse(bytes: Buffer, name: string): Promise<{ vector: number[]; engineId: string }> {
    return withRetries(() => analyseOnce(bytes, name));
  }

  async function analyseOnce(bytes: Buffer, name: string): Promise<{ vector: number[]; engineId: string }> {
    const prepared = await prepareForAnalysis(bytes, name);
    const { assetId } = await dino.uploadMedia(prepared.bytes, {
      filename: `${name}.${prepared.mimeType === 'image/png' ? 'png' : 'jpg'}`,
      contentType: prepared.mimeType,
    });
    try {
      const features = await dino.extractFeatures(assetId);
      return { vector: features.features, engineId: features.engineId };
    } finally {
      await dino.deleteMedia(assetId);
    }
  }

  return {
    async judge(gateCase: GateCase): Promise<GateOutcome> {
      const { build, ...description } = gateCase;
      const { image, master } = await build();
      if (!masters.has(gateCase.masterKey)) masters.set(gateCase.masterKey, analyse(master, 'master'));
      const [reference, candidate, quality] = await Promise.all([
        masters.get(gateCase.masterKey)!,
        analyse(image, 'candidate'),
        measureQuality(image, { expectedAspectRatio: gateCase.expectedAspectRatio, referenceImages: [master] }),
      ]);
      const cosine = cosineSimilarity(candidate.vector, reference.vector);
      const consistencyScore = consistencyFromCosine(cosine);
      const rules = coreSetRules(settings, candidate.engineId, gateCase.angle);
      const failedChecks = quality.checks
        .filter((check) => !check.passed)
        .map((check) => ({ id: check.id, note: check.note ?? check.label }));
      const verdict = judgeCandidate({ cosine, consistencyScore, qualityScore: quality.score, failedChecks }, rules);
      return { gateCase: description, ...verdict, consistencyScore, qualityScore: quality.score, engineId: candidate.engineId };
    },
  };
}
