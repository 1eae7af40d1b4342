/**
 * `npm run seed -- --images 100000 [--data-dir DIR]`: a big library for measuring the gallery, in DIR (default: a
 * folder in the system's temp dir, never `.data/`). Prints how long it took; a second run reuses what is there.
 */
import { parseLibraryOptions } from './library/options';
import { seedLibrary } from './library/seed-library';

const options = parseLibraryOptions(process.argv.slice(2));
const seeded = await seedLibrary({ dataDir: options.dataDir, images: options.images, log: (line) => console.log(line) });
console.log(
  `library in ${options.dataDir}: ${seeded.images} gallery images, ${seeded.characters.length} characters; ` +
    `seeded ${seeded.seededNow} now in ${seeded.seconds.toFixed(1)} s`,
);
console.log(`DATABASE_URI=${seeded.databaseUri} MEDIA_DIR=${seeded.mediaDir}`);
