/**
 * `npm run calibrate`: proposes per-angle consistency bands for an analysis engine from labelled examples, with the
 * confusion table behind them. Works against any engine by URL (the real DINOv3 service included):
 *
 *   npm run calibrate -- --dir <folder> [--out bands.json]     a studio's labelled images, laid out as
 *       <folder>/<character>/master.png
 *       <folder>/<character>/same/<angle>/*.png          this character at that view
 *       <folder>/<character>/wrong-view/<angle>/*.png    this character, but not the view asked for at <angle>
 *       <folder>/<character>/other/<angle>/*.png         another character at that view
 *   npm run calibrate [-- --write-folder <folder>]       the same, on a set drawn here by both independent drawing
 *                                                          methods (gate-corpus/), optionally kept as such a folder
 *
 *   DINO_BASE_URL (and DINO_API_KEY) choose the engine; without it the local stand-in runs in-process.
 *   CALIBRATE_CHARACTERS characters per drawing method for the generated set (default 6).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareForAnalysis } from '../activities/support/prepare-image';
import { createDinoClient } from '../clients/dino';
import { writeCalibrationFolder } from '../gate-corpus/calibration-set';
import { consistencyFromCosine } from '../contracts';
import { cosineSimilarity } from '../image-analysis';
import { startDinoStandIn } from '../local-services/dino/server';
import { formatBands, proposeBands, proposeNeighbourBar, type CalibrationLabel, type CalibrationSample } from '../qa-policy/calibration';

const { values } = parseArgs({ options: { dir: { type: 'string' }, out: { type: 'string' }, 'write-folder': { type: 'string' } } });
const LABELS: CalibrationLabel[] = ['same', 'wrong-view', 'other'];
const IMAGE = /\.(png|jpe?g|webp)$/i;

let folder = values.dir;
const cleanups: Array<() => Promise<void>> = [];
if (!folder) {
  folder = values['write-folder'] ?? (await mkdtemp(path.join(tmpdir(), 'calibration-set-')));
  if (!values['write-folder']) cleanups.push(() => rm(folder!, { recursive: true, force: true }));
  const count = await writeCalibrationFolder(folder, Number(process.env.CALIBRATE_CHARACTERS ?? 6));
  console.error(`drew ${count} labelled images into ${folder}`);
}

let baseUrl = process.env.DINO_BASE_URL;
if (!baseUrl) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'calibrate-dino-'));
  const standIn = await startDinoStandIn({ port: 0, dataDir });
  baseUrl = standIn.url;
  cleanups.push(
    () => standIn.close(),
    () => rm(dataDir, { recursive: true, force: true }),
  );
}
const dino = createDinoClient({ baseUrl, apiKey: process.env.DINO_API_KEY });

async function embed(file: string): Promise<{ vector: number[]; engineId: string }> {
  const prepared = await prepareForAnalysis(await readFile(file), path.basename(file));
  const { assetId } = await dino.uploadMedia(prepared.bytes, { filename: path.basename(file), contentType: prepared.mimeType });
  try {
    const features = await dino.extractFeatures(assetId);
    return { vector: features.features, engineId: features.engineId };
  } finally {
    await dino.deleteMedia(assetId);
  }
}

const samples: CalibrationSample[] = [];
const neighbourSamples: Array<{ label: 'same' | 'wrong-view'; score: number }> = [];
const engines = new Set<string>();
try {
  for (const character of (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isDirectory())) {
    const dir = path.join(folder, character.name);
    const masterFile = (await readdir(dir)).find((name) => /^master\./i.test(name) && IMAGE.test(name));
    if (!masterFile) {
      console.error(`skipping ${character.name}: no master.png/jpg`);
      continue;
    }
    const master = await embed(path.join(dir, masterFile));
    engines.add(master.engineId);
    const vectors: Array<{ label: CalibrationLabel; angle: number; vector: number[] }> = [];
    for (const label of LABELS) {
      const labelDir = path.join(dir, label);
      const angles = await readdir(labelDir).catch(() => [] as string[]);
      for (const angleName of angles.filter((name) => /^\d+$/.test(name))) {
        for (const file of (await readdir(path.join(labelDir, angleName))).filter((name) => IMAGE.test(name))) {
          const image = await embed(path.join(labelDir, angleName, file));
          engines.add(image.engineId);
          samples.push({
            angle: Number(angleName),
            label,
            score: consistencyFromCosine(cosineSimilarity(master.vector, image.vector)),
            source: `${character.name}/${label}/${angleName}/${file}`,
          });
          vectors.push({ label, angle: Number(angleName), vector: image.vector });
        }
      }
    }
    // Against the right views 45° either side, as the core set compares a new view with accepted neighbours: the judge
    // fails an image below the bar on either side, so the lower of its two scores is what counts.
    for (const image of vectors.filter((entry) => entry.label !== 'other')) {
      const scores = vectors
        .filter((entry) => entry.label === 'same' && [45, 315].includes((entry.angle - image.angle + 360) % 360))
        .map((neighbour) => consistencyFromCosine(cosineSimilarity(image.vector, neighbour.vector)));
      if (scores.length) neighbourSamples.push({ label: image.label === 'same' ? 'same' : 'wrong-view', score: Math.min(...scores) });
    }
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}

if (engines.size !== 1) throw new Error(`expected one engine, the images were analysed by: ${[...engines].join(', ') || 'none'}`);
const engineId = [...engines][0]!;
const bands = proposeBands(samples);
console.log(formatBands(engineId, bands));
const neighbour = proposeNeighbourBar(neighbourSamples);
console.log(`Neighbouring views (θ ± 45°): ${neighbour.note}`);
if (values.out) {
  const rows = bands.map(({ angle, minConsistency, maxConsistency, characterFloor, reviewUntilCalibrated, calibrationNote }) => ({
    engineId,
    angle,
    minConsistency,
    maxConsistency,
    characterFloor,
    reviewUntilCalibrated,
    calibrationNote,
  }));
  const neighbourThresholds = neighbour.minConsistency === null ? [] : [{ engineId, minConsistency: neighbour.minConsistency }];
  await writeFile(
    values.out,
    `${JSON.stringify({ engineId, coreSetThresholds: rows, neighbourThresholds, bands, samples, neighbourSamples }, null, 2)}\n`,
  );
  console.log(`wrote ${values.out}`);
}
