export { colourfulness, deltaE2000, rgbToLab, type Lab } from './color';
export { decodeRgb, UndecodableImageError, type RgbImage } from './decode';
export { computeEmbedding, cosineSimilarity, type Embedding } from './embedding';
export { hammingDistance, perceptualHash } from './phash';
export { measureQuality, QUALITY_THRESHOLDS, type QualityCheck, type QualityOptions, type QualityReport } from './quality';
export { subjectMask, type SubjectMask } from './subject-mask';
export { startMeasurementThreads, type MeasureQuality, type MeasurementThreads } from './measurement-threads';
