import type { Endpoint } from 'payload';
import sharp from 'sharp';
import { CORE_SET_ANGLES, MAX_IMAGE_PIXELS } from '../../../../contracts';
import { relationId } from '../../../../common/relation-id';
import { findForCaller, HttpError, requireRole, respond } from '../../../endpoints/http';
import { readMediaFile } from '../../../storage/read-media-file';

const CELL_WIDTH = 300;
const CELL_HEIGHT = 400;
const LABEL_HEIGHT = 36;

/**
 * GET /api/characters/:id/turnaround — one PNG with the approved core set in turnaround order (0° … 315°);
 * `?download=1` makes it a file download. Angles without an approved image are left as labelled gaps.
 */
export const turnaroundSheetEndpoint: Endpoint = {
  path: '/:id/turnaround',
  method: 'get',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'admin', 'editor', 'reviewer', 'viewer');
      const character = await findForCaller(req, 'characters', 'character');
      const core = await req.payload.find({
        collection: 'character-images',
        where: {
          character: { equals: character.id },
          isCoreReference: { equals: true },
          madeForMaster: { equals: relationId(character.masterReferenceImage) ?? -1 },
        },
        depth: 1,
        limit: 100,
        sort: '-consistencyScore',
        req,
        overrideAccess: false,
      });
      if (core.docs.length === 0) throw new HttpError(409, `${character.name} has no approved core-set images yet.`);
      const cells = await Promise.all(
        CORE_SET_ANGLES.map(async (angle, index) => {
          const image = core.docs.find((doc) => doc.angle === angle);
          const file = image && typeof image.imageFile === 'object' ? image.imageFile : undefined;
          const tile = file
            ? await sharp(await readMediaFile(req, file), { limitInputPixels: MAX_IMAGE_PIXELS })
                .resize(CELL_WIDTH, CELL_HEIGHT, { fit: 'contain', background: '#ffffff' })
                .png()
                .toBuffer()
            : await sharp({ create: { width: CELL_WIDTH, height: CELL_HEIGHT, channels: 3, background: '#eeeeee' } })
                .png()
                .toBuffer();
          return [
            { input: tile, left: index * CELL_WIDTH, top: 0 },
            { input: label(`${angle}°${image ? '' : ' (missing)'}`), left: index * CELL_WIDTH, top: CELL_HEIGHT },
          ];
        }),
      );
      const sheet = await sharp({
        create: { width: CELL_WIDTH * CORE_SET_ANGLES.length, height: CELL_HEIGHT + LABEL_HEIGHT, channels: 3, background: '#ffffff' },
      })
        .composite(cells.flat())
        .png()
        .toBuffer();
      const download = new URL(req.url ?? 'http://x/').searchParams.get('download') === '1';
      return new Response(new Uint8Array(sheet), {
        headers: {
          'content-type': 'image/png',
          'cache-control': 'private, no-store',
          ...(download ? { 'content-disposition': `attachment; filename="${character.characterId}-turnaround.png"` } : {}),
        },
      });
    }),
};

function label(text: string): Buffer {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CELL_WIDTH}" height="${LABEL_HEIGHT}"><text x="50%" y="24" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#333">${escaped}</text></svg>`,
  );
}
