import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { CoreSetProgress } from '../../contracts';
import type { Json } from '../json';
import type { RestSession } from '../rest';
import { allDocs } from './all-docs';

export interface ChaosCounts {
  runsStarted: number;
  completed: number;
  incomplete: number;
  failed: number;
  /** Still running, or ended some other way (cancelled, terminated, timed out). */
  notEnded: number;
  imagesKept: number;
  lost: number;
  duplicates: number;
  orphanMedia: number;
  orphanAssets: number;
  orphanReviewItems: number;
  /** One line per finding, for a person to follow up; `note:` lines are outcomes, not defects. */
  findings: string[];
}

/** Images that stay in the gallery; rejected, withdrawn and timed-out ones have left it. */
const KEPT = new Set(['not_required', 'approved', 'awaiting_review']);
const ACCEPTED_ANGLE = new Set(['passed', 'approved']);

const assetListSchema = z.object({ assetIds: z.array(z.string()) });

const id = (value: unknown) =>
  value === null || value === undefined ? undefined : String(typeof value === 'object' ? (value as { id: unknown }).id : value);
/** `core:<characterId>:<runId>:<slot>:attempt-<n>` → the slot: one kept image per slot and run. */
const slotOf = (generationKey: string) => generationKey.replace(/:attempt-\d+$/, '');

/**
 * What a chaos run left behind, read from Temporal, Payload's REST API and the analysis stand-in. Call it once every
 * run has ended: then nothing is legitimately in flight, so anything unreferenced is an orphan.
 */
export async function countOutcomes(options: {
  admin: RestSession;
  temporal: Client;
  dinoUrl: string;
  workflowIds: string[];
}): Promise<ChaosCounts> {
  const { admin, temporal } = options;
  const findings: string[] = [];
  const counts: ChaosCounts = {
    runsStarted: options.workflowIds.length,
    completed: 0,
    incomplete: 0,
    failed: 0,
    notEnded: 0,
    imagesKept: 0,
    lost: 0,
    duplicates: 0,
    orphanMedia: 0,
    orphanAssets: 0,
    orphanReviewItems: 0,
    findings,
  };

  const [images, media, characters] = await Promise.all([
    allDocs(admin, 'character-images'),
    allDocs(admin, 'media'),
    allDocs(admin, 'characters'),
  ]);
  const imagesById = new Map(images.map((image) => [String(image.id), image]));
  const mediaById = new Map(media.map((doc) => [String(doc.id), doc]));
  const kept = images.filter((image) => KEPT.has(image.review?.status ?? 'not_required'));
  counts.imagesKept = kept.filter((image) => image.review?.status !== 'awaiting_review').length;
  const runningWaits = new Map<string, Set<string>>();

  for (const workflowId of options.workflowIds) {
    const handle = temporal.workflow.getHandle(workflowId);
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') {
      counts.notEnded++;
      const progress = (await handle.query<CoreSetProgress>('progress')) as Json;
      runningWaits.set(
        workflowId,
        new Set(((progress.angles ?? [progress]) as Json[]).filter((a) => a.state === 'awaiting_review').map((a) => String(a.imageId))),
      );
      continue;
    }
    if (status.name === 'FAILED') {
      counts.failed++;
      continue;
    }
    if (status.name !== 'COMPLETED') {
      counts.notEnded++;
      findings.push(`${workflowId}: ended ${status.name}`);
      continue;
    }
    const result = (await handle.result()) as Json;
    if (result.status === 'complete') counts.completed++;
    else counts.incomplete++;
    for (const angle of (result.angles ?? [result]) as Json[]) {
      if (!ACCEPTED_ANGLE.has(angle.state)) {
        findings.push(
          `note: ${workflowId} angle ${angle.angle ?? '-'} ended ${angle.state}${angle.reason ? `: ${String(angle.reason).slice(0, 200)}` : ''}`,
        );
        continue;
      }
      const what = `${workflowId} angle ${angle.angle ?? '-'} (${angle.state})`;
      const image = imagesById.get(String(angle.imageId));
      if (!image) {
        counts.lost++;
        findings.push(`lost: ${what}: gallery image ${angle.imageId} is missing`);
        continue;
      }
      if (!KEPT.has(image.review?.status ?? 'not_required')) {
        counts.lost++;
        findings.push(`lost: ${what}: gallery image ${image.id} is ${image.review?.status}`);
        continue;
      }
      const file = mediaById.get(id(image.imageFile) ?? '');
      if (!file || (await admin.request('GET', new URL(String(file.url), admin.baseUrl).pathname)).status !== 200) {
        counts.lost++;
        findings.push(`lost: ${what}: media ${id(image.imageFile)} of gallery image ${image.id} is ${file ? 'unreadable' : 'missing'}`);
      }
    }
  }

  for (const [slot, group] of groupBy(kept, (image) => slotOf(String(image.generationKey)))) {
    if (group.length < 2) continue;
    counts.duplicates += group.length - 1;
    findings.push(`duplicate: ${group.length} kept images for ${slot}: ${group.map((image) => image.id).join(', ')}`);
  }
  for (const [key, group] of groupBy(
    media.filter((doc) => doc.generationKey),
    (doc) => String(doc.generationKey),
  )) {
    if (group.length < 2) continue;
    counts.duplicates += group.length - 1;
    findings.push(`duplicate: ${group.length} media with generationKey ${key}: ${group.map((doc) => doc.id).join(', ')}`);
  }

  const masters = new Set(characters.map((character) => id(character.masterReferenceImage)).filter(Boolean));
  const usedMedia = new Set([...masters, ...images.map((image) => id(image.imageFile))]);
  for (const doc of media) {
    if (usedMedia.has(String(doc.id))) continue;
    counts.orphanMedia++;
    findings.push(`orphan media ${doc.id} (${doc.generationKey ?? doc.filename})`);
  }

  const referencedAssets = new Set<string>();
  for (const character of characters)
    if (character.masterIngest?.dinoAssetId) referencedAssets.add(String(character.masterIngest.dinoAssetId));
  for (const masterId of masters)
    if (mediaById.get(masterId!)?.dinoAssetId) referencedAssets.add(String(mediaById.get(masterId!)!.dinoAssetId));
  for (const image of kept) if (image.dinoAssetId) referencedAssets.add(String(image.dinoAssetId));
  const assets = assetListSchema.parse(await (await fetch(`${options.dinoUrl}/_control/assets`)).json()).assetIds;
  for (const assetId of assets) {
    if (referencedAssets.has(assetId)) continue;
    counts.orphanAssets++;
    const owner = media.find((doc) => doc.dinoAssetId === assetId);
    findings.push(
      `orphan analysis asset ${assetId}${owner ? ` (media ${owner.id}, ${owner.generationKey ?? owner.filename})` : ' (no media names it)'}`,
    );
  }

  for (const image of images.filter((candidate) => candidate.review?.status === 'awaiting_review')) {
    if (runningWaits.get(String(image.workflowId))?.has(String(image.id))) continue;
    counts.orphanReviewItems++;
    findings.push(`orphan review item: image ${image.id} of ${image.workflowId} awaits a decision nobody waits for`);
  }
  return counts;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
