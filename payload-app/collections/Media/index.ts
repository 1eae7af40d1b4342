import type { CollectionConfig } from 'payload';
import { authenticated, editorsOrService, hasRole, serviceWritesField } from '../../access/roles';
import { labelledOptions } from '../../components/StatusBadge/status';
import { appConfig } from '../../config';
import { embeddingField } from './fields/embedding';
import { remeasureReplacedMaster, resetMeasurementsOnNewFile } from './hooks/file-replaced';
import { guardUpload } from './hooks/guard-upload';

export const DINO_PROCESSING_STATUSES = ['pending', 'processing', 'validation_failed', 'validation_success'] as const;

const readOnlyPipeline = { create: serviceWritesField, update: serviceWritesField };

export const Media: CollectionConfig = {
  slug: 'media',
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'dinoProcessingStatus', 'qualityScore', 'width', 'height'],
    group: 'Library',
  },
  // What a gallery, a list or a review card shows of an image it links to; never the analysis (its feature vector
  // alone is thousands of characters per image).
  defaultPopulate: {
    alt: true,
    filename: true,
    mimeType: true,
    filesize: true,
    width: true,
    height: true,
    url: true,
    thumbnailURL: true,
    sizes: true,
    dinoProcessingStatus: true,
    qualityScore: true,
    validationNotes: true,
  },
  hooks: { beforeOperation: [guardUpload], beforeChange: [resetMeasurementsOnNewFile], afterChange: [remeasureReplacedMaster] },
  access: {
    read: authenticated,
    create: editorsOrService,
    update: editorsOrService,
    // The worker deletes the generated candidates it discards; uploaded originals only an admin deletes.
    delete: ({ req }) => {
      if (hasRole(req.user, 'admin')) return true;
      if (hasRole(req.user, 'service')) return { generationKey: { exists: true } };
      return false;
    },
  },
  upload: {
    staticDir: appConfig().MEDIA_DIR,
    // Only formats the analysis service and sharp both decode; content is sniffed, not trusted by extension.
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp'],
    imageSizes: [
      { name: 'thumbnail', width: 240, height: 320, fit: 'inside' },
      { name: 'card', width: 600, fit: 'inside' },
    ],
    adminThumbnail: 'thumbnail',
    focalPoint: false,
    crop: false,
  },
  fields: [
    { name: 'alt', type: 'text' },
    {
      name: 'generationKey',
      type: 'text',
      unique: true,
      index: true,
      access: readOnlyPipeline,
      admin: { readOnly: true, description: 'Set on generated images: lets a retried generation find the image it already made.' },
    },
    {
      name: 'generation',
      type: 'group',
      access: readOnlyPipeline,
      admin: { readOnly: true, condition: (data) => Boolean(data?.generationKey) },
      fields: [
        { name: 'model', type: 'text' },
        { name: 'modelVersion', type: 'text' },
        { name: 'usage', type: 'json' },
        { name: 'costUsd', type: 'number' },
      ],
    },
    {
      name: 'dinoAssetId',
      type: 'text',
      label: 'DINOv3 Asset ID',
      index: true,
      access: readOnlyPipeline,
      admin: { readOnly: true, description: 'The asset id the analysis service gave this image.' },
    },
    {
      name: 'dinoProcessingStatus',
      type: 'select',
      label: 'DINOv3 Status',
      options: labelledOptions(DINO_PROCESSING_STATUSES),
      defaultValue: 'pending',
      access: readOnlyPipeline,
      admin: { readOnly: true },
    },
    {
      name: 'qualityScore',
      type: 'number',
      label: 'Quality Score (0-100)',
      min: 0,
      max: 100,
      access: readOnlyPipeline,
      admin: { readOnly: true, description: 'Measured by the quality checks; empty means not validated.' },
    },
    {
      name: 'validationNotes',
      type: 'textarea',
      access: readOnlyPipeline,
      admin: { readOnly: true },
    },
    {
      name: 'analysis',
      type: 'group',
      label: 'Analysis (measured)',
      access: readOnlyPipeline,
      admin: { readOnly: true, condition: (data) => Boolean(data?.dinoAssetId) },
      fields: [
        { name: 'engineId', type: 'text', admin: { readOnly: true } },
        { name: 'embeddingLength', type: 'number', admin: { readOnly: true } },
        embeddingField,
        { name: 'qualityChecks', type: 'json', admin: { readOnly: true } },
        {
          name: 'serviceQualityScore',
          type: 'number',
          admin: {
            readOnly: true,
            description: "The analysis service's own quality_score (0-1). Recorded, not used: it saturates.",
          },
        },
        { name: 'serviceImageMetrics', type: 'json', admin: { readOnly: true } },
        { name: 'analyzedAt', type: 'date', admin: { readOnly: true } },
        { name: 'error', type: 'textarea', admin: { readOnly: true } },
      ],
    },
  ],
};
