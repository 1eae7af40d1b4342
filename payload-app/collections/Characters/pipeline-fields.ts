import type { Field } from 'payload';
import { serviceWritesField } from '../../access/roles';
import { labelledOptions } from '../../components/StatusBadge/status';

const pipelineAccess = { create: serviceWritesField, update: serviceWritesField };

/**
 * The edit view shows all of this as one summary in the sidebar (the `pipelineSummary` field). A condition, not
 * `admin.hidden`, keeps the fields out of the form: hidden fields would also leave the list's columns and filters.
 */
const shownInSummaryOnly = () => false;
const statusCell = { Cell: '/components/StatusBadge/PipelineStatusCell#PipelineStatusCell' };

const runFields: Field[] = [
  { name: 'workflowId', type: 'text', admin: { readOnly: true } },
  { name: 'runId', type: 'text', admin: { readOnly: true } },
  { name: 'workflowUrl', type: 'text', label: 'Run in Temporal Web UI', admin: { readOnly: true } },
  { name: 'error', type: 'textarea', admin: { readOnly: true } },
  { name: 'updatedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
];

/** Read-only state the workflows record on the character (docs/decisions.md). */
export const pipelineFields: Field[] = [
  {
    name: 'masterIngest',
    type: 'group',
    label: 'Master reference',
    access: pipelineAccess,
    admin: { position: 'sidebar', readOnly: true, condition: shownInSummaryOnly },
    fields: [
      {
        name: 'status',
        type: 'select',
        defaultValue: 'not_started',
        options: labelledOptions(['not_started', 'queued', 'processing', 'ready', 'failed']),
        admin: { readOnly: true, components: statusCell },
      },
      { name: 'mediaId', type: 'text', admin: { readOnly: true } },
      { name: 'dinoAssetId', type: 'text', label: 'DINOv3 Asset ID', admin: { readOnly: true } },
      { name: 'engineId', type: 'text', label: 'Analysis engine', admin: { readOnly: true } },
      { name: 'qualityScore', type: 'number', label: 'Quality Score (0-100)', admin: { readOnly: true } },
      { name: 'queuedAt', type: 'date', admin: { readOnly: true, hidden: true } },
      ...runFields,
    ],
  },
  {
    name: 'coreSet',
    type: 'group',
    label: '360° core set',
    access: pipelineAccess,
    admin: { position: 'sidebar', readOnly: true, condition: shownInSummaryOnly },
    fields: [
      {
        name: 'status',
        type: 'select',
        defaultValue: 'not_started',
        options: labelledOptions(['not_started', 'running', 'awaiting_review', 'complete', 'incomplete', 'failed', 'cancelled']),
        admin: { readOnly: true, components: statusCell },
      },
      ...runFields,
    ],
  },
  {
    name: 'personaSync',
    type: 'group',
    label: 'Persona in knowledge base',
    access: pipelineAccess,
    admin: { position: 'sidebar', readOnly: true, condition: shownInSummaryOnly },
    fields: [
      {
        name: 'status',
        type: 'select',
        defaultValue: 'not_synced',
        options: labelledOptions(['not_synced', 'pending', 'syncing', 'synced', 'failed']),
        admin: { readOnly: true, components: statusCell },
      },
      { name: 'documentHash', type: 'text', admin: { readOnly: true } },
      { name: 'syncedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      ...runFields,
    ],
  },
  {
    name: 'costs',
    type: 'group',
    label: 'Generation cost',
    access: pipelineAccess,
    admin: { position: 'sidebar', readOnly: true, condition: shownInSummaryOnly },
    fields: [
      { name: 'totalUsd', type: 'number', label: 'Total spent (USD)', admin: { readOnly: true } },
      { name: 'acceptedImages', type: 'number', admin: { readOnly: true } },
      { name: 'perAcceptedImageUsd', type: 'number', label: 'Cost per accepted image (USD)', admin: { readOnly: true } },
    ],
  },
  {
    name: 'lastError',
    type: 'textarea',
    access: pipelineAccess,
    admin: { position: 'sidebar', readOnly: true, condition: shownInSummaryOnly },
  },
];
