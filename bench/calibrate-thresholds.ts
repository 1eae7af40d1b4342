/**
 * `npm run calibrate`: measures the classical engine's consistency scores on the image-model stand-in and prints a
 * threshold per view angle (payload-app/globals/QaSettings/defaults.ts keeps the ones chosen from this).
 *
 * For N characters: the front master against the same character at each angle (should pass), against an off-model
 * variant of it and against other characters at that angle (should fail). The suggested bar is midway between the
 * lowest same-character score and the highest wrong-character score; a negative margin means the engine cannot
 * separate them at that angle and reviewers must decide.
 */
import { CLASSICAL_ENGINE_ID, consistencyFromCosine, CORE_SET_ANGLES } from '../contracts';
import { computeEmbedding, cosineSimilarity } from '../image-analysis';
import { offModelLook, randomLook, renderCharacter } from '../local-services/gemini/renderer';

const CHARACTERS = Number(process.env.CALIBRATE_CHARACTERS ?? 6);
const score = (a: number[], b: number[]) => consistencyFromCosine(cosineSimilarity(a, b));

const same = new Map<number, number[]>(CORE_SET_ANGLES.map((angle) => [angle, []]));
const wrong = new Map<number, number[]>(CORE_SET_ANGLES.map((angle) => [angle, []]));
for (let seed = 1; seed <= CHARACTERS; seed++) {
  const look = randomLook(seed);
  const master = (await computeEmbedding(await renderCharacter(look, 0, { seed }))).vector;
  for (const angle of CORE_SET_ANGLES) {
    const render = async (l: typeof look) => (await computeEmbedding(await renderCharacter(l, angle, { seed: seed * 1000 + angle }))).vector;
    same.get(angle)!.push(score(master, await render(look)));
    wrong.get(angle)!.push(score(master, await render(offModelLook(look))), score(master, await render(randomLook(seed + 500))));
  }
}
console.log(`${CLASSICAL_ENGINE_ID} on the stand-in, ${CHARACTERS} characters (consistencyScore = 100 × max(0, cosine))`);
console.log('angle  same(min..max)   wrong(min..max)   margin  suggested');
for (const angle of CORE_SET_ANGLES) {
  const s = same.get(angle)!;
  const w = wrong.get(angle)!;
  const low = Math.min(...s);
  const high = Math.max(...w);
  console.log(
    `${String(angle).padStart(4)}°  ${low.toFixed(1)}..${Math.max(...s).toFixed(1)}`.padEnd(24) +
      `${Math.min(...w).toFixed(1)}..${high.toFixed(1)}`.padEnd(18) +
      `${(low - high).toFixed(1)}`.padEnd(8) +
      `${Math.floor((low + high) / 2)}`,
  );
}
