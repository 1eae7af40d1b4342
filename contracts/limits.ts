/** The image model accepts at most this many reference images per request (specs/gemini-image-api.md). */
export const MAX_REFERENCE_IMAGES = 14;
