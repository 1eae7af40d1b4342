/** The image model accepts at most this many reference images per request (docs/services.md). */
export const MAX_REFERENCE_IMAGES = 14;

/** Largest file a person or the worker may upload, in bytes: a master is a drawing, not a print master. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/**
 * Most pixels decoded from any uploaded image (width × height). A small PNG can declare billions of pixels (a
 * decompression bomb); sharp's own default (268 MP) would still take gigabytes of memory on this machine.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** Largest JSON body the custom REST endpoints read (twenty shots with long prompts fit well inside it). */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** Most documents one REST list answer carries; `limit=0` and `pagination=false` are capped to it too. */
export const MAX_PAGE_SIZE = 200;
