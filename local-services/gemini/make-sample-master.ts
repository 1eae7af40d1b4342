import { writeFile } from 'node:fs/promises';
import { randomLook } from './renderer/look';
import { renderCharacter } from './renderer/render';

/**
 * `tsx local-services/gemini/make-sample-master.ts <out.png> [seed]`: writes a front-view "genesis" master reference
 * of a procedural character, for demos and for trying the pipeline without an artist's image.
 */
const [out, seedArg] = process.argv.slice(2);
if (!out) {
  console.error('usage: make-sample-master.ts <out.png> [seed]');
  process.exit(2);
}
const seed = seedArg === undefined ? 1 : Number(seedArg);
if (!Number.isInteger(seed)) {
  console.error(`seed must be an integer, got "${seedArg}"`);
  process.exit(2);
}
const look = randomLook(seed);
await writeFile(out, await renderCharacter(look, 0, { seed }));
console.log(`wrote ${out} (seed ${seed}): ${JSON.stringify(look)}`);
