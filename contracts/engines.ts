/**
 * Analysis engine ids. Cosines are only comparable within one engine, so thresholds are kept per engine id and
 * every stored score records the engine that produced it.
 */

/** The DINOv3 service's model, as the analysis client reports it (without the `facebook/` prefix). */
export const DINOV3_ENGINE_ID = 'dinov3-vitb16-pretrain-lvd1689m';

/** The offline stand-in's classical (not learned) descriptor (image-analysis/embedding.ts). */
export const CLASSICAL_ENGINE_ID = 'classical-v2';
