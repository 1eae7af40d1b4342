/** The image model accepts at most this many reference images per request (docs/services.md). */
export const MAX_REFERENCE_IMAGES = 14;
