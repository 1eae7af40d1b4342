import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DRAWING_METHODS } from './drawing-methods';
import { randomLook, renderCharacter } from '../local-services/gemini/renderer';
import { lookFromReference } from '../local-services/gemini/renderer/analyse';

const ANGLES = [0, 45, 90, 135, 180, 225, 270, 315];
const FRAMES = [
  { width: 864, height: 1184 },
  { width: 1024, height: 1024 },
  { width: 768, height: 1344 },
];
const BACKDROPS = ['#efede8', '#f7f7f7', '#dde4ec', '#e9e2d6'];

/**
 * A labelled calibration folder drawn by every drawing method (the layout `npm run calibrate -- --dir` reads):
 * per character a master (front view), the right view at each angle, a wrong view for each angle (the front view
 * again for turned angles, the back view for the front) and another character at each angle. Returns the number
 * of images written.
 */
export async function writeCalibrationFolder(folder: string, charactersPerMethod: number): Promise<number> {
  let written = 0;
  const save = async (file: string, bytes: Buffer) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    written++;
  };
  for (const [methodIndex, method] of DRAWING_METHODS.entries()) {
    for (let index = 0; index < charactersPerMethod; index++) {
      const character = 500 + 100 * methodIndex + index;
      const frame = FRAMES[index % FRAMES.length]!;
      const backdrop = BACKDROPS[(index + methodIndex) % BACKDROPS.length]!;
      const dir = path.join(folder, `${method.id}-${character}`);
      const draw = (who: number, angle: number, seed: number) => method.draw(who, angle, frame, seed, backdrop);
      const master = await draw(character, 0, 1);
      await save(path.join(dir, 'master.png'), master);
      // The image-model stand-in redraws a character from what it reads off the master, as a model does: the same
      // character with the small drift a redraw has, which the bars must pass too.
      const redrawn = method.id === 'stand-in' ? await lookFromReference(master, randomLook(character)) : undefined;
      for (const angle of ANGLES) {
        await save(path.join(dir, 'same', String(angle), 'view.png'), await draw(character, angle, 10 + angle));
        if (redrawn) {
          await save(
            path.join(dir, 'same', String(angle), 'redrawn.png'),
            await renderCharacter(redrawn, angle, { width: frame.width, height: frame.height, seed: 40 + angle, background: backdrop }),
          );
        }
        await save(
          path.join(dir, 'wrong-view', String(angle), angle === 0 ? 'back-view.png' : 'front-view.png'),
          await draw(character, angle === 0 ? 180 : 0, 20 + angle),
        );
        await save(path.join(dir, 'other', String(angle), 'other-character.png'), await draw(character + 50, angle, 30 + angle));
      }
    }
  }
  return written;
}
