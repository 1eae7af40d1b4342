import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Never the user's `.data/`: a library of its own unless a folder is named. */
export const DEFAULT_LIBRARY_DIR = path.join(tmpdir(), 'character-library-bench');

const schema = z.object({
  images: z.coerce.number().int().positive().default(100_000),
  dataDir: z.string().default(DEFAULT_LIBRARY_DIR),
  samples: z.coerce.number().int().positive().default(40),
});

export type LibraryOptions = z.infer<typeof schema>;

/** `--images N`, `--data-dir DIR` and (bench only) `--samples N` requests per filter. */
export function parseLibraryOptions(argv: string[]): LibraryOptions {
  const { values } = parseArgs({
    args: argv,
    options: { images: { type: 'string' }, 'data-dir': { type: 'string' }, samples: { type: 'string' } },
    strict: true,
  });
  const parsed = schema.safeParse({ images: values.images, dataDir: values['data-dir'], samples: values.samples });
  if (!parsed.success) throw new Error(`bad options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
