export interface GalleryImage {
  id: string | number;
  kind: 'core' | 'production';
  angle?: number | null;
  shotType?: string | null;
  tags?: string | null;
  qualityScore?: number | null;
  consistencyScore?: number | null;
  dinoProcessingStatus?: string | null;
  validationNotes?: string | null;
  review?: { status?: string | null; decidedByLabel?: string | null; note?: string | null } | null;
  measurements?: { consistencyThreshold?: number | null; qualityThreshold?: number | null; engineId?: string | null } | null;
  imageFile?: { url?: string; sizes?: { thumbnail?: { url?: string | null } } } | null;
}
