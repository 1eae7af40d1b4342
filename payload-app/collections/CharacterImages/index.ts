import type { CollectionConfig, Field } from 'payload';
import { adminOnly, authenticated, service, serviceWritesField } from '../../access/roles';
import { labelledOptions } from '../../components/StatusBadge/status';
import { DINO_PROCESSING_STATUSES } from '../Media';
import { reviewEndpoint } from './endpoints/review';
import { coreSetFollowsMaster } from './hooks/core-set-follows-master';

const pipelineAccess = { create: serviceWritesField, update: serviceWritesField };

/** `withdrawn`: the run that waited for the decision failed or was cancelled; the image left the review queue. */
export const REVIEW_STATUSES = [
  'not_required',
  'awaiting_review',
  'approved',
  'retry_requested',
  'rejected',
  'timed_out',
  'withdrawn',
] as const;

const reviewFields: Field[] = [
  { name: 'status', type: 'select', defaultValue: 'not_required', options: labelledOptions(REVIEW_STATUSES), index: true },
  { name: 'requestedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
  { name: 'decidedBy', type: 'relationship', relationTo: 'users' },
  { name: 'decidedByLabel', type: 'text', admin: { description: 'Who decided, as given (e.g. an operator using the Temporal CLI).' } },
  { name: 'decidedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
  { name: 'note', type: 'textarea' },
  { name: 'promptAdjustment', type: 'textarea' },
];

/**
 * One document per gallery image (docs/decisions.md): eight angle workflows write concurrently, so an array on the
 * character (read-modify-write) would lose entries.
 */
export const CharacterImages: CollectionConfig = {
  slug: 'character-images',
  labels: { singular: 'Gallery image', plural: 'Gallery images' },
  admin: {
    useAsTitle: 'generationKey',
    defaultColumns: ['imageFile', 'status', 'character', 'kind', 'angle', 'shotType', 'qualityScore', 'consistencyScore', 'tags'],
    group: 'Library',
  },
  endpoints: [reviewEndpoint],
  hooks: { beforeChange: [coreSetFollowsMaster] },
  // The gallery filters and shows the newest first (bench/README.md, `npm run bench:library`). An equality filter
  // reads its page in index order. Score ranges walk the newest-first index that carries both scores, which also
  // counts the matches without reading rows: a score index of its own made SQLite sort every match by date instead.
  indexes: [
    { fields: ['character', 'createdAt'] },
    { fields: ['review.status', 'createdAt'] },
    { fields: ['kind', 'createdAt'] },
    { fields: ['createdAt', 'qualityScore', 'consistencyScore'] },
  ],
  access: {
    read: authenticated,
    // Images are made by the workflows; people act on them through review, which goes through Temporal.
    create: service,
    update: service,
    delete: adminOnly,
  },
  fields: [
    {
      name: 'status',
      type: 'ui',
      label: 'Status',
      admin: {
        components: { Cell: '/components/StatusBadge/Cell#StatusBadgeCell', Field: '/components/StatusBadge/Field#StatusBadgeField' },
      },
    },
    { name: 'character', type: 'relationship', relationTo: 'characters', required: true, index: true },
    { name: 'kind', type: 'select', required: true, options: ['core', 'production'], index: true },
    { name: 'angle', type: 'number', min: 0, max: 359, admin: { description: 'View angle in degrees (core set).' } },
    { name: 'imageFile', type: 'upload', relationTo: 'media', required: true },
    {
      name: 'madeForMaster',
      type: 'relationship',
      relationTo: 'media',
      index: true,
      access: pipelineAccess,
      admin: { readOnly: true, description: 'The master reference this image was made and judged against.' },
    },
    {
      name: 'retired',
      type: 'group',
      access: pipelineAccess,
      admin: {
        readOnly: true,
        description: 'Set when a new master replaced the one this image was made for: it stays in the library, out of the core set.',
      },
      fields: [
        { name: 'at', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'reason', type: 'text' },
      ],
    },
    { name: 'isCoreReference', type: 'checkbox', label: 'Is Part of 360° Core Set?', defaultValue: false, index: true },
    { name: 'dinoAssetId', type: 'text', label: 'DINOv3 Asset ID', access: pipelineAccess, admin: { readOnly: true } },
    {
      name: 'dinoProcessingStatus',
      type: 'select',
      label: 'DINOv3 Status',
      options: labelledOptions(DINO_PROCESSING_STATUSES),
      defaultValue: 'pending',
      index: true,
      access: pipelineAccess,
      admin: { readOnly: true },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'qualityScore',
          type: 'number',
          label: 'Quality Score (0-100)',
          min: 0,
          max: 100,
          access: pipelineAccess,
          admin: { readOnly: true, width: '50%' },
        },
        {
          name: 'consistencyScore',
          type: 'number',
          label: 'Consistency Score (0-100)',
          min: 0,
          max: 100,
          access: pipelineAccess,
          admin: { readOnly: true, width: '50%' },
        },
      ],
    },
    { name: 'validationNotes', type: 'textarea', label: 'Validation Notes', access: pipelineAccess, admin: { readOnly: true } },
    { name: 'shotType', type: 'text', label: 'Shot Type (e.g., front, 45_left, over-the-shoulder)' },
    { name: 'tags', type: 'textarea', label: 'Image Tags' },
    { name: 'review', type: 'group', access: pipelineAccess, admin: { readOnly: true }, fields: reviewFields },
    {
      name: 'generationKey',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      access: pipelineAccess,
      admin: { readOnly: true, description: 'Idempotency key: a retried save finds this document instead of making another.' },
    },
    {
      name: 'provenance',
      type: 'group',
      access: pipelineAccess,
      admin: { readOnly: true },
      fields: [
        { name: 'prompt', type: 'textarea' },
        { name: 'model', type: 'text' },
        { name: 'modelVersion', type: 'text' },
        { name: 'referenceMediaIds', type: 'json' },
        { name: 'attempt', type: 'number' },
        { name: 'usage', type: 'json' },
        { name: 'costUsd', type: 'number' },
      ],
    },
    {
      name: 'measurements',
      type: 'group',
      label: 'Measurements (raw)',
      access: pipelineAccess,
      admin: { readOnly: true },
      fields: [
        { name: 'cosine', type: 'number' },
        { name: 'engineId', type: 'text' },
        { name: 'consistencyThreshold', type: 'number' },
        {
          name: 'consistencyUpperBound',
          type: 'number',
          admin: { description: "The most a view at this angle may reach: above it, it is the master's own view." },
        },
        {
          name: 'reasons',
          type: 'json',
          admin: { description: 'Short ids of what failed: consistency, view, echo, review and each failed quality check.' },
        },
        { name: 'qualityThreshold', type: 'number' },
        { name: 'comparedWithMediaId', type: 'text' },
        { name: 'qualityChecks', type: 'json' },
        { name: 'serviceQualityScore', type: 'number' },
      ],
    },
    { name: 'workflowId', type: 'text', index: true, access: pipelineAccess, admin: { readOnly: true } },
    { name: 'workflowRunId', type: 'text', access: pipelineAccess, admin: { readOnly: true } },
  ],
};
