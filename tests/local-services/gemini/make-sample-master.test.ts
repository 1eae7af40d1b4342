import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BAND_NAMES, colourDifference, measureFigure, randomLook } from '../../../local-services/gemini/renderer';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

describe('make-sample-master CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sample-master-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) =>
    run(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'local-services/gemini/make-sample-master.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );

  it('writes a front-view master of the seeded look', async () => {
    const out = path.join(dir, 'master.png');
    const { stdout } = await cli(out, '17');
    expect(stdout).toContain('seed 17');
    const measured = await measureFigure(await readFile(out));
    const look = randomLook(17);
    for (const band of BAND_NAMES) expect(colourDifference(measured!.bands[band]!, look.colours[band])).toBeLessThan(3);
  });

  it('explains its usage when the output path is missing', async () => {
    await expect(cli()).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: make-sample-master.ts <out.png> [seed]'),
    });
  });
});
